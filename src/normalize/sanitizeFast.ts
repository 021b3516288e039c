import { Parser } from "htmlparser2";
import sanitize from "sanitize-html";
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_CLASSES,
  ALLOWED_TAGS,
  type ElementFrame,
  fixUrls,
  isExcludedElement,
  NON_TEXT_TAGS,
  SCHEME_CHECKED_ATTRIBUTES,
  SELF_CLOSING,
  URL_TAGS,
} from "./sanitizePolicy.js";

// The common case of sanitize.ts, without sanitize-html's per-call setup, closures per element and six
// regex passes per text node (2–3× faster on feed bodies). It walks the same htmlparser2 events with the
// same options and writes the bytes sanitize-html 2.17 writes for crier's allow-list — kept in step by a
// differential test on generated and real-world HTML. Whatever it does not handle itself it hands back
// (null), and sanitize-html sanitizes the document from the start: elements whose content is dropped
// (script, svg, iframe …), the allowed classes of code/pre, and URLs that are not plain http(s).

const allowedTags = new Set(ALLOWED_TAGS);
const nonTextTags = new Set(NON_TEXT_TAGS);
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
// sanitize-html's VALID_HTML_ATTRIBUTE_NAME.
const VALID_ATTRIBUTE_NAME = /^[^\0\t\n\f\r /<=>]+$/;

interface Frame extends ElementFrame {
  /** Index in `parts` where the element's output starts (sanitize-html's tagPosition). */
  start: number;
  /** A disallowed element: its tags are dropped, its content kept. */
  skip: boolean;
}

/** Thrown from a parser callback to hand the document to sanitize-html. */
const DEFER = new Error("sanitizeFast: needs sanitize-html");

let parts: string[] = [];
let stack: Frame[] = [];
let base: string | null = null;

// sanitize-html's escapeHtml() with decodeEntities: its second round of replacements never matches text
// the first round escaped, so one round is the same.
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const escapeChar = (c: string) => ESCAPES[c]!;
const TEXT_SPECIAL = /[&<>]/;
const ATTRIBUTE_SPECIAL = /[&<>"]/;
const escapeText = (s: string) => (TEXT_SPECIAL.test(s) ? s.replace(/[&<>]/g, escapeChar) : s);
const escapeAttribute = (s: string) => (ATTRIBUTE_SPECIAL.test(s) ? s.replace(/[&<>"]/g, escapeChar) : s);

function openTag(name: string, attribs: Record<string, string>): void {
  const frame: Frame = { tag: name, attribs, text: "", start: parts.length, skip: false };
  stack.push(frame);
  if (urlTags.has(name)) fixUrls(name, attribs, base);
  if (!allowedTags.has(name)) {
    if (nonTextTags.has(name)) throw DEFER;
    frame.skip = true;
    return;
  }
  let tag = `<${name}`;
  const allowed = allowedAttributes.get(name);
  if (allowed) {
    for (const name of Object.keys(attribs)) {
      const value = attribs[name]!;
      if (!VALID_ATTRIBUTE_NAME.test(name) || (value === "" && dropsEmpty(name)) || !allowed.has(name)) {
        // Deleted as sanitize-html deletes it: the exclusion filter reads what is left.
        delete attribs[name];
        continue;
      }
      // srcset is already canonical (srcset.ts), so sanitize-html's parse-srcset round trip keeps it as is.
      if (name === "class") throw DEFER;
      if (schemeChecked.has(name) && !value.startsWith("https://") && !value.startsWith("http://"))
        throw DEFER;
      if (value !== "") tag += ` ${name}="${escapeAttribute(value)}"`;
      else tag += allowedEmptyAttributes.has(name) ? ` ${name}=""` : ` ${name}`;
    }
  }
  parts.push(selfClosing.has(name) ? `${tag} />` : `${tag}>`);
}

function text(value: string): void {
  parts.push(escapeText(value));
  const top = stack[stack.length - 1];
  if (top) top.text += value;
}

function closeTag(name: string): void {
  const frame = stack.pop();
  if (!frame) return;
  if (frame.tag !== name) {
    stack.push(frame);
    return;
  }
  const parent = stack[stack.length - 1];
  if (!frame.skip && isExcludedElement(frame)) {
    parts.length = frame.start;
    return;
  }
  if (parent) parent.text += frame.text;
  if (!frame.skip && !selfClosing.has(name)) parts.push(`</${name}>`);
}

const HANDLERS = { onopentag: openTag, ontext: text, onclosetag: closeTag };
// sanitize-html's parser options (its default; crier sets none).
const PARSER_OPTIONS = { decodeEntities: true };

/**
 * `html` sanitized exactly as sanitize-html with crier's policy would, before trimming; or null when the
 * document needs sanitize-html itself.
 */
export function sanitizeCommonHtml(html: string, baseUrl: string | null): string | null {
  parts = [];
  stack = [];
  base = baseUrl;
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
  }
}
