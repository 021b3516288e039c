import { type CheerioAPI, load } from "cheerio";

import { htmlNestingDepth, MAX_HTML_DEPTH } from "../../normalize/htmlDepth.js";

export { htmlNestingDepth, MAX_HTML_DEPTH };

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
