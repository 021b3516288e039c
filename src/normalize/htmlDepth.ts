import { decodeHTML } from "entities";

// HTML parsers take time quadratic in the nesting depth (parse5 in cheerio; htmlparser2, under
// sanitize-html and the text readers, unshifts its open-element stack on every tag), synchronously: the
// source deadline cannot interrupt them. A linear scan measures the depth before any parse.

/** Deeper markup is not parsed: real pages and feed bodies nest a few dozen levels. */
export const MAX_HTML_DEPTH = 1000;

// Elements that never hold children, whose end tag may be left out, or whose content is raw text: they
// do not add to the depth a tag-soup page can claim.
const VOID = new Set(
  "area base br col embed hr img input link meta param source track wbr p li dt dd option optgroup tr td th tbody thead tfoot colgroup rt rp".split(
    " ",
  ),
);
const RAW_TEXT = new Set(["script", "style", "textarea", "title"]);
// HTML ignores the slash of "<div/>" (it opens a div), except in foreign content (svg, math), where
// "<path/>" is closed. These HTML tags break out of foreign content (HTML spec, "rules for parsing tokens
// in foreign content"), so "<svg><div/><div/>" nests again.
const FOREIGN = new Set(["svg", "math"]);
const BREAKOUT = new Set(
  "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var font".split(
    " ",
  ),
);
const TAG_NAME = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/y;

interface Tag {
  closing: boolean;
  name: string;
  selfClosing: boolean;
  /** Index just past the tag's ">". */
  end: number;
}

/**
 * The tags of `html` in order, found with indexOf and a sticky regex: linear, where a "<[^>]*>" regex
 * rescans to the end of the text from each of many unterminated "<a" (80,000 of them took 12 s). A tag
 * without ">" runs to the end of the text in HTML, so the walk stops there.
 */
function* tags(html: string): Generator<Tag, void, number | undefined> {
  let at = html.indexOf("<");
  while (at >= 0) {
    TAG_NAME.lastIndex = at;
    const match = TAG_NAME.exec(html);
    if (!match) {
      at = html.indexOf("<", at + 1);
      continue;
    }
    const gt = html.indexOf(">", TAG_NAME.lastIndex);
    if (gt < 0) return;
    // The caller may move on past raw text: it sends where to look next.
    const next = yield {
      closing: match[1] === "/",
      name: match[2]!.toLowerCase(),
      selfClosing: html.charCodeAt(gt - 1) === 0x2f,
      end: gt + 1,
    };
    at = html.indexOf("<", next ?? gt + 1);
  }
}

/** Where the raw text of an HTML <name> that ends at `from` stops (its end tag), or -1 if it never does. */
function rawTextEnd(html: string, name: string, from: number): number {
  const endTag = new RegExp(`</${name}`, "gi");
  endTag.lastIndex = from;
  return endTag.exec(html)?.index ?? -1;
}

/** Open minus closed elements at the deepest point (approximate; stops once above `stopAbove`). */
export function htmlNestingDepth(html: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  // How many <svg>/<math> are open around the current tag.
  let foreign = 0;
  const walk = tags(html);
  for (let step = walk.next(); !step.done; ) {
    const { closing, name, selfClosing, end } = step.value;
    let next: number | undefined;
    if (closing) {
      if (!VOID.has(name)) depth = Math.max(0, depth - 1);
      if (foreign > 0 && FOREIGN.has(name)) foreign--;
    } else {
      if (foreign > 0 && BREAKOUT.has(name)) foreign = 0;
      // In svg/math, <title>/<style>/<script> hold markup (and "<title/>" closes): only HTML's are raw text.
      if (foreign === 0 && RAW_TEXT.has(name)) {
        // Skip to the end tag: script/style text is not markup.
        next = rawTextEnd(html, name, end);
        if (next < 0) break;
      } else if (!VOID.has(name) && !(selfClosing && (foreign > 0 || FOREIGN.has(name)))) {
        // ("<svg/>" closes itself even in HTML content.)
        if (FOREIGN.has(name)) foreign++;
        depth++;
        if (depth > max) {
          max = depth;
          if (max > stopAbove) return max;
        }
      }
    }
    step = walk.next(next);
  }
  return max;
}

/**
 * Whether `html` nests deeper than MAX_HTML_DEPTH. Each level needs its own "<", so markup with no more
 * "<" than that is not walked: counting them with indexOf is several times cheaper than the tag walk,
 * which every feed item's content and summary would otherwise pay.
 */
export function isTooDeep(html: string | undefined): boolean {
  if (html === undefined || !hasMoreThan(html, "<", MAX_HTML_DEPTH)) return false;
  return htmlNestingDepth(html, MAX_HTML_DEPTH) > MAX_HTML_DEPTH;
}

function hasMoreThan(text: string, char: string, count: number): boolean {
  let at = text.indexOf(char);
  for (let seen = 0; at >= 0; seen++) {
    if (seen === count) return true;
    at = text.indexOf(char, at + 1);
  }
  return false;
}

const BLOCK_OR_BREAK = new Set(
  "address article aside blockquote br caption dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td th thead tfoot tr ul".split(
    " ",
  ),
);
const SKIPPED = new Set(["script", "style", "textarea", "title", "template", "noscript"]);

/**
 * The text of markup too deep to parse, read in one linear pass: tags dropped (block ends and <br> break
 * lines), comments and script/style text dropped, entities decoded, spaces collapsed within lines.
 */
export function markupText(html: string): string {
  const parts: string[] = [];
  let copied = 0;
  const text = (until: number) => {
    if (until > copied) parts.push(decodeHTML(html.slice(copied, until).replace(/[\t\n\r\f ]+/g, " ")));
  };
  let at = html.indexOf("<");
  while (at >= 0) {
    text(at);
    let end: number;
    if (html.startsWith("<!--", at)) {
      const close = html.indexOf("-->", at + 4);
      end = close < 0 ? html.length : close + 3;
    } else {
      TAG_NAME.lastIndex = at;
      const match = TAG_NAME.exec(html);
      const bogus = html[at + 1] === "!" || html[at + 1] === "?";
      if (!match && !bogus) {
        // A "<" that opens no tag is text.
        copied = at;
        at = html.indexOf("<", at + 1);
        continue;
      }
      const gt = html.indexOf(">", at);
      end = gt < 0 ? html.length : gt + 1;
      const name = match?.[2]?.toLowerCase() ?? "";
      if (match && BLOCK_OR_BREAK.has(name)) parts.push("\n");
      if (match && match[1] !== "/" && SKIPPED.has(name) && gt >= 0) {
        const close = rawTextEnd(html, name, end);
        end = close < 0 ? html.length : close;
      }
    }
    copied = end;
    at = html.indexOf("<", end);
  }
  text(html.length);
  return parts
    .join("")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("\n");
}
