import { parseTimeOfDay } from "./time.js";
import type { DateParts, ParseResult } from "./types.js";
import { parseZone } from "./zones.js";

// Numeric dates: ISO 8601 / RFC 3339 and the ordinary variants around them (2019/5/30, 2019.05.30,
// 20190530, 2019-05-30 14:00, 30.05.2019) and year-less 05-30 / 5/30.

const COMPACT =
  /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})\.?(?:(?:T|\s+|,\s*|(?=[+-]\d{2}|Z$))(.*))?$/i;
const DMY = /^(\d{1,2})([./])(\d{1,2})\2(\d{4})(?:[\sT,]+(.*))?$/;
const MONTH_DAY = /^(\d{1,2})[-/](\d{1,2})(?:\s+(.*))?$/;
const ZONE_TAIL = /\s*(Z|UTC|GMT|UT|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?)$/i;

function withTime(
  date: { year?: number; month: number; day: number },
  tail: string | undefined,
): DateParts | null {
  let rest = (tail ?? "").trim();
  let offsetMinutes: number | undefined;
  const zone = ZONE_TAIL.exec(rest);
  // A zone needs a time before it, or stands alone after the date ("2019-05-30Z" is not a thing, but "+08:00" is harmless).
  if (zone?.[1]) {
    const parsed = parseZone(zone[1]);
    if (parsed !== undefined) {
      offsetMinutes = parsed;
      rest = rest.slice(0, zone.index).trim();
    }
  }
  const time = parseTimeOfDay(rest);
  if (!time) return null;
  return { ...date, ...time, offsetMinutes };
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
    return withTime({ year: Number(ymd[1]), month: Number(ymd[3]), day: Number(ymd[4]) }, ymd[5]);
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
  return null;
}
