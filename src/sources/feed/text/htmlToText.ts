import { decodeHtmlEntities } from "./htmlEntities.js";

const TAG = /<\/?[a-zA-Z][^>]*>|<!--[\s\S]*?-->/g;
// Browsers never show these elements' text, so neither do titles made from them.
const HIDDEN_ELEMENT = /<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const LOOKS_LIKE_HTML = /<\/?[a-zA-Z][^>]*>|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);/;

/** Collapses runs of whitespace (titles are one line). */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Plain text of a short HTML snippet such as an html-typed title: tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return collapseWhitespace(
    decodeHtmlEntities(
      html
        .replace(HIDDEN_ELEMENT, " ")
        .replace(TAG, " ")
        .replace(/\s+(?=[,.;:!?)])/g, ""),
    ),
  );
}

/**
 * RSS titles are nominally text but are often entity-escaped HTML (`AT&amp;amp;T`, `&lt;b&gt;`): decode only
 * when the text looks like markup, so a literal "1 < 2" stays as written.
 */
export function rssTitleToText(title: string): string {
  return LOOKS_LIKE_HTML.test(title) ? htmlToText(title) : collapseWhitespace(title);
}
