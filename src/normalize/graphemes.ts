// Character-boundary helpers: cuts never split a surrogate pair, an emoji sequence or a combining mark.

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** The longest prefix of whole graphemes whose UTF-16 length is at most `max`. */
export function prefixWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  // Grapheme clusters are short: segmenting a window around the cut gives the same boundary as the
  // whole text, without walking (and allocating) every cluster before it.
  const start = Math.max(0, max - 32);
  let end = start;
  for (const g of segmenter.segment(text.slice(start, max + 32))) {
    if (end + g.segment.length > max) break;
    end += g.segment.length;
  }
  return text.slice(0, end);
}
