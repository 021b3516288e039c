// Skips what may precede a DOCTYPE: BOM, whitespace, the XML declaration and other processing instructions,
// comments — and, since some servers print warnings before the feed, any text that is not an element.
const PROLOG_ITEM = /\uFEFF|\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|[^<]+|<(?![A-Za-z!?])[^<]*/y;
const DOCTYPE = /<!DOCTYPE/iy;

/**
 * Removes the DOCTYPE declarations of the prolog (with their internal subsets) before any parser sees the
 * text, so entity definitions (XXE `SYSTEM "file:…"`, billion laughs) can never be expanded; references to
 * them then fail the strict parse and are escaped by the repair step, i.e. they stay literal text. (sax and
 * htmlparser2 do not expand DTD entities either; this keeps it that way whatever they do.) Only the prolog
 * is touched: a "<!DOCTYPE html>" inside a CDATA section of an item is content.
 */
export function stripDoctype(text: string): { text: string; removed: boolean } {
  let position = 0;
  let result = "";
  let removed = false;
  while (position < text.length) {
    DOCTYPE.lastIndex = position;
    if (DOCTYPE.test(text)) {
      position = doctypeEnd(text, DOCTYPE.lastIndex);
      removed = true;
      continue;
    }
    PROLOG_ITEM.lastIndex = position;
    const match = PROLOG_ITEM.exec(text);
    if (!match || match[0].length === 0) break;
    result += match[0];
    position += match[0].length;
  }
  return removed ? { text: result + text.slice(position), removed } : { text, removed };
}

/**
 * Index just past the `>` that closes a DOCTYPE, skipping quoted strings and the `[…]` internal subset.
 * Comments and processing instructions of the subset (XML 1.0 [28b]/[29]) are skipped whole: an apostrophe
 * ("don't") or a `]>` in them is not markup.
 */
function doctypeEnd(text: string, from: number): number {
  let quote: string | null = null;
  let bracketDepth = 0;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (bracketDepth > 0 && char === "<" && text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end < 0) return text.length;
      i = end + 2;
    } else if (bracketDepth > 0 && char === "<" && text[i + 1] === "?") {
      const end = text.indexOf("?>", i + 2);
      if (end < 0) return text.length;
      i = end + 1;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === "[") {
      bracketDepth++;
    } else if (char === "]") {
      bracketDepth = Math.max(0, bracketDepth - 1);
    } else if (char === ">" && bracketDepth === 0) {
      return i + 1;
    }
  }
  return text.length;
}
