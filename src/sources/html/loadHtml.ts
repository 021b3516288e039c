import { type CheerioAPI, load } from "cheerio";

/** Deeper pages are refused: real notice pages nest a few dozen levels. */
export const MAX_HTML_DEPTH = 1000;

// Elements that never hold children, whose end tag may be left out, or whose content is raw text: they
// do not add to the depth a tag-soup page can claim.
const VOID = new Set(
  "area base br col embed hr img input link meta param source track wbr p li dt dd option optgroup tr td th tbody thead tfoot colgroup rt rp".split(
    " ",
  ),
);
const RAW_TEXT = /^<(script|style|textarea|title)\b/i;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;

/**
 * cheerio's HTML parser (parse5) takes time quadratic in the nesting depth, synchronously — the source
 * deadline cannot interrupt it — so a hostile page nested 100,000 levels deep would stall the build.
 * A linear scan refuses such pages before parsing.
 */
export function loadHtml(html: string, what = "page"): CheerioAPI {
  const depth = htmlNestingDepth(html, MAX_HTML_DEPTH);
  if (depth > MAX_HTML_DEPTH) {
    throw new Error(
      `${what} is nested deeper than ${MAX_HTML_DEPTH} elements; refused as hostile or broken markup`,
    );
  }
  return load(html);
}

/** Open minus closed elements at the deepest point (approximate; stops once above `stopAbove`). */
export function htmlNestingDepth(html: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match !== null; match = TAG.exec(html)) {
    const [tag, closing, rawName, selfClosing] = match;
    const name = rawName!.toLowerCase();
    if (closing) {
      if (!VOID.has(name)) depth = Math.max(0, depth - 1);
      continue;
    }
    if (RAW_TEXT.test(tag)) {
      // Skip to the end tag: script/style text is not markup.
      const endTag = new RegExp(`</${name}`, "gi");
      endTag.lastIndex = TAG.lastIndex;
      if (endTag.exec(html) === null) break;
      TAG.lastIndex = endTag.lastIndex - name.length - 2;
      continue;
    }
    if (selfClosing || VOID.has(name)) continue;
    depth++;
    if (depth > max) {
      max = depth;
      if (max > stopAbove) return max;
    }
  }
  return max;
}
