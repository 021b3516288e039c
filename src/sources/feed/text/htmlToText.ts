import {
  htmlToText as htmlToLines,
  withoutActiveTags,
  withoutHtmlComments,
} from "../../../normalize/text.js";
import { decodeHtmlEntities } from "./htmlEntities.js";

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

// Inline formatting elements: a title whose tags are all of these is HTML ("H<sub>2</sub>O"). Any other tag
// names what the title is about: Hacker News, Lobsters and WordPress escape "Why <script> tags block
// rendering" or "Vec<T> vs &[T]" once, and crier's own feed.xml writes such a text title as `&#x3C;script&gt;`,
// which an XML parser reads back the same.
const INLINE_ELEMENTS = new Set(
  (
    "a abbr acronym b bdi bdo big br cite code del dfn em font i ins kbd mark nobr q rp rt ruby s samp small " +
    "span strike strong sub sup time tt u var wbr"
  ).split(" "),
);
// A tag's name runs to whitespace, "/" or ">", as HTML tokenizes it ("<b,c>" is no <b>), and what follows
// the name starts with one of those: the two parts never match the same characters, and no "<" inside a
// tag stops each attempt at the next one, so a title of many "<a" or one long "<a…" is scanned in linear time.
const TAG = /<(\/?)([a-zA-Z][^\s/<>]*)(?:[\s/][^<>]*)?>/g;
const ENTITY = /&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);/;
const CODE_OPEN = /<(script|style)(?=[\s/>])[^<>]*>/gi;

/**
 * RSS titles are nominally text but are often entity-escaped HTML (`AT&amp;amp;T`, `&lt;b&gt;`). As python
 * feedparser does, a title is read as HTML only when it shows markup (an entity reference left after XML
 * decoding, or an end tag) and every tag in it is an inline formatting element; otherwise only its
 * entities are decoded, so "1 < 2", "Stop using <br> for layout" and "Why <script> tags" stay as written.
 */
export function rssTitleToText(title: string): string {
  if (!title.includes("<") && !title.includes("&")) return collapseWhitespace(title);
  const shown = withoutCode(withoutHtmlComments(title));
  let endTag = false;
  let inlineOnly = true;
  for (const [, slash, name] of shown.matchAll(TAG)) {
    if (slash) endTag = true;
    if (!INLINE_ELEMENTS.has(name!.toLowerCase())) inlineOnly = false;
  }
  const text = inlineOnly && (endTag || ENTITY.test(shown)) ? htmlToText(shown) : decodeHtmlEntities(shown);
  // Tag text left after either reading (a double-escaped `&amp;lt;img …&amp;gt;` reads as HTML to text).
  return collapseWhitespace(withoutActiveTags(text));
}

/**
 * The title without whole script and style elements: their code is never title text (a lone "<script>"
 * is a word of it). Linear: a name whose end tag is not found is not looked for again.
 */
function withoutCode(title: string): string {
  if (!/<\/(?:script|style)/i.test(title)) return title;
  const open = new RegExp(CODE_OPEN);
  const unclosed = new Set<string>();
  let kept = "";
  let from = 0;
  for (let match = open.exec(title); match; match = open.exec(title)) {
    const name = match[1]!.toLowerCase();
    if (unclosed.has(name)) continue;
    const close = new RegExp(`</${name}\\s*>`, "gi");
    close.lastIndex = open.lastIndex;
    const end = close.exec(title);
    if (!end) {
      unclosed.add(name);
      continue;
    }
    kept += title.slice(from, match.index);
    from = open.lastIndex = end.index + end[0].length;
  }
  return kept + title.slice(from);
}
