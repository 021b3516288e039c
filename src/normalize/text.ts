// htmlparser2 rather than parse5: the input is sanitized markup, and it is ~3× faster.
import { Parser } from "htmlparser2";
import { prefixWithin } from "./graphemes.js";

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

export const LOOKS_LIKE_HTML = /<[a-z!/][^>]*>|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]+);/i;

/**
 * One line of plain text from a field that should be text but often carries markup or entities (titles,
 * author names, categories). A literal "1 < 2" stays as written; script/style text is dropped.
 */
export function plainText(value: string | undefined): string {
  if (!value) return "";
  const text = LOOKS_LIKE_HTML.test(value) ? htmlToText(value) : value;
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Block elements and <br> become line breaks, entities are decoded, runs of spaces collapse. Streams the
 * parser's events (no DOM): the same open/close/text events DomHandler would build a tree from.
 */
export function htmlToText(html: string): string {
  if (!html) return "";
  const parts: string[] = [];
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
        parts.push("\n");
        // br is void: its close event follows at once; a skip level makes it a no-op there.
        skipDepth++;
        return;
      }
      const block = BLOCK.has(name);
      if (block) parts.push("\n");
      if (name === "td" || name === "th") parts.push(" ");
      blocks.push(block);
      pres.push(pre || name === "pre");
    },
    onclosetag() {
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      pres.pop();
      if (blocks.pop()) parts.push("\n");
    },
    ontext(data) {
      if (skipDepth > 0) return;
      // Newlines in HTML source are spaces; only blocks and <br> (and <pre>) break lines.
      const pre = pres.length > 0 && pres[pres.length - 1]!;
      parts.push(pre ? data : data.replace(/[\t\n\r\f ]+/g, " "));
    },
  });
  parser.end(html);
  return collapseWhitespace(parts.join(""));
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
  const sentenceEnd = lastMatchEnd(room, SENTENCE_END);
  if (sentenceEnd >= room.length / 2) {
    cut = room.slice(0, sentenceEnd);
  } else {
    const boundary = lastBoundary(room);
    if (boundary >= (room.length * 2) / 3) cut = room.slice(0, boundary);
  }
  // A full stop before the ellipsis reads as "..…"; other marks (!?」) stay.
  return `${cut.replace(/[\s,，、;；:：\-–—.。]+$/u, "")}…`;
}

function lastMatchEnd(text: string, pattern: RegExp): number {
  let end = -1;
  for (const m of text.matchAll(pattern)) end = (m.index ?? 0) + m[0].length;
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
