const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const TIME = String.raw`(\d{2}):(\d{2}):(\d{2})`;
/** GMT is what HTTP-dates must say; "UTC", no zone and a numeric offset are tolerated. */
const ZONE = String.raw`(?:\s+(GMT|UTC|UT|[+-]\d{4}))?`;
/** IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = new RegExp(
  String.raw`^[a-z]{3},\s*(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+${TIME}${ZONE}$`,
  "i",
);
/** Obsolete RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT` (also seen with `Sun` and a four-digit year). */
const RFC850 = new RegExp(
  String.raw`^[a-z]{3,9},\s*(\d{1,2})-([a-z]{3})-(\d{2}|\d{4})\s+${TIME}${ZONE}$`,
  "i",
);
/** Obsolete asctime: `Sun Nov  6 08:49:37 1994` (no zone: GMT). */
const ASCTIME = new RegExp(String.raw`^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+${TIME}\s+(\d{4})$`, "i");

/** The latest time a Date can hold (ECMA-262 §21.4.1.1). */
const LATEST_DATE_MS = 8.64e15;

/**
 * A Retry-After header value (delay in seconds, or an HTTP-date) as an absolute time; null when it is
 * neither. A date in the past means "now"; a delay past the last representable Date (a Java
 * Long.MAX_VALUE, 9223372036854775807) means that last Date, for the caller to cap.
 */
export function parseRetryAfter(value: string, now: Date): Date | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return new Date(Math.min(now.getTime() + Number(trimmed) * 1000, LATEST_DATE_MS));
  }
  const time = parseHttpDate(trimmed, now);
  return time === null ? null : new Date(Math.max(time, now.getTime()));
}

/**
 * An HTTP-date in any of its three forms (RFC 9110 §5.6.7), as epoch ms. All three are GMT: Date.parse
 * would read the zone-less asctime form in the machine's own zone.
 */
function parseHttpDate(value: string, now: Date): number | null {
  let match = IMF_FIXDATE.exec(value);
  if (match) return utc(match[3]!, match[2]!, match[1]!, match.slice(4, 7), match[7]);
  match = RFC850.exec(value);
  if (match) {
    // A two-digit year is the one within 50 years of now (RFC 9110: never more than 50 years ahead).
    const thisYear = now.getUTCFullYear();
    let year = Number(match[3]);
    if (match[3]!.length === 2) {
      year += Math.floor(thisYear / 100) * 100;
      if (year > thisYear + 50) year -= 100;
      else if (year <= thisYear - 50) year += 100;
    }
    return utc(String(year), match[2]!, match[1]!, match.slice(4, 7), match[7]);
  }
  match = ASCTIME.exec(value);
  if (match) return utc(match[6]!, match[1]!, match[2]!, match.slice(3, 6), undefined);
  return null;
}

function utc(
  year: string,
  monthName: string,
  day: string,
  [hours, minutes, seconds]: string[],
  zone: string | undefined,
): number | null {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  const [d, h, m, s] = [day, hours, minutes, seconds].map(Number) as [number, number, number, number];
  if (month === -1 || d < 1 || d > 31 || h > 23 || m > 59 || s > 60) return null;
  const time = Date.UTC(Number(year), month, d, h, m, Math.min(s, 59));
  // 31 Feb and the like roll over into the next month: not a date.
  if (new Date(time).getUTCDate() !== d) return null;
  if (!zone || !/^[+-]/.test(zone)) return time;
  const sign = zone.startsWith("-") ? -1 : 1;
  const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
  return time - sign * offsetMinutes * 60_000;
}
