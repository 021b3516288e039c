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
// HTML ignores the slash of "<div/>" (it opens a div), except in foreign content (svg, math), where
// "<path/>" is closed. These HTML tags break out of foreign content (HTML spec, "rules for parsing tokens
// in foreign content"), so "<svg><div/><div/>" nests again.
const FOREIGN = new Set(["svg", "math"]);
const BREAKOUT = new Set(
  "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var font".split(
    " ",
  ),
);
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
  // How many <svg>/<math> are open around the current tag.
  let foreign = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match !== null; match = TAG.exec(html)) {
    const [tag, closing, rawName, selfClosing] = match;
    const name = rawName!.toLowerCase();
    if (closing) {
      if (!VOID.has(name)) depth = Math.max(0, depth - 1);
      if (foreign > 0 && FOREIGN.has(name)) foreign--;
      continue;
    }
    if (foreign > 0 && BREAKOUT.has(name)) foreign = 0;
    // In svg/math, <title>/<style>/<script> hold markup (and "<title/>" closes): only HTML's are raw text.
    if (foreign === 0 && RAW_TEXT.test(tag)) {
      // Skip to the end tag: script/style text is not markup.
      const endTag = new RegExp(`</${name}`, "gi");
      endTag.lastIndex = TAG.lastIndex;
      if (endTag.exec(html) === null) break;
      TAG.lastIndex = endTag.lastIndex - name.length - 2;
      continue;
    }
    // "<svg/>" closes itself even in HTML content.
    if (VOID.has(name) || (selfClosing && (foreign > 0 || FOREIGN.has(name)))) continue;
    if (FOREIGN.has(name)) foreign++;
    depth++;
    if (depth > max) {
      max = depth;
      if (max > stopAbove) return max;
    }
  }
  return max;
}
