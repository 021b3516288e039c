/**
 * A date as found next to other labelled fields — "发布时间：2019-05-30 14:30 来源：市公安局 浏览次数：12" —
 * cut before the second label so normalize sees only the date (it strips the leading label itself). A time
 * such as 14:30 is not a label: labels start with a non-digit.
 */
export function trimDateNoise(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const trimmed = text.replace(/\s+[^\s\d]{1,8}\s*[：:].*$/s, "").trim();
  return trimmed === "" ? undefined : trimmed;
}
