import type { DateParts, ParseResult } from "../types.js";
import { parseTimeOfDay } from "./time.js";
import { parseZone } from "./zones.js";

// Numeric dates: ISO 8601 / RFC 3339 and the ordinary variants around them (2019/5/30, 2019.05.30,
// 20190530, 2019-05-30 14:00, 30.05.2019), year-less 05-30 / 5/30 and Minguo 108/05/30.

const COMPACT =
  /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})\.?(?:(T|\s+|,\s*|(?=[+-]\d{2}|Z$))(.*))?$/i;
const DMY = /^(\d{1,2})([./])(\d{1,2})\2(\d{4})(?:[\sT,]+(.*))?$/;
const MONTH_DAY = /^(\d{1,2})[-/](\d{1,2})(?:\s+(.*))?$/;
/** Year 1 of the Republic of China (民國元年) is 1912. */
export const ROC_OFFSET = 1911;
/** Taiwan's Minguo years: 108/05/30, 108-05-30, 108.05.30, 民國98/05/30 (year + 1911; bare, 000-199). */
const ROC_YMD =
  /^(?:(?:中華|中华)?民[國国]\s*(\d{1,3})|([01]\d{2}))([-/.])(\d{1,2})\3(\d{1,2})(?:\s+(.*))?$/u;
// A zone after the time: "+08:00", "GMT+8", "EDT", "+0800 CST" (the offset decides), "+08:00 (Beijing)"
// (a trailing comment, as in RFC 822). A malformed offset ("+24:00", "+08:60") makes the date unparsed.
const OFFSET_TAIL = /\s*((?:UTC|GMT|UT)\s*[+-]\d{1,2}(?::?\d{2})?|[+-]\d{1,2}(?::?\d{2})?)$/i;
const NAME_TAIL = /(?<![a-z])\s*([a-z]{1,5})$/i;
const COMMENT_TAIL = /\s*\(([^()]*)\)$/;
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
  rest = rangeStart(rest, isoT) ?? rest;
  const comment = COMMENT_TAIL.exec(rest);
  if (comment) {
    // "(EDT)" names the zone; any other comment ("(Beijing)") is dropped.
    const inner = comment[1]!.trim();
    rest = `${rest.slice(0, comment.index)}${parseZone(inner) === undefined ? "" : ` ${inner}`}`.trim();
  }
  let offsetMinutes: number | undefined;
  let zoneName: string | undefined;
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
  return { ...date, ...time, offsetMinutes, ...(zoneName ? { zoneName } : {}) };
}

export function parseNumericDate(s: string): ParseResult {
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
    let day = Number(dmy[1]);
    let month = Number(dmy[3]);
    // 30.05.2019 is European (day first); with slashes only an impossible month decides, else US order.
    if (dmy[2] === "/" && day <= 12) [day, month] = [month, day];
    return withTime({ year: Number(dmy[4]), month, day }, dmy[5]);
  }
  const monthDay = MONTH_DAY.exec(s);
  if (monthDay) {
    return withTime({ month: Number(monthDay[1]), day: Number(monthDay[2]) }, monthDay[3]);
  }
  // Last, so that it cannot take an input another form reads.
  const roc = ROC_YMD.exec(s);
  if (roc) {
    const year = ROC_OFFSET + Number(roc[1] ?? roc[2]);
    return withTime({ year, month: Number(roc[4]), day: Number(roc[5]) }, roc[6]);
  }
  return null;
}
