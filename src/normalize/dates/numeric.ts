import { foldName, WEEKDAYS } from "./names.js";
import type { DayOrder } from "./order.js";
import { parseTimeOfDay } from "./time.js";
import type { DateParts, ParseResult } from "./types.js";
import { ianaZone } from "./zone.js";
import { parseZone } from "./zones.js";

// Numeric dates: ISO 8601 / RFC 3339 and the ordinary variants around them (2019/5/30, 2019.05.30,
// 20190530, 2019-05-30 14:00, 30.05.2019, 30/05/19), year-less 05-30 / 5/30 and Minguo 108/05/30.

const COMPACT =
  /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})\.?(?:(T|\s+|,\s*|(?=[+-]\d{2}|Z$))(.*))?$/i;
/** Day, month and year (or month first, see readDayMonth); "03/30/2020 - 19:19" as Drupal writes it. */
const DMY = /^(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})(?:(?:\s+-\s+|[\sT,]+)(.*))?$/;
const MONTH_DAY = /^(\d{1,2})([-/])(\d{1,2})(?:\s+(.*))?$/;
/** "Fri, 26/06/2020", "Mon, 03/30/2020": a weekday name before a numeric date. */
const WEEKDAY_PREFIX = /^([a-z]+)\.?,?\s+(?=\d)/i;
/** Year 1 of the Republic of China (民國元年) is 1912. */
export const ROC_OFFSET = 1911;
/** Taiwan's Minguo years: 108/05/30, 108-05-30, 108.05.30, 民國98/05/30 (year + 1911; bare, 000-199). */
const ROC_YMD =
  /^(?:(?:中華|中华)?民[國国]\s*(\d{1,3})|([01]\d{2}))([-/.])(\d{1,2})\3(\d{1,2})(?:\s+(.*))?$/u;
// A zone after the time: "+08:00", "GMT+8", "EDT", "+0800 CST" (the offset decides), "+08:00 (Beijing)"
// (a trailing comment, as in RFC 822), "America/Los_Angeles". A malformed offset ("+24:00", "+08:60")
// makes the date unparsed.
const OFFSET_TAIL =
  /\s*((?:UTC|GMT|UT)\s*[+-]\d{1,2}(?::?\d{2}(?::\d{2})?)?|[+-]\d{1,2}(?::?\d{2}(?::\d{2})?)?)$/i;
const NAME_TAIL = /(?<![a-z])\s*([a-z]{1,5})$/i;
const IANA_TAIL = /(?:^|\s+)([A-Za-z][A-Za-z_]*(?:\/[A-Za-z0-9_+-]+)+)$/;
const COMMENT_TAIL = /\s*\(([^()]*)\)$/;
/**
 * RFC 9557 (Java's ZonedDateTime) after the offset: "+08:00[Asia/Shanghai]", "[u-ca=japanese]". The
 * offset decides; a zone in brackets counts only when there is none.
 */
const BRACKET_TAIL = /\[!?([^\][]*)\]$/;
const RANGE = /^(\d{1,2}):(\d{2})\s*([-~～–—至到])\s*(\d{1,2}):(\d{2})$/u;

/** "09:00-12:00" is a time range (its start counts), "14:30-05:00" an offset: a range ends later. */
function rangeStart(rest: string, isoT: boolean): string | undefined {
  const range = RANGE.exec(rest);
  if (!range || (range[3] === "-" && isoT)) return undefined;
  const start = Number(range[1]) * 60 + Number(range[2]);
  const end = Number(range[4]) * 60 + Number(range[5]);
  return range[3] !== "-" || end > start ? `${range[1]}:${range[2]}` : undefined;
}

