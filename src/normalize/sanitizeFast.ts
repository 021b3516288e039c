import { Parser } from "htmlparser2";
import sanitize from "sanitize-html";
import { escapeHtmlAttribute, escapeHtmlText } from "./escapeHtml.js";
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_CLASSES,
  ALLOWED_TAGS,
  fixUrls,
  isExcludedElement,
  isMediaElement,
  SCHEME_CHECKED_ATTRIBUTES,
  SELF_CLOSING,
  URL_TAGS,
} from "./sanitizePolicy.js";

// One linear walk over htmlparser2's events, used two ways by sanitize.ts:
// - sanitizeCommonHtml: the common case of sanitizing, without sanitize-html's per-call setup, closures per
//   element and six regex passes per text node (2–3× faster on feed bodies). It applies the allow-list with
//   the same parser options and writes the bytes of sanitize-html 2.17 followed by dropExcludedElements —
//   kept in step by a differential test on generated and real-world HTML. What it does not handle itself
//   it hands back (null), and sanitize-html sanitizes the document from the start: any disallowed element
//   (script, svg, font, o:p …) and data: images.
// - dropExcludedElements: the second step after sanitize-html, over its output: tracking pixels and empty
//   wrappers are dropped here rather than with sanitize-html's exclusiveFilter, whose every exclusion copies
//   the whole output so far (quadratic: 40,000 empty paragraphs in 0.6 MB took 25 s).
// Both drop the same elements (isExcludedElement), tracking "has content" as a flag: the text itself is
// never gathered, so deep nesting costs nothing extra either.

const allowedTags = new Set(ALLOWED_TAGS);
const selfClosing = new Set(SELF_CLOSING);
const urlTags = new Set(URL_TAGS);
const schemeChecked = new Set(SCHEME_CHECKED_ATTRIBUTES);
const allowedAttributes = new Map<string, Set<string>>(
  Object.entries(ALLOWED_ATTRIBUTES).map(([tag, names]) => [tag, new Set(names)]),
);
// An allowed class implicitly allows the attribute (sanitize-html adds "class" to the tag's list).
for (const tag of Object.keys(ALLOWED_CLASSES)) {
  allowedAttributes.set(tag, new Set([...(allowedAttributes.get(tag) ?? []), "class"]));
}
// sanitize-html's own defaults, so both paths drop the same empty attributes.
const defaults = sanitize.defaults as typeof sanitize.defaults & { allowedEmptyAttributes?: string[] };
const nonBooleanAttributes = new Set(defaults.nonBooleanAttributes);
const allowedEmptyAttributes = new Set(defaults.allowedEmptyAttributes ?? []);
const dropsEmpty = (name: string) =>
  !allowedEmptyAttributes.has(name) && (nonBooleanAttributes.has(name) || nonBooleanAttributes.has("*"));
const isPlainHttp = (value: string) => value.startsWith("https://") || value.startsWith("http://");
const MAILTO = /^mailto:/i;
// sanitize-html's VALID_HTML_ATTRIBUTE_NAME.
const VALID_ATTRIBUTE_NAME = /^[^\0\t\n\f\r /<=>]+$/;

interface Frame {
  tag: string;
  attribs: Record<string, string>;
  /** Non-blank text or kept media somewhere inside (sanitize-html: frame.text has a non-space). */
  hasContent: boolean;
  /** Index in `parts` where the element's output starts (sanitize-html's tagPosition). */
  start: number;
}

/** Thrown from a parser callback to hand the document to sanitize-html. */
const DEFER = new Error("sanitizeFast: needs sanitize-html");

let parts: string[] = [];
let stack: Frame[] = [];
let base: string | null = null;
let page: string | null = null;
/** Walking sanitize-html's output: every tag and attribute is already allowed and written as it is. */
let trusted = false;

// sanitize-html's escapeHtml() with decodeEntities is escapeHtmlText / escapeHtmlAttribute: its second
// round of replacements never matches text the first round escaped.

function attribute(name: string, value: string): string {
  if (value !== "") return ` ${name}="${escapeHtmlAttribute(value)}"`;
  return allowedEmptyAttributes.has(name) ? ` ${name}=""` : ` ${name}`;
}

