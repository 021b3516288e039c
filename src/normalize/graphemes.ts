// Character-boundary helpers: cuts never split a surrogate pair, an emoji sequence or a combining mark.

// Built on first use: creating it costs ~20 ms, which a build that segments nothing should not pay.
let segmenter: Intl.Segmenter | undefined;
const graphemeSegmenter = () => (segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" }));

export function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter().segment(text), (s) => s.segment);
}

/**
 * Characters that always end and start a grapheme cluster on their own, whatever surrounds them: no
 * CR/LF, Prepend, Extend, SpacingMark, ZWJ, Hangul jamo or syllables, regional indicators or pictographs
 * (UAX #29). Two of them side by side always have a boundary between them.
 */
function isPlain(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) || // printable ASCII
    (code >= 0xc0 && code <= 0x24f) || // Latin-1 letters, Latin Extended-A/B
    (code >= 0x2010 && code <= 0x2027) || // dashes, quotes, ellipsis
    (code >= 0x3000 && code <= 0x3029) || // CJK spaces, punctuation, brackets (0x302a-f combine)
    (code >= 0x3041 && code <= 0x3096) || // hiragana (0x3099-a combine)
    (code >= 0x30a1 && code <= 0x30fa) || // katakana
    (code >= 0x3400 && code <= 0x4dbf) || // CJK Extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK Unified Ideographs
    (code >= 0xff01 && code <= 0xff5e) // full-width ASCII forms
  );
}

/** The longest prefix of whole graphemes whose UTF-16 length is at most `max`. */
export function prefixWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  // The usual case (CJK or Latin text): the cut falls between two plain characters, a boundary already.
  if (max > 0 && isPlain(text.charCodeAt(max - 1)) && isPlain(text.charCodeAt(max)))
    return text.slice(0, max);
  // Segment a window around the cut rather than the whole text, but start it where a cluster surely
  // starts (between two plain characters, else at 0): a cluster may be longer than any fixed window
  // ("a" + 60 combining marks). Usually that is a few characters back.
  let start = Math.max(0, max - 1);
  while (start > 0 && !(isPlain(text.charCodeAt(start - 1)) && isPlain(text.charCodeAt(start)))) start--;
  let end = start;
  for (const g of graphemeSegmenter().segment(text.slice(start, max + 32))) {
    if (end + g.segment.length > max) break;
    end += g.segment.length;
  }
  return text.slice(0, end);
}
