import { replaceChineseNumerals } from "../numerals.js";
import type { ParseResult } from "../types.js";
import { ROC_OFFSET, withTime } from "./numeric.js";

// Chinese / Japanese / Korean dates: 2019年5月30日, 19年5月30号, 5月30日 下午2:30, 令和元年5月30日,
// 2019년 5월 30일 오후 2시 30분, 二〇一九年五月三十日, and Taiwan's Minguo years: 民國108年5月30日, 108年5月30日.

const ERAS: Record<string, number> = {
  令和: 2018,
  平成: 1988,
  昭和: 1925,
  民國: ROC_OFFSET,
  民国: ROC_OFFSET,
};

const CJK_DATE =
  /^(?:(?:中華|中华)?(令和|平成|昭和|民國|民国)\s*(元|\d{1,3})\s*年|(\d{4}|\d{2})\s*[年년]|([01]\d{2})\s*年|(\d{4})[-/.])?\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日号號일]?\s*(.*)$/u;

export function parseCjkDate(input: string): ParseResult {
  const s = replaceChineseNumerals(input);
  const m = CJK_DATE.exec(s);
  if (!m) return null;
  // Guard: "5-30" style needs the numeric parser; here a 月/월 marker is required (it is in the regex).
  let year: number | undefined;
  if (m[1]) {
    year = (ERAS[m[1]] ?? 0) + (m[2] === "元" ? 1 : Number(m[2]));
  } else if (m[3]) {
    // Two digits stay a Gregorian year ("98年" is 1998): only 民國 makes them a Minguo year.
    year = m[3].length === 2 ? twoDigitYear(Number(m[3])) : Number(m[3]);
  } else if (m[4]) {
    // No Gregorian year in the news is written with three digits: "108年" is Minguo 108 (2019). Only
    // 000-199 (to 2110): "123-4-5" and "999年" are something else.
    year = ROC_OFFSET + Number(m[4]);
  } else if (m[5]) {
    year = Number(m[5]);
  }
  // "北京时间" is taken out before (parseDate); a zone after the time is read as after a numeric date.
  return withTime({ year, month: Number(m[6]), day: Number(m[7]) }, m[8]);
}

/** RFC 2822 §4.3: 00-49 → 2000s, 50-99 → 1900s. */
export function twoDigitYear(yy: number): number {
  return yy < 50 ? 2000 + yy : 1900 + yy;
}
