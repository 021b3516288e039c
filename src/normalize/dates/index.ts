import { parseCjkDate } from "./cjk.js";
import { cleanDateInput } from "./clean.js";
import { parseCommonDate } from "./common.js";
import { parseNumericDate } from "./numeric.js";
import { dayOrder } from "./order.js";
import { parseRelativeDate } from "./relative.js";
import { parseTextualDate } from "./textual.js";
import type { DateParts, ParseDateOptions, ParseResult } from "./types.js";
import { isValidWallTime, wallTimeIn, wallTimeToInstant, wallTimeWithOffset, zoneOffsetMs } from "./zone.js";
import { parseZone } from "./zones.js";

export type { ParseDateOptions } from "./types.js";

/**
 * Parses a date as found in the wild. Zone-less inputs are wall time in `opts.timezone`; year-less
 * inputs are the latest such calendar day not after `opts.now` (compared by day, in the input's zone);
 * relative inputs count back from `opts.now`; an ambiguous slash date (`05/06/2019`) is read in the
 * order of `opts.language` (month first without one). Garbage and impossible dates give null, never "now".
 */
export function parseDate(input: string, opts: ParseDateOptions): Date | null {
  return readDate(input, opts)?.date ?? null;
}

/**
 * parseDate, also telling whether the date was counted back from `opts.now` (`3小时前`, `昨天 14:30`,
 * `2 days ago`): such a date moves with the reading time.
 */
export function readDate(input: string, opts: ParseDateOptions): { date: Date; relative: boolean } | null {
  if (typeof input !== "string") return null;
  const common = parseCommonDate(input);
  if (common) return absolute(toDate(common, opts));
  // "2019-05-30 14:30 北京时间", "北京时间：5月30日": China's wall time whatever the source's zone.
  const beijing = input.includes("北京") && BEIJING.test(input.normalize("NFKC"));
  const s = cleanDateInput(beijing ? input.normalize("NFKC").replace(BEIJING, " ") : input);
  return parseCleaned(s, beijing ? { ...opts, timezone: "Asia/Shanghai" } : opts);
}

function absolute(date: Date | null): { date: Date; relative: boolean } | null {
  return date ? { date, relative: false } : null;
}

function parseCleaned(s: string, opts: ParseDateOptions): { date: Date; relative: boolean } | null {
  if (s === "" || s.length > 200) return null;
  const relative = parseRelativeDate(s, opts);
  if (relative !== null) {
    const date = toDate(relative, opts);
    return date ? { date, relative: true } : null;
  }
  const unix = unixTime(s, opts.now);
  if (unix !== null) return absolute(new Date(unix));
  const order = dayOrder(opts.language);
  const parsers: ((s: string) => ParseResult)[] = [
    (text) => parseNumericDate(text, order),
    parseCjkDate,
    parseTextualDate,
  ];
  for (const parse of parsers) {
    const result = parse(s);
    if (result === null) continue;
    return absolute(toDate(result, opts));
  }
  const embedded = embeddedDate(s);
  return embedded ? absolute(toDate(embedded, opts)) : null;
}

/**
 * Last resort: a full year-month-day inside other words ("posted by admin on 2019-05-30 14:30"). Only
 * forms with a four-digit or Minguo year: they are too specific to appear by accident. Minguo dates are
 * looked for only when no Gregorian one is there, so nothing that parsed before changes.
 */
function embeddedDate(s: string): ParseResult {
  const embedded = EMBEDDED.exec(s) ?? EMBEDDED_ROC.exec(s);
  if (!embedded) return null;
  const after = s.slice(embedded.index + embedded[0].length);
  // A time the pattern stopped inside ("T09:xx", "14:30:1x"): not a date crier can read whole.
  if (CUT_SHORT.test(after)) return null;
  let text = embedded[0].trim();
  if (embedded[1]) {
    // A zone right after the time belongs to it: "on 2019-05-30 14:30 EDT by admin". An offset crier
    // cannot read ("+24:00", "+08:0") or a zone it does not know ("14:30 MYT") leaves the date unparsed
    // rather than read in the wrong zone; a word in lower case is not a zone ("14:30 in News").
    const zone = ZONE_AFTER.exec(after);
    if (zone?.[1]) text += ` ${zone[1]}`;
    else if (OFFSET_LIKE.test(after)) return null;
    else if (zone?.[2] && zone[2] === zone[2].toUpperCase()) {
      if (parseZone(zone[2]) === undefined) return null;
      text += ` ${zone[2]}`;
    }
  }
  return parseNumericDate(text) ?? parseCjkDate(text);
}

const EARLIEST_UNIX_MS = Date.UTC(1995, 0, 1);
const YEAR_MS = 365 * 86_400_000;

/**
 * A Unix time in seconds ("1520932969"), when the whole input is one and it falls between 1995 and a
 * year after `now`: other runs of nine or ten digits (an article number) are not dates.
 */