/** The time and zone after a date ("14:30 EDT", "下午2:30 +08:00"); null when they are not one. */
export function withTime(
  date: { year?: number; month: number; day: number },
  tail: string | undefined,
  isoT = false,
): DateParts | null {
  let rest = (tail ?? "").trim();
  let bracketZone: string | undefined;
  for (let bracket = BRACKET_TAIL.exec(rest); bracket; bracket = BRACKET_TAIL.exec(rest)) {
    // A key=value annotation says nothing of the zone.
    if (!bracket[1]!.includes("=")) {
      bracketZone = ianaZone(bracket[1]!);
      if (!bracketZone) return null;
    }
    rest = rest.slice(0, bracket.index).trim();
  }
  rest = rangeStart(rest, isoT) ?? rest;
  const comment = COMMENT_TAIL.exec(rest);
  if (comment) {
    // "(EDT)" names the zone; any other comment ("(Beijing)") is dropped.
    const inner = comment[1]!.trim();
    rest = `${rest.slice(0, comment.index)}${parseZone(inner) === undefined ? "" : ` ${inner}`}`.trim();
  }
  let offsetMinutes: number | undefined;
  let zoneName: string | undefined;
  let timeZone = bracketZone;
  const iana = IANA_TAIL.exec(rest);
  if (iana) {
    timeZone = ianaZone(iana[1]!);
    if (!timeZone) return null;
    rest = rest.slice(0, iana.index).trim();
  }
  const name = NAME_TAIL.exec(rest);
  const named = name ? parseZone(name[1]!) : undefined;
  if (name && named !== undefined) {
    offsetMinutes = named;
    zoneName = name[1]!.toLowerCase();
    rest = rest.slice(0, name.index).trim();
  }
  const offset = OFFSET_TAIL.exec(rest);
  if (offset) {
    const parsed = parseZone(offset[1]!.replace(/\s+/g, ""));
    if (parsed === undefined) return null;
    // "+0800 CST": the offset is exact, the name a reminder.
    offsetMinutes = parsed;
    zoneName = undefined;
    rest = rest.slice(0, offset.index).trim();
  }
  const time = parseTimeOfDay(rest);
  if (!time) return null;
  return {
    ...date,
    ...time,
    offsetMinutes,
    ...(zoneName ? { zoneName } : {}),
    ...(timeZone && offsetMinutes === undefined ? { timeZone } : {}),
  };
}

/**
 * Day and month of a date written with two small numbers: a number over 12 is the day; otherwise
 * slashes follow the source's language (`05/06/2019` is 5 June in en-GB, 6 May in en-US, the default),
 * and dots are always day first (30.05.2019, as in Europe).
 */
function readDayMonth(first: number, second: number, separator: string, order: DayOrder) {
  const dayFirst = separator === "." || first > 12 || (second <= 12 && order === "dmy");
  return dayFirst ? { day: first, month: second } : { day: second, month: first };
}

export function parseNumericDate(input: string, order: DayOrder = "mdy"): ParseResult {
  const weekday = WEEKDAY_PREFIX.exec(input);
  const s = weekday && WEEKDAYS.has(foldName(weekday[1]!)) ? input.slice(weekday[0].length) : input;
  const compact = COMPACT.exec(s);
  if (compact) {
    const zone = compact[8] ? parseZone(compact[8]) : undefined;
    if (compact[8] && zone === undefined) return null;
    return {
      year: Number(compact[1]),
      month: Number(compact[2]),
      day: Number(compact[3]),
      hour: Number(compact[4] ?? 0),
      minute: Number(compact[5] ?? 0),
      second: Number(compact[6] ?? 0),
      millisecond: compact[7] ? Math.floor(Number(`0.${compact[7]}`) * 1000) : 0,
      offsetMinutes: zone,
    };
  }
  const ymd = YMD.exec(s);
  if (ymd) {
    const date = { year: Number(ymd[1]), month: Number(ymd[3]), day: Number(ymd[4]) };
    return withTime(date, ymd[6], ymd[5]?.toUpperCase() === "T");
  }
  const dmy = DMY.exec(s);
  if (dmy) {
    const [first, second, last] = [Number(dmy[1]), Number(dmy[3]), dmy[4]!];
    // Two-digit years (30/10/23, 10/30/23) as RFC 2822 reads them; 19/05/30 is year first in Japan.
    if (last.length === 2 && order === "ymd" && dmy[2] === "/") {
      return withTime({ year: twoDigitYear(first), month: second, day: Number(last) }, dmy[5]);
    }
    const year = last.length === 2 ? twoDigitYear(Number(last)) : Number(last);
    return withTime({ year, ...readDayMonth(first, second, dmy[2]!, order) }, dmy[5]);
  }
  const monthDay = MONTH_DAY.exec(s);
  if (monthDay) {
    // "05-30" is month first (as in China); "30/5" and, in a day-first language, "5/6" are day first.
    const [first, second] = [Number(monthDay[1]), Number(monthDay[3])];
    const date =
      monthDay[2] === "-" ? { month: first, day: second } : readDayMonth(first, second, "/", order);
    return withTime(date, monthDay[4]);
  }
  // Last, so that it cannot take an input another form reads.
  const roc = ROC_YMD.exec(s);
  if (roc) {
    const year = ROC_OFFSET + Number(roc[1] ?? roc[2]);
    return withTime({ year, month: Number(roc[4]), day: Number(roc[5]) }, roc[6]);
  }
  return null;
}

/** RFC 2822 §4.3: 00-49 → 2000s, 50-99 → 1900s. */
export function twoDigitYear(yy: number): number {
  return yy < 50 ? 2000 + yy : 1900 + yy;
}
