const TOKEN = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)[A-Za-z_][^>]*?(\/?)>/g;

/**
 * Deepest element nesting in an XML text (approximate: a linear scan, no parse). xml2js and rss-parser
 * recurse over the tree, so a hostile document nested thousands deep would overflow the stack.
 */
export function maxElementDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    if (match[1] === undefined) continue; // CDATA, comment or processing instruction
    if (match[1] === "/") depth = Math.max(0, depth - 1);
    else if (match[2] !== "/") {
      depth++;
      if (depth > max) max = depth;
      if (max > stopAbove) break;
    }
  }
  TOKEN.lastIndex = 0;
  return max;
}
