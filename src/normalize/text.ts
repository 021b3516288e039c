// htmlparser2 rather than parse5: the input is sanitized markup, and it is ~3× faster.
import { type AnyNode, isCDATA, isTag, isText } from "domhandler";
import { decodeHTML } from "entities";
import { Parser } from "htmlparser2";
import { stripIllegalXmlChars } from "../fetch/stripIllegalXmlChars.js";
import { prefixWithin } from "./graphemes.js";
import { isAbbreviation } from "./title.js";

// HTML → plain text, and plain-text summaries.

const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "ul",
  "caption",
]);
const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "title",
  "iframe",
  "object",
  "svg",
  "math",
]);

// [^<>]: a tag's match ends at the next "<", so many "<a" that never close are scanned once, not each to the end.
export const LOOKS_LIKE_HTML = /<[a-z!/][^<>]*>|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]+);/i;

/**
 * One line of plain text from a field that should be text but often carries markup or entities (titles,
 * author names, categories). A literal "1 < 2" stays as written; script/style text is dropped.
 */
export function plainText(value: string | undefined): string {
  if (!value) return "";
  const text = LOOKS_LIKE_HTML.test(value) ? htmlToText(value) : value;
  return withoutControls(text).replace(/\s+/g, " ").trim();
}

// DEL and the C1 controls are legal XML but never text (the feed validator flags them, and the feeds drop
// them): articles lose them too, so `inspect` shows what the feeds carry and a title of nothing else is
// missing.
const C1_CONTROL = /[\u007F-\u009F]/;
const C1_CONTROLS = /[\u007F-\u009F]/g;

/** `text` without the characters XML cannot carry and without DEL and C1 controls. */
export function withoutControls(text: string): string {
  const legal = stripIllegalXmlChars(text);
  return C1_CONTROL.test(legal) ? legal.replace(C1_CONTROLS, "") : legal;
}

/**
 * One line of a field that is already text (titles as the adapters deliver them, text summaries): no markup
 * is read into it, so "Why <script> tags" stays as written. Characters XML cannot carry and C1 controls are
 * dropped here, before a title that is nothing else counts as present.
 */
export function textLine(value: string | undefined): string {
  if (!value) return "";
  return withoutControls(value).replace(/\s+/g, " ").trim();
}

// Elements of HTML as written in the wild (HTML5 and the old presentational ones). Angle text naming
// anything else ("List<T>", "<Anonymous>", "Map<K,V>") is no markup.
const HTML_ELEMENTS = new Set(
  (
    "a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body br button " +
    "canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em " +
    "embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup " +
    "hr html i iframe img input ins kbd label legend li link main map mark marquee math menu meta meter nav " +
    "nobr noembed noframes noscript object ol optgroup option output p param picture plaintext pre progress " +
    "q rp rt ruby s samp script search section select slot small source span strike strong style sub " +
    "summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video " +
    "wbr xmp"
  ).split(" "),
);
const TAG_OPEN = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)?/g;

/**
 * The text without HTML comments (`<!--:en-->Road works<!--:-->`, qTranslate's language markers): a
 * comment is never text of a title, name or category. Linear: nothing after the last "-->" is searched.
 */
export function withoutHtmlComments(value: string): string {
  const last = value.lastIndexOf("-->");
  if (last < 0 || !value.includes("<!--")) return value;
  const end = last + 3;
  return value.slice(0, end).replace(/<!--[\s\S]*?-->/g, "") + value.slice(end);
}

// Read as text, a title still reaches readers that take RSS titles as HTML (many do). A tag that would run,
// load or swallow text there goes; its words stay ("Why <script> tags" is "Why tags"; a planted
// `<img src=x onerror=…>` is nothing). Harmless ones stay as written ("Vec<T>", "<br>", "<dialog>").
const ACTIVE_ELEMENTS = new Set(
  (
    "applet audio base body embed form frame frameset head html iframe image img input link math meta " +
    "noembed noframes noscript object plaintext script select source style svg template textarea title " +
    "video xmp"
  ).split(" "),
);
const ACTIVE_URL = /^(?:javascript|vbscript|data):/i;

