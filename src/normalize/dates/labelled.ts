// Info lines that hold a date among other labelled fields: "来源：市公安局 发布时间：2019-05-30 14:30 浏览次数：12".

/**
 * A label is a word ending in a non-digit right before a colon, after a space or at the start: "来源：",
 * "Date:". A time is not one: "14:30" and "１４：３０" end in a digit before their colon.
 */
const LABEL = /(?<=^|\s)[^\s:：]*[^\s\p{Nd}:：]\s*[:：]/gu;
const DIGIT = /\p{Nd}/u;

/** A label that names the publication date, spaces taken out: `发布时间`, `发 布 日 期`, `Date`, `Posted`. */
const PUBLICATION_LABEL =
  /^(?:发布|發佈|發布|公布|公佈)?(?:时间|時間|日期)$|^(?:date|published|posted|pubdate)$/i;

/** Whether a part's label names the publication date (not `成文日期`, `更新时间`, `浏览次数`). */
export function isPublicationLabel(label: string): boolean {
  return PUBLICATION_LABEL.test(label.normalize("NFKC").replace(/\s+/g, ""));
}

export interface LabelledPart {
  /** The part as written, its label included: "发布时间：2019-05-30 14:30". */
  text: string;
  /** The label without its colon ("发布时间", "Last updated"); "" for an unlabelled leading part. */
  label: string;
  /** What follows the colon. */
  value: string;
}

/**
 * Splits a line at its labels. Words before the first label that hold no digit belong to it (`发 布 日
 * 期：`, `Last updated:`); ones that do are an unlabelled first part (`2019-05-30 来源：…`).
 */
export function labelledParts(line: string): LabelledPart[] {
  const text = line.trim();
  const labels = [...text.matchAll(LABEL)];
  const first = labels[0];
  if (!first) return [{ text, label: "", value: text }];
  const parts: LabelledPart[] = [];
  const lead = text.slice(0, first.index);
  if (DIGIT.test(lead)) parts.push({ text: lead.trim(), label: "", value: lead.trim() });
  labels.forEach((match, i) => {
    const start = i === 0 && !DIGIT.test(lead) ? 0 : match.index;
    const end = labels[i + 1]?.index ?? text.length;
    const labelEnd = match.index + match[0].length;
    parts.push({
      text: text.slice(start, end).trim(),
      label: text
        .slice(start, labelEnd)
        .replace(/\s*[:：]$/u, "")
        .trim(),
      value: text.slice(labelEnd, end).trim(),
    });
  });
  return parts;
}
