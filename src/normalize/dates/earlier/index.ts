import { cleanDateInput } from "../clean.js";
import { parseCommonDate } from "../common.js";
import { parseRelativeDate } from "../relative.js";
import type { DateParts, ParseDateOptions, ParseResult } from "../types.js";
import { isValidWallTime, wallTimeIn, wallTimeToInstant, wallTimeWithOffset, zoneOffsetMs } from "../zone.js";
import { parseCjkDate } from "./cjk.js";
import { parseNumericDate } from "./numeric.js";
import { parseTextualDate } from "./textual.js";
import { parseZone } from "./zones.js";

// The date parser as crier 0.1.0 had it up to commit e02f2b6, before it read IANA
// zone names, Unix times, day-first slash dates and the rest, and stopped reading stray letters as
// military zones. Kept only to find the id a link-less item was stored under then (its id hashes its
// date, see src/worker/normalizeSource.ts): never to date an article. Only the files whose behaviour
// changed are copied here; the others are shared.

/** The date crier read from `input` up to commit e02f2b6 (see the note above), or null. */
export function readEarlierDate(
  input: string,
  opts: ParseDateOptions,
): { date: Date; relative: boolean } | null {
  if (typeof input !== "string") return null;
  const common = parseCommonDate(input);
  if (common) return absolute(toDate(common, opts));
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
  const parsers: ((s: string) => ParseResult)[] = [parseNumericDate, parseCjkDate, parseTextualDate];
  for (const parse of parsers) {
    const result = parse(s);
    if (result === null) continue;
    return absolute(toDate(result, opts));
  }
  // Last resort: a full year-month-day inside other words ("posted by admin on 2019-05-30 14:30").
  // Only forms with a four-digit or Minguo year: they are too specific to appear by accident. Minguo
  // dates are looked for only when no Gregorian one is there, so nothing that parsed before changes.
  const embedded = EMBEDDED.exec(s) ?? EMBEDDED_ROC.exec(s);
  if (embedded) {
    let text = embedded[0].trim();
    // A zone right after the time belongs to it: "on 2019-05-30 14:30 EDT by admin". A malformed
    // offset ("+24:00") leaves the date unparsed rather than read in the wrong zone.
    const zone = embedded[1] ? ZONE_AFTER.exec(s.slice(embedded.index + embedded[0].length)) : null;
    if (zone?.[1] || (zone?.[2] && parseZone(zone[2]) !== undefined)) text += ` ${zone[0].trim()}`;
    const found = parseNumericDate(text) ?? parseCjkDate(text);
    if (found) return absolute(toDate(found, opts));
  }
  return null;
}

const BEIJING = /\s*[(（]?(?:北京时间|北京時間)[)）]?\s*[:：]?\s*/u;

const EMBEDDED =
  /(?<!\d)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号號]?)(?:([T\s]*(?:上午|下午|晚上|凌晨|中午)?\s*\d{1,2}:\d{2}(?::\d{2})?))?(?!\d)/u;
const EMBEDDED_ROC =
  /(?<!\d)(?:(?:(?:中華|中华)?民[國国]\s*(?:\d{1,3}|元)|[01]\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号號]?|(?:中華|中华)?民[國国]\s*\d{1,3}[-/.]\d{1,2}[-/.]\d{1,2})(?:([T\s]*(?:上午|下午|晚上|凌晨|中午)?\s*\d{1,2}:\d{2}(?::\d{2})?))?(?!\d)/u;
/** After an embedded date and time: a numeric offset (group 1) or a word that may be a zone (group 2). */
const ZONE_AFTER = /^\s*(?:((?:UTC|GMT|UT)?\s*[+-]\d{1,2}(?::?\d{2})?)(?![\d:])|([a-z]{1,5})(?![a-z]))/i;

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
  let year = parts.year;
  if (year === undefined) {
    const today =
      parts.offsetMinutes === undefined
        ? wallTimeIn(opts.now, opts.timezone)
        : wallTimeIn(new Date(opts.now.getTime() + parts.offsetMinutes * 60_000), "UTC");
    year = today.year;
    if (parts.month > today.month || (parts.month === today.month && parts.day > today.day)) year -= 1;
    // 02-29 without a year: step back to a leap year.
    for (let i = 0; i < 8 && !isValidWallTime({ ...parts, year, second }); i++) year -= 1;
  }
  const wall = { ...parts, year, second };
  if (!isValidWallTime(wall) || parts.second > 60 || year < MIN_YEAR) return null;
  return parts.offsetMinutes === undefined
    ? wallTimeToInstant(wall, opts.timezone)
    : wallTimeWithOffset(wall, parts.offsetMinutes);
}
