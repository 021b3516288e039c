// Input clean-up shared by every date form: width, labels, brackets and weekday decorations.

const LABEL = /^[^\d:]{1,24}?:\s*/u;
const BRACKETS = /^[[【〔〈<(]\s*(.*?)\s*[\]】〕〉>)]$/u;
const CJK_WEEKDAY = /\(?\s*(?:星期|周|週|礼拜|禮拜)[一二三四五六日天七]\s*\)?/gu;
const JA_KO_WEEKDAY =
  /\((?:[月火水木金土日]|[월화수목금토일])\)|[月火水木金土日]曜日?|[월화수목금토일]요일/gu;

export function cleanDateInput(input: string): string {
  // NFKC folds full-width digits, colons, brackets and spaces to ASCII.
  let s = input.normalize("NFKC").replace(/[\u200b-\u200f\u2060\ufeff]/g, "");
  s = s.replace(/\s+/g, " ").trim();
  // "发布时间：2019-05-30", "Date: Thu, 30 May 2019": a label ends at the first colon before any digit.
  s = s.replace(LABEL, "");
  for (let i = 0; i < 2; i++) {
    const inner = BRACKETS.exec(s);
    if (inner) s = inner[1] ?? "";
  }
  s = s.replace(CJK_WEEKDAY, " ").replace(JA_KO_WEEKDAY, " ");
  return s.replace(/\s+/g, " ").trim();
}
