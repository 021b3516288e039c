// Character-boundary helpers: cuts never split a surrogate pair, an emoji sequence or a combining mark.

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** The longest prefix of whole graphemes whose UTF-16 length is at most `max`. */
export function prefixWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const g of segmenter.segment(text)) {
    if (out.length + g.segment.length > max) break;
    out += g.segment;
  }
  return out;
}
