import { FILLERS, foldName, MONTHS, WEEKDAYS } from "../names.js";
import type { ParseResult } from "../types.js";
import { twoDigitYear } from "./cjk.js";
import { parseTimeOfDay } from "./time.js";
import { parseZone } from "./zones.js";

// Dates with month names: RFC 822/1123/2822 and their wild variants ("Thu, 30 May 2019 14:00:00 GMT",
// "30 May 19 14:00 +0800", "May 30, 2019 2:30 PM", "Donnerstag, 30. Mai 2019 14:30", "jeu. 30 mai 2019",
// "30 de mayo de 2019"). Every token must be understood: unknown words make the input garbage.

const TIME =
  /(?:^|\s)(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?|\d{1,2}\s*(?:am|pm))(?=\s|$|[+-])/i;
const COMMENT = /\([^()]*\)/g;

export function parseTextualDate(input: string): ParseResult {
  let s = input
    .replace(COMMENT, " ")
    .replace(/\b(\d{1,2})h(\d{2})\b/g, "$1:$2")
    .replace(/\s+/g, " ")
    .trim();
  if (!/[a-z\u00c0-\u024f]/i.test(s)) return null;
  let time = parseTimeOfDay("");
  const timeMatch = TIME.exec(s);
  if (timeMatch?.[1]) {
    time = parseTimeOfDay(timeMatch[1]);
    if (!time) return null;
    s = `${s.slice(0, timeMatch.index)} ${s.slice(timeMatch.index + timeMatch[0].length)}`;
  }
  if (!time) return null;
  const hasTime = Boolean(timeMatch);

  let month: number | undefined;
  let offsetMinutes: number | undefined;
  let zoneName: string | undefined;
  const numbers: string[] = [];
  const words = s.split(/[\s,;]+/).filter(Boolean);
  const ambiguous: string[] = [];
  for (const [index, raw] of words.entries()) {
    const isLast = index === words.length - 1;
    if (hasTime) {
      const zone = parseZone(raw, isLast);
      const named = /^[a-z]+$/i.test(raw);
      if (zone !== undefined && offsetMinutes === undefined) {
        offsetMinutes = zone;
        if (named) zoneName = raw.toLowerCase();
        continue;
      }
      // "14:00:00 +0800 CST" (a Java-style reminder of the zone): the numeric offset decides.
      if (zone !== undefined && (named || zoneName !== undefined)) {
        if (!named) [offsetMinutes, zoneName] = [zone, undefined];
        continue;
      }
    }
    for (const part of raw.split(/[-/.]+/).filter(Boolean)) {
      const token = foldName(part);
      if (/^\d{1,4}$/.test(token)) {
        numbers.push(token);
        continue;
      }
      if (/^\d{1,2}(?:st|nd|rd|th|er|e|o|º)$/.test(token)) {
        numbers.push(token.replace(/\D+$/, ""));
        continue;
      }
      if (token === "mar" && month === undefined) {
        // "mar" is March, or Tuesday in French/Spanish: decide once every token is seen.
        ambiguous.push(token);
        month = 3;
        continue;
      }
      const named = MONTHS.get(token);
      if (named !== undefined) {
        if (month !== undefined && !(month === 3 && ambiguous.length > 0)) return null;
        if (month === 3 && ambiguous.length > 0) ambiguous.length = 0;
        month = named;
        continue;
      }
      if (WEEKDAYS.has(token) || FILLERS.has(token)) continue;
      return null;
    }
  }
  if (month === undefined) return null;

  let year: number | undefined;
  let day: number | undefined;
  const four = numbers.filter((n) => n.length >= 3);
  const small = numbers.filter((n) => n.length <= 2);
  if (four.length > 1 || numbers.length > 2) return null;
  if (four.length === 1) {
    if (small.length !== 1) return null;
    year = Number(four[0]!);
    day = Number(small[0]!);
  } else if (small.length === 2) {
    // "30 May 19": the number before the month is the day; "May 30 19": the first is the day.
    day = Number(small[0]!);
    year = twoDigitYear(Number(small[1]!));
  } else if (small.length === 1) {
    day = Number(small[0]!);
  } else {
    return null;
  }
  return { year, month, day, ...time, offsetMinutes, zoneName };
}
