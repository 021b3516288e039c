import { replaceChineseNumerals } from "./numerals.js";
import { parseTimeOfDay } from "./time.js";
import type { ParseDateOptions, ParseResult } from "./types.js";
import { wallTimeIn, wallTimeToInstant } from "./zone.js";

// Relative dates: 刚刚, 5分钟前, 3小时前, 3天前, 昨天 14:30, 前天, 2 hours ago, yesterday, 3시간 전.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNIT_MS: Record<string, number> = {
  秒: 1000,
  秒钟: 1000,
  秒鐘: 1000,
  초: 1000,
  second: 1000,
  sec: 1000,
  分: MINUTE,
  分钟: MINUTE,
  分鐘: MINUTE,
  분: MINUTE,
  minute: MINUTE,
  min: MINUTE,
  小时: HOUR,
  小時: HOUR,
  个小时: HOUR,
  個小時: HOUR,
  時間: HOUR,
  시간: HOUR,
  hour: HOUR,
  hr: HOUR,
  天: DAY,
  日: DAY,
  일: DAY,
  day: DAY,
  周: 7 * DAY,
  週: 7 * DAY,
  星期: 7 * DAY,
  个星期: 7 * DAY,
  個星期: 7 * DAY,
  週間: 7 * DAY,
  주: 7 * DAY,
  week: 7 * DAY,
};

const MONTH_UNITS = new Set(["个月", "個月", "ヶ月", "か月", "カ月", "개월", "달", "month"]);
const YEAR_UNITS = new Set(["年", "년", "year"]);

const JUST_NOW = /^(?:刚刚|剛剛|刚才|剛才|方才|たった今|今|방금|just now|now)$/iu;
const CJK_AGO = /^(\d+)\s*([^\d\s]+?)\s*(?:前|以前|之前|전)$/u;
const EN_AGO = /^(\d+|an?|one)\s+(second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago$/i;
const DAY_WORD =
  /^(今天|今日|오늘|today|昨天|昨日|어제|yesterday|前天|一昨日|그저께|그제|the day before yesterday)(?:\s*,?\s*(.*))?$/iu;

const DAYS_BACK: Record<string, number> = {
  今天: 0,
  今日: 0,
  오늘: 0,
  today: 0,
  昨天: 1,
  昨日: 1,
  어제: 1,
  yesterday: 1,
  前天: 2,
  一昨日: 2,
  그저께: 2,
  그제: 2,
  "the day before yesterday": 2,
};

export function parseRelativeDate(input: string, opts: ParseDateOptions): ParseResult {
  const s = replaceChineseNumerals(input);
  const now = opts.now.getTime();
  if (JUST_NOW.test(s)) return { instant: now };

  const cjk = CJK_AGO.exec(s);
  const en = cjk ? null : EN_AGO.exec(s);
  const match = cjk ?? en;
  if (match) {
    const count = /^\d+$/.test(match[1] ?? "") ? Number(match[1]) : 1;
    const unit = (match[2] ?? "").toLowerCase();
    const ms = UNIT_MS[unit];
    if (ms !== undefined) return { instant: now - count * ms };
    if (MONTH_UNITS.has(unit) || YEAR_UNITS.has(unit)) {
      const d = new Date(now);
      d.setUTCMonth(d.getUTCMonth() - (MONTH_UNITS.has(unit) ? count : count * 12));
      return { instant: d.getTime() };
    }
    return null;
  }

  const dayWord = DAY_WORD.exec(s);
  if (dayWord) {
    const back = DAYS_BACK[(dayWord[1] ?? "").toLowerCase()] ?? 0;
    const time = parseTimeOfDay(dayWord[2] ?? "");
    if (!time) return null;
    const today = wallTimeIn(opts.now, opts.timezone);
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    return {
      instant: wallTimeToInstant(
        {
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
          ...time,
        },
        opts.timezone,
      ),
    };
  }
  return null;
}
