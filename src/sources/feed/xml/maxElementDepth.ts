/**
 * Deepest element nesting of an XML text by a linear scan (no parse), stopping once above `stopAbove`.
 * Runs before any parser: xml2js/rss-parser recurse over the tree (stack overflow) and htmlparser2 slows
 * down sharply on very deep documents, so hostile nesting is refused up front. Approximate by design
 * (a `>` inside an attribute value ends the tag early), which only matters far beyond real feeds.
 */
export function maxElementDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let i = text.indexOf("<");
  while (i !== -1 && i < text.length) {
    let end: number;
    if (text.startsWith("<![CDATA[", i)) {
      end = indexAfter(text, "]]>", i + 9);
    } else if (text.startsWith("<!--", i)) {
      end = indexAfter(text, "-->", i + 4);
    } else {
      end = indexAfter(text, ">", i + 1);
      const next = text[i + 1];
      if (next === "/") {
        depth = Math.max(0, depth - 1);
      } else if (next !== "!" && next !== "?" && text[end - 2] !== "/") {
        depth++;
        if (depth > max) {
          max = depth;
          if (max > stopAbove) return max;
        }
      }
    }
    i = text.indexOf("<", end);
  }
  return max;
}

function indexAfter(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at === -1 ? text.length : at + token.length;
}