function openTag(name: string, attribs: Record<string, string>): void {
  const frame: Frame = { tag: name, attribs, hasContent: false, start: parts.length };
  stack.push(frame);
  if (trusted) {
    let tag = `<${name}`;
    for (const key of Object.keys(attribs)) tag += attribute(key, attribs[key]!);
    parts.push(selfClosing.has(name) ? `${tag} />` : `${tag}>`);
    return;
  }
  if (urlTags.has(name)) fixUrls(name, attribs, base, page);
  // A disallowed element is dropped and its children move up to its parent: re-parsing the output can then
  // nest them differently (`<p><center><hr>` → `<p><hr>`, and <hr> closes <p>), so the exclusions of
  // dropExcludedElements(sanitize-html's output) may differ from the ones this walk could see.
  if (!allowedTags.has(name)) throw DEFER;
  let tag = `<${name}`;
  const allowed = allowedAttributes.get(name);
  if (allowed) {
    for (const key of Object.keys(attribs)) {
      let value = attribs[key]!;
      if (!VALID_ATTRIBUTE_NAME.test(key) || (value === "" && dropsEmpty(key)) || !allowed.has(key)) {
        // Deleted as sanitize-html deletes it: the exclusion filter reads what is left.
        delete attribs[key];
        continue;
      }
      // fixUrls left http(s) URLs, a link's trimmed mailto: and img data: URLs.
      if (schemeChecked.has(key) && !isPlainHttp(value) && !(key === "href" && MAILTO.test(value)))
        throw DEFER;
      if (key === "class") {
        // sanitize-html's filterClasses with crier's patterns (classes are allowed only on code/pre).
        const patterns = ALLOWED_CLASSES[name]!;
        value = value
          .split(/\s+/)
          .filter((c) => patterns.some((pattern) => pattern.test(c)))
          .join(" ");
        if (value === "") {
          delete attribs[key];
          continue;
        }
      }
      // srcset is already canonical (srcset.ts), so sanitize-html's parse-srcset round trip keeps it as is.
      tag += attribute(key, value);
    }
  }
  parts.push(selfClosing.has(name) ? `${tag} />` : `${tag}>`);
}

// String.prototype.trim's white space and line terminators are exactly RegExp's \s.
const NON_BLANK = /\S/;

function text(value: string): void {
  parts.push(escapeHtmlText(value));
  const top = stack[stack.length - 1];
  if (top && !top.hasContent && NON_BLANK.test(value)) top.hasContent = true;
}

function closeTag(name: string): void {
  const frame = stack.pop();
  if (!frame) return;
  if (frame.tag !== name) {
    stack.push(frame);
    return;
  }
  if (isExcludedElement(name, frame.attribs, frame.hasContent)) {
    parts.length = frame.start;
    return;
  }
  if (isMediaElement(name)) frame.hasContent = true;
  const parent = stack[stack.length - 1];
  if (parent && frame.hasContent) parent.hasContent = true;
  if (!selfClosing.has(name)) parts.push(`</${name}>`);
}

const HANDLERS = { onopentag: openTag, ontext: text, onclosetag: closeTag };
// sanitize-html's parser options (its default; crier sets none).
const PARSER_OPTIONS = { decodeEntities: true };

function walk(
  html: string,
  baseUrl: string | null,
  pageUrl: string | null,
  trustedInput: boolean,
): string | null {
  parts = [];
  stack = [];
  base = baseUrl;
  page = pageUrl;
  trusted = trustedInput;
  // A new parser each time: htmlparser2's reset() leaves tokenizer state (e.g. "inside <script>") behind.
  const parser = new Parser(HANDLERS, PARSER_OPTIONS);
  try {
    parser.write(html);
    parser.end();
    return parts.join("");
  } catch (error) {
    if (error === DEFER) return null;
    throw error;
  } finally {
    parts = [];
    stack = [];
    base = null;
    page = null;
    trusted = false;
  }
}

/**
 * `html` sanitized as dropExcludedElements(sanitize-html with crier's allow-list) would give it, before
 * trimming; or null when the document needs sanitize-html itself.
 */
export function sanitizeCommonHtml(
  html: string,
  baseUrl: string | null,
  pageUrl: string | null = null,
): string | null {
  return walk(html, baseUrl, pageUrl, false);
}

/** sanitize-html's output without tracking pixels and empty wrappers (everything else byte for byte). */
export function dropExcludedElements(sanitized: string): string {
  return walk(sanitized, null, null, true) ?? sanitized;
}
