import { htmlToText as htmlToLines } from "../../../normalize/text.js";

const LOOKS_LIKE_HTML = /<\/?[a-zA-Z][^>]*>|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);/;

/** Collapses runs of whitespace (titles are one line). */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Plain text of a short HTML snippet such as an html-typed title, on one line. The same reading as
 * summaries: inline elements join ("H<sub>2</sub>O" is "H2O"), blocks and <br> separate, whitespace of
 * the source stays ("neuf ? <i>Tout</i>" keeps its space), hidden elements (script, style …) are dropped.
 */
export function htmlToText(html: string): string {
  return collapseWhitespace(htmlToLines(html));
}

/**
 * RSS titles are nominally text but are often entity-escaped HTML (`AT&amp;amp;T`, `&lt;b&gt;`): decode only
 * when the text looks like markup, so a literal "1 < 2" stays as written.
 */
export function rssTitleToText(title: string): string {
  return LOOKS_LIKE_HTML.test(title) ? htmlToText(title) : collapseWhitespace(title);
}
