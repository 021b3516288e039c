import type { DateParts } from "./types.js";

// Fast path for the two forms nearly every feed uses: RFC 822 in RSS ("Sun, 01 Jun 2025 08:00:00 GMT") and
// RFC 3339 in Atom ("2025-06-01T07:58:59.000Z"). It finds exactly the parts the general parsers would
// (which must clean up the input and try every form in turn); anything else is left to them.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const RFC822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (GMT|UTC|UT|[+-]\d{4})$/;
const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

/** Minutes east of UTC for "Z", "GMT", "+08:00", "-0500"; undefined when the general parser would refuse it. */
function offsetOf(zone: string): number | undefined {
  if (zone === "Z" || zone === "GMT" || zone === "UTC" || zone === "UT") return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(-2));
  if (hours > 14 || minutes > 59) return undefined;
  return (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

/** The parts of an RFC 822 or RFC 3339 date, or undefined when `input` is not written exactly so. */
export function parseCommonDate(input: string): DateParts | undefined {
  const iso = RFC3339.exec(input);
  if (iso) {
    const offsetMinutes = iso[8] === undefined ? undefined : offsetOf(iso[8]);
    if (iso[8] !== undefined && offsetMinutes === undefined) return undefined;
    return {
      year: Number(iso[1]),
      month: Number(iso[2]),
      day: Number(iso[3]),
      hour: Number(iso[4]),
      minute: Number(iso[5]),
      second: Number(iso[6] ?? 0),
      millisecond: iso[7] ? Math.floor(Number(`0.${iso[7]}`) * 1000) : 0,
      offsetMinutes,
    };
  }
  const rfc = RFC822.exec(input);
  if (rfc) {
    const zone = rfc[7]!;
    const offsetMinutes = offsetOf(zone);
    if (offsetMinutes === undefined) return undefined;
    return {
      year: Number(rfc[3]),
      month: MONTHS.indexOf(rfc[2]!) / 3 + 1,
      day: Number(rfc[1]),
      hour: Number(rfc[4]),
      minute: Number(rfc[5]),
      second: Number(rfc[6] ?? 0),
      millisecond: 0,
      offsetMinutes,
      ...(/^[A-Z]/.test(zone) ? { zoneName: zone.toLowerCase() } : {}),
    };
  }
  return undefined;
}