/**
 * The text with every tag an HTML reader would act on removed (a space in its place), read by htmlparser2
 * as a browser would tokenize it: handlers after "/" (`<details/open/ontoggle=…>`), ">" inside quotes,
 * URLs hidden by character references (`javascript&colon;`). Other tags, and all text, stay as written:
 * the output is built from slices of the input at the parser's positions, so an end tag no element is
 * open for ("The </example> tag"), which the parser reports nothing for, stays too.
 */
export function withoutActiveTags(text: string): string {
  if (!text.includes("<")) return text;
  let out = "";
  // The input before `at` is accounted for: written out, replaced or dropped.
  let at = 0;
  // Open tags dropped for their attributes (an <a href="javascript:…">), by name: their end tags go too.
  const dropped = new Map<string, number>();
  /** Writes the input up to `to`: what the parser skipped silently (stray end tags), then nothing else. */
  const skippedTo = (to: number) => {
    if (to > at) out += unreportedTags(text.slice(at, to), to === text.length);
    at = Math.max(at, to);
  };
  /** Writes the event's own input range as written, or `by` in its place. */
  const event = (by?: string) => {
    const start = parser.startIndex;
    // An event over input already written: the close of a void or implied element, the close half of the
    // <p></p> that a stray </p> makes.
    if (start < at) return;
    skippedTo(start);
    const end = Math.min(parser.endIndex + 1, text.length);
    out += by ?? text.slice(start, end);
    at = end;
  };
  const parser = new Parser(
    {
      ontext() {
        event();
      },
      onopentag(name, attribs) {
        if (!isActive(name, attribs)) return event();
        event(" ");
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
      },
      onclosetag(name, implied) {
        if (implied) return;
        const open = dropped.get(name) ?? 0;
        if (open > 0) dropped.set(name, open - 1);
        event(open > 0 || ACTIVE_ELEMENTS.has(name) ? " " : undefined);
      },
      // Comments, doctypes and processing instructions are no title text.
      oncomment() {
        event("");
      },
      onprocessinginstruction() {
        event("");
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(text);
  skippedTo(text.length);
  return out;
}

// What htmlparser2 reports no event for: end tags with no open element, and at the end of the input an
// unfinished tag. An end tag runs nothing but may close what a reader wraps the title in (`</title>`).
// Its ">" may be missing here: htmlparser2 ends an end tag at the first ">", even one inside quotes
// (`</title x='>'>`), and reports the text after it from inside the tag.
const UNREPORTED_END_TAG = /<\/([a-zA-Z][^\s/>]*)[^>]*>?/g;
const BARE_TAG_NAME = /^<\/?([a-zA-Z][^\s/<>]*)$/;

/**
 * Input the parser skipped, as a title keeps it: end tags as written unless they end an active element
 * (those go without a trace, as a browser ignores them: "a</script>b" reads "ab"); an unfinished tag at
 * the end ("Vec<T") as written only when it is a bare name of no active element (`<img src=x onerror=…`
 * goes: a reader appending its own markup would finish it).
 */
function unreportedTags(skipped: string, atEnd: boolean): string {
  const kept = skipped.replace(UNREPORTED_END_TAG, (tag, name: string) =>
    ACTIVE_ELEMENTS.has(name.toLowerCase()) ? "" : tag,
  );
  const tail = kept.lastIndexOf("<");
  if (!atEnd || tail < 0 || kept.indexOf(">", tail) >= 0) return kept;
  const bare = BARE_TAG_NAME.exec(kept.slice(tail));
  const harmless = bare !== null && !ACTIVE_ELEMENTS.has(bare[1]!.toLowerCase());
  return harmless ? kept : `${kept.slice(0, tail)} `;
}

function isActive(name: string, attribs: Record<string, string>): boolean {
  if (ACTIVE_ELEMENTS.has(name)) return true;
  for (const [attribute, value] of Object.entries(attribs)) {
    if (attribute.startsWith("on") || attribute === "style" || attribute === "srcdoc") return true;
    // As a browser reads a URL: references decoded, controls and spaces ignored.
    if (ACTIVE_URL.test(attributeAsUsed(value))) return true;
  }
  return false;
}

/** An attribute value as a browser uses it: references decoded, ASCII whitespace and controls removed. */
function attributeAsUsed(value: string): string {
  return decodeHTML(value).replace(/[\u0000-\u0020]/g, "");
}

/**
 * One line of a field that is text but that sources fill with markup now and then (author names,
 * categories): tags of real HTML elements are read as markup, so "<b>Ann</b>" is "Ann" and
 * "<script>…</script>Mallory" is "Mallory"; any other angle text stays ("List<T>", "<Anonymous>").
 */
export function textWithoutTags(value: string | undefined): string {
  if (!value) return "";
  if (!value.includes("<")) return textLine(value);
  value = withoutHtmlComments(value);
  let markup = false;
  const escaped = value
    .replace(/&/g, "&amp;")
    .replace(TAG_OPEN, (open: string, slash: string, name: string | undefined) => {
      if (name && HTML_ELEMENTS.has(name.toLowerCase())) {
        markup = true;
        return open;
      }
      return `&lt;${slash}${name ?? ""}`;
    });
  return textLine(markup ? htmlToText(escaped) : value);
}

/**
 * Block elements and <br> become line breaks, entities are decoded, runs of spaces collapse. Streams the
 * parser's events (no DOM): the same open/close/text events DomHandler would build a tree from.
 */
export function htmlToText(html: string): string {
  if (!html) return "";
  const collector = textCollector();
  collector.parser.end(html);
  return collapseWhitespace(collector.parts.join(""));
}

/** The first <img> of `html`: its src and alt text as written (entities decoded), or null. */
export function firstImage(html: string): { src: string; alt: string } | null {
  if (!html.includes("<")) return null;
  let found: { src: string; alt: string } | null = null;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (found === null && name === "img") found = { src: attribs.src ?? "", alt: attribs.alt ?? "" };
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return found;
}

/**
 * The text of parsed nodes (cheerio's) as a reader sees it, for fields picked from a page by selector:
 * what htmlToText skips (script, style, noscript, template …) is dropped, and <br>, block and cell
 * boundaries are spaces ("A<br>B" is "A B"). Whitespace is left as is: callers collapse it.
 */
export function nodesText(nodes: readonly AnyNode[]): string {
  const parts: string[] = [];
  const walk = (list: readonly AnyNode[]): void => {
    for (const node of list) {
      if (isText(node)) {
        parts.push(node.data);
      } else if (isTag(node)) {
        const name = node.name.toLowerCase();
        if (SKIP.has(name)) continue;
        const boundary = name === "br" || name === "td" || name === "th" || BLOCK.has(name);
        if (boundary) parts.push(" ");
        walk(node.children);
        if (boundary) parts.push(" ");
      } else if (isCDATA(node)) {
        walk(node.children);
      }
    }
  };
  walk(nodes);
  return parts.join("");
}

/**
 * How much of a body's text summarize (300 units, reading 32 past its cut) and deriveTitle (80) can ever
 * read: text beyond it never changes a summary or a derived title.
 */
export const LEAD_TEXT_LENGTH = 400;

/**
 * The start of htmlToText(html): all of it, or a prefix of it whose flattened form (whitespace runs as
 * one space) has at least `minChars` characters. Summaries and derived titles only look that far, so the
 * rest of a long body is never tokenized. htmlparser2 streams: events of the chunks seen so far are the
 * first events of the whole document, and collapseWhitespace of their text is a prefix of the full text
 * (in UTF-16 units: a chunk may end inside a surrogate pair; callers read well before the end).
 */
export function htmlToTextPrefix(html: string, minChars: number): string {
  if (!html) return "";
  // First guess: half of the markup is text; when it is not, each further chunk doubles what was read.
  const first = Math.max(256, minChars * 2);
  if (html.length <= first * 1.5) return htmlToText(html);
  const collector = textCollector();
  for (let at = 0, chunk = first; at < html.length; at += chunk, chunk = at) {
    collector.parser.write(html.slice(at, at + chunk));
    if (collector.length() >= minChars) {
      const text = collapseWhitespace(collector.parts.join(""));
      // Collapsed text has single spaces and line breaks and no blank lines: its flattened length is its length.
      if (text.length >= minChars) return text;
    }
  }
  collector.parser.end();
  return collapseWhitespace(collector.parts.join(""));
}

interface TextCollector {
  parser: Parser;
  /** Raw text pieces in document order; collapseWhitespace(parts.join("")) is the text so far. */
  parts: string[];
  /** Total length of the pieces: an upper bound of the collapsed text's length. */
  length(): number;
}

function textCollector(): TextCollector {
  const parts: string[] = [];
  let length = 0;
  const push = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  // Per open element: was it a block, and is its content preformatted.
  const blocks: boolean[] = [];
  const pres: boolean[] = [];
  let skipDepth = 0;
  const parser = new Parser({
    onopentag(tag) {
      const name = tag.toLowerCase();
      if (skipDepth > 0 || SKIP.has(name)) {
        skipDepth++;
        return;
      }
      const pre = pres.length > 0 && pres[pres.length - 1]!;
      if (name === "br") {
        push("\n");
        // br is void: its close event follows at once; a skip level makes it a no-op there.
        skipDepth++;
        return;
      }
      const block = BLOCK.has(name);
      if (block) push("\n");
      if (name === "td" || name === "th") push(" ");
      blocks.push(block);
      pres.push(pre || name === "pre");
    },
    onclosetag() {
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      pres.pop();
      if (blocks.pop()) push("\n");
    },
    ontext(data) {
      if (skipDepth > 0) return;
      // Newlines in HTML source are spaces; only blocks and <br> (and <pre>) break lines.
      const pre = pres.length > 0 && pres[pres.length - 1]!;
      push(pre ? data : data.replace(/[\t\n\r\f ]+/g, " "));
    },
  });
  return { parser, parts, length: () => length };
}

/** Spaces collapse within lines; blank lines collapse to one line break; the result is trimmed. */
export function collapseWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

const SENTENCE_END = /[。！？!?.…](?:["'”’」』)）]*)(?=\s|$)|[。！？](?:["'”’」』)）]*)/gu;

/**
 * A plain-text summary of at most `max` UTF-16 units ("…" included). Cuts prefer a sentence end in the
 * last half, then a word or clause boundary in the last third, else any grapheme boundary.
 */
export function summarize(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const room = prefixWithin(flat, max - 1);
  let cut = room;
  const sentenceEnd = lastSentenceEnd(room);
  if (sentenceEnd >= room.length / 2) {
    cut = room.slice(0, sentenceEnd);
  } else {
    const boundary = lastBoundary(room);
    if (boundary >= (room.length * 2) / 3) cut = room.slice(0, boundary);
  }
  // A full stop before the ellipsis reads as "..…"; other marks (!?」) stay.
  return `${cut.replace(/[\s,，、;；:：\-–—.。]+$/u, "")}…`;
}

/** End of the last sentence in `text`; a "." after "Dr" or "U.S" is no sentence end ("…met Dr…"). */
function lastSentenceEnd(text: string): number {
  let end = -1;
  for (const m of text.matchAll(SENTENCE_END)) {
    if (m[0].startsWith(".") && isAbbreviation(text.slice(0, m.index))) continue;
    end = m.index + m[0].length;
  }
  return end;
}

/** Index just before the last space, or just after the last clause punctuation. */
function lastBoundary(text: string): number {
  for (let i = text.length - 1; i > 0; i--) {
    const c = text[i]!;
    if (c === " ") return i;
    if ("，、；：,;".includes(c)) return i + 1;
  }
  return -1;
}
