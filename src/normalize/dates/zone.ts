// Wall-clock time in an IANA zone ↔ UTC instant, using only Intl (no tz database dependency).

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The IANA zone `name` names (`America/Los_Angeles`, `europe/brussels`, `Etc/GMT+5`), in Intl's
 * spelling; undefined when Intl does not know it. Only Area/Location names: a bare word is an
 * abbreviation (zones.ts) or no zone.
 */
export function ianaZone(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z_]*(?:\/[A-Za-z0-9_+-]+)+$/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The wall-clock time of `instant` in `timeZone`. */
export function wallTimeIn(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: instant.getUTCMilliseconds(),
  };
}

function asUtc(t: WallTime): number {
  const ms = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.millisecond);
  // Date.UTC maps years 0-99 to 1900-1999; dates here are always explicit.
  if (t.year >= 0 && t.year < 100) {
    const d = new Date(ms);
    d.setUTCFullYear(t.year);
    return d.getTime();
  }
  return ms;
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (east positive). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const wall = wallTimeIn(new Date(instant), timeZone);
  return asUtc({ ...wall, millisecond: new Date(instant).getUTCMilliseconds() }) - instant;
}

/**
 * The UTC instant at which the wall clock in `timeZone` shows `t`, disambiguated as Temporal's
 * "compatible" (and browsers) do: a wall time a DST change repeats is its earlier instant, and one it
 * skips moves forward by the gap (02:30 on a spring-forward night is 03:30; a skipped midnight, as in
 * Santiago or Tehran, is the first instant of that day rather than 23:00 the day before).
 */
export function wallTimeToInstant(t: WallTime, timeZone: string): number {
  const guess = asUtc(t);
  // The offsets in force a day either side bracket any single change (as the Temporal polyfill does).
  const before = zoneOffsetMs(guess - DAY_MS, timeZone);
  const after = zoneOffsetMs(guess + DAY_MS, timeZone);
  if (before === after) return guess - before;
  const candidates = [guess - before, guess - after].filter(
    (instant) => asUtc(wallTimeIn(new Date(instant), timeZone)) === guess,
  );
  // A skipped wall time read with the offset from before the change lands that far past it.
  return candidates.length > 0 ? Math.min(...candidates) : guess - before;
}

const DAY_MS = 86_400_000;

/** Wall time with a fixed offset (minutes east of UTC). */
export function wallTimeWithOffset(t: WallTime, offsetMinutes: number): number {
  return asUtc(t) - offsetMinutes * 60_000;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return new Date(Date.UTC(2001, month, 0)).getUTCDate();
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isValidWallTime(t: WallTime): boolean {
  return (
    Number.isInteger(t.year) &&
    t.year >= 1 &&
    t.year <= 9999 &&
    t.month >= 1 &&
    t.month <= 12 &&
    t.day >= 1 &&
    t.day <= daysInMonth(t.year, t.month) &&
    t.hour >= 0 &&
    t.hour <= 23 &&
    t.minute >= 0 &&
    t.minute <= 59 &&
    t.second >= 0 &&
    t.second <= 60
  );
}