function unixTime(s: string, now: Date): number | null {
  if (!/^\d{9,10}$/.test(s)) return null;
  const ms = Number(s) * 1000;
  return ms >= EARLIEST_UNIX_MS && ms <= now.getTime() + YEAR_MS ? ms : null;
}

const BEIJING = /\s*[(（]?(?:北京时间|北京時間)[)）]?\s*[:：]?\s*/u;

/** The time after an embedded date: "14:30", "14:30:15.250", "下午2:30", "2:30 PM". */
const EMBEDDED_TIME =
  "(?:([T\\s]*(?:上午|下午|晚上|凌晨|中午)?\\s*\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?:\\s*[AaPp]\\.?[Mm]\\.?(?![A-Za-z]))?))?(?!\\d)";
const EMBEDDED = new RegExp(
  `(?<!\\d)(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号號]?)${EMBEDDED_TIME}`,
  "u",
);
const EMBEDDED_ROC = new RegExp(
  `(?<!\\d)(?:(?:(?:中華|中华)?民[國国]\\s*(?:\\d{1,3}|元)|[01]\\d{2})\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号號]?|(?:中華|中华)?民[國国]\\s*\\d{1,3}[-/.]\\d{1,2}[-/.]\\d{1,2})${EMBEDDED_TIME}`,
  "u",
);
/**
 * After an embedded date and time: a numeric offset (group 1, seconds allowed as RFC 9557 writes them) or
 * a word that may be a zone (group 2; only one in capitals is taken for one).
 */
const ZONE_AFTER =
  /^\s*(?:((?:UTC|GMT|UT)?\s*[+-]\d{1,2}(?::?\d{2}(?::\d{2})?)?)(?![\d:])|([a-z]{1,5})(?![a-z]))/i;
/** What follows a date the embedded pattern stopped inside: a time ("T09:xx"), an RFC 9557 zone. */
const CUT_SHORT = /^(?:T\d|[:.]\d|\[)/i;
/** What follows a time where an offset starts. */
const OFFSET_LIKE = /^\s*(?:(?:UTC|GMT|UT)\s*)?[+-]\d/i;

function toDate(result: NonNullable<ParseResult>, opts: ParseDateOptions): Date | null {
  const instant = "instant" in result ? result.instant : resolveParts(result, opts);
  if (instant === null || !Number.isFinite(instant)) return null;
  const date = new Date(instant);
  // In UTC, once the zone is applied: `1000-01-01T00:00:00+01:00` is in 999, and 9999-12-31 at UTC-12 in
  // 10000, which ISO 8601's usual form cannot write (toISOString gives "+010000-…").
  const year = date.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? date : null;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
/**
 * Years before 1000 are typos or placeholders (`0099-06-01`, `0000-00-00`), not news: such a date is
 * treated as missing. RSS writes a year in four digits and readers take `0099` for 1999.
 */
const MIN_YEAR = 1000;
/** The last year a four-digit ISO 8601 date can hold. */
const MAX_YEAR = 9999;

function resolveParts(input: DateParts, opts: ParseDateOptions): number | null {
  // "CST" is US Central in RFC 822, but servers in China write it for China Standard Time (Java's
  // Date.toString: "Thu May 30 14:00:00 CST 2019"). A source whose zone is UTC+8 means the latter.
  const parts =
    input.zoneName === "cst" && zoneOffsetMs(opts.now.getTime(), opts.timezone) === CHINA_OFFSET_MS
      ? { ...input, offsetMinutes: 480 }
      : input;
  const second = Math.min(parts.second, 59); // a leap second lands on :59
  // "America/Los_Angeles" written in the date is its zone; else the source's.
  const timeZone = parts.timeZone ?? opts.timezone;
  let year = parts.year;
  if (year === undefined) {
    const today =
      parts.offsetMinutes === undefined
        ? wallTimeIn(opts.now, timeZone)
        : wallTimeIn(new Date(opts.now.getTime() + parts.offsetMinutes * 60_000), "UTC");
    year = today.year;
    if (parts.month > today.month || (parts.month === today.month && parts.day > today.day)) year -= 1;
    // 02-29 without a year: step back to a leap year.
    for (let i = 0; i < 8 && !isValidWallTime({ ...parts, year, second }); i++) year -= 1;
  }
  const wall = { ...parts, year, second };
  // 24:00 (晚上12点) is the end of its day: checked as that day, it becomes the next one's 00:00 below.
  const checked = parts.endOfDay ? { ...wall, hour: 0 } : wall;
  if (!isValidWallTime(checked) || parts.second > 60 || year < MIN_YEAR) return null;
  return parts.offsetMinutes === undefined
    ? wallTimeToInstant(wall, timeZone)
    : wallTimeWithOffset(wall, parts.offsetMinutes);
}
