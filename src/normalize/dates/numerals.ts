// Chinese numerals in dates: 二〇一九年五月三十日 → 2019年5月30日, 三天前 → 3天前.

const DIGITS: Record<string, number> = {
  〇: 0,
  "○": 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const RUN = /[〇○零一二三四五六七八九十两兩]+(?=\s*[年月日号號天时時点點分秒个個周週小])/gu;

function runValue(run: string): string {
  const ten = run.indexOf("十");
  if (ten === -1) return [...run].map((c) => DIGITS[c] ?? "").join("");
  const tens = ten === 0 ? 1 : (DIGITS[run.slice(0, ten)] ?? Number.NaN);
  const rest = run.slice(ten + 1);
  const ones = rest === "" ? 0 : (DIGITS[rest] ?? Number.NaN);
  const value = tens * 10 + ones;
  return Number.isNaN(value) ? run : String(value);
}

export function replaceChineseNumerals(s: string): string {
  return s.replace(RUN, runValue);
}
