import type sanitize from "sanitize-html";
import { resolveSrcset } from "./srcset.js";
import { resolveUrl } from "./urls.js";

// The HTML allow-list of design §5: what may stay, every URL made absolute http(s), tracking pixels and
// empty wrappers dropped. sanitize.ts applies it with sanitize-html, or with its fast path for common HTML.

export const ALLOWED_TAGS = [
  ...[
    "p",
    "br",
    "hr",
    "a",
    "img",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "q",
    "cite",
    "pre",
    "code",
  ],
  ...["h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small"],
  ...["sub", "sup", "abbr", "time", "kbd", "samp", "var", "span", "div", "figure", "figcaption", "picture"],
  ...["source", "audio", "video", "track", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"],
  ...["colgroup", "col", "details", "summary", "ruby", "rt", "rp", "wbr", "article", "section", "aside"],
];

export const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ["href", "title", "rel"],
  img: ["src", "srcset", "sizes", "alt", "title", "width", "height"],
  source: ["src", "srcset", "sizes", "type", "media"],
  audio: ["src", "controls", "preload", "loop", "muted"],
  video: ["src", "controls", "poster", "preload", "loop", "muted", "width", "height"],
  track: ["src", "kind", "srclang", "label", "default"],
  abbr: ["title"],
  time: ["datetime"],
  blockquote: ["cite"],
  q: ["cite"],
  del: ["datetime"],
  ins: ["datetime"],
  ol: ["start", "type", "reversed"],
  li: ["value"],
  td: ["colspan", "rowspan", "headers"],
  th: ["colspan", "rowspan", "headers", "scope"],
  col: ["span"],
  colgroup: ["span"],
  details: ["open"],
};

/** Elements whose content is dropped with them (not unwrapped into text). */
export const NON_TEXT_TAGS = [
  ...["script", "style", "textarea", "option", "noscript", "template", "title", "head", "svg", "math"],
  ...["iframe", "object", "embed", "applet", "frameset", "frame", "noembed", "noframes", "xmp", "select"],
];

const URL_ATTRIBUTES = ["href", "src", "poster", "cite"];
const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp);base64,[a-z0-9+/=\s]+$/i;
const MAILTO = /^mailto:[^\s<>"]+$/i;
const TRACKER_HOSTS = [
  "feeds.feedburner.com",
  "feedproxy.google.com",
  "pixel.wp.com",
  "stats.wordpress.com",
  "www.google-analytics.com",
  "google-analytics.com",
  "pixel.quantserve.com",
  "sb.scorecardresearch.com",
  "www.facebook.com",
  "pixel.mathtag.com",
  "ad.doubleclick.net",
  "feeds.wordpress.com",
  "counter.yadro.ru",
  "hm.baidu.com",
  "cnzz.com",
  "s4.cnzz.com",
  "c.statcounter.com",
];

/** Elements removed when they hold only whitespace (and no media). */
const WRAPPER_TAGS = new Set(
  "p div span em strong b i u s a h1 h2 h3 h4 h5 h6 blockquote figure figcaption section article aside small mark sub sup".split(
    " ",
  ),
);
const CONTENTFUL_TAGS = new Set(["img", "video", "audio", "picture", "source", "hr", "table"]);

// HTML's microsyntaxes for the allowed attributes that have one: a value is written in its valid form, or
// dropped when a browser would not read it either (html-validate: attribute-allowed-values). Browsers read
// the leading number of "2px" or "3;" and ignore the rest; a percentage width is not an integer.
const INTEGER = /^[\t\n\f\r ]*([+-]?)(\d+)/;
const DIMENSION = /^[\t\n\f\r ]*\+?(\d+)(?:\.\d*)?(%?)/;
const MAX_INT = 2 ** 31 - 1;

function integerIn(min: number, max: number): (value: string) => string | null {
  return (value) => {
    const match = INTEGER.exec(value);
    if (!match) return null;
    const n = Number(match[1] === "-" ? `-${match[2]}` : match[2]);
    return n >= min && n <= max ? String(n) : null;
  };
}

const dimension = (value: string): string | null => {
  const match = DIMENSION.exec(value);
  if (!match || match[2] === "%") return null;
  const n = Number(match[1]);
  return n <= MAX_INT ? String(n) : null;
};

/** An enumerated attribute: its keywords, matched ASCII case-insensitively (`exact`: case-sensitively). */
function keyword(keywords: string[], exact = false): (value: string) => string | null {
  return (value) => {
    const key = exact ? value : value.toLowerCase();
    return keywords.includes(key) ? key : null;
  };
}

const VALUE_RULES: Record<string, Record<string, (value: string) => string | null>> = {
  img: { width: dimension, height: dimension },
  video: { width: dimension, height: dimension, preload: keyword(["none", "metadata", "auto"]) },
  audio: { preload: keyword(["none", "metadata", "auto"]) },
  track: { kind: keyword(["subtitles", "captions", "descriptions", "chapters", "metadata"]) },
  ol: { start: integerIn(-MAX_INT, MAX_INT), type: keyword(["1", "a", "A", "i", "I"], true) },
  li: { value: integerIn(-MAX_INT, MAX_INT) },
  td: { colspan: integerIn(1, 1000), rowspan: integerIn(0, 65534) },
  th: {
    colspan: integerIn(1, 1000),
    rowspan: integerIn(0, 65534),
    scope: keyword(["row", "col", "rowgroup", "colgroup"]),
  },
  col: { span: integerIn(1, 1000) },
  colgroup: { span: integerIn(1, 1000) },
};

/**
 * Makes URL attributes absolute (or drops them), and writes attributes with a microsyntax in their valid
 * form (or drops them). Changes `attribs` in place, as sanitize-html does after it: a copy per element
 * would cost more than the whole function, and keys keep their order either way.
 */
export function fixUrls(
  tagName: string,
  attribs: sanitize.Attributes,
  base: string | null,
): sanitize.Attributes {
  for (const name of URL_ATTRIBUTES) {
    const value = attribs[name];
    if (value === undefined) continue;
    if (tagName === "img" && name === "src" && DATA_IMAGE.test(value.trim())) continue;
    // Surrounding spaces are trimmed from a mailto: link as from any URL.
    if (tagName === "a" && name === "href" && MAILTO.test(value.trim())) {
      attribs[name] = value.trim();
      continue;
    }
    const absolute = resolveUrl(value, base);
    if (absolute) attribs[name] = absolute;
    else delete attribs[name];
  }
  if (attribs.srcset !== undefined) {
    const srcset = resolveSrcset(attribs.srcset, base);
    if (srcset) attribs.srcset = srcset;
    else delete attribs.srcset;
  }
  // HTML: sizes goes with a srcset of widths, and such a srcset needs one; 100vw is what browsers assume.
  // (A resolved srcset has no spaces inside its URLs: " 640w" is a descriptor.)
  if (attribs.srcset !== undefined && / \d+w(?:,|$)/.test(attribs.srcset)) {
    if (!attribs.sizes?.trim()) attribs.sizes = "100vw";
  } else if (attribs.sizes !== undefined) {
    delete attribs.sizes;
  }
  if (tagName === "a") {
    if (attribs.href) attribs.rel = "noopener noreferrer";
    else delete attribs.rel;
  }
  const rules = VALUE_RULES[tagName];
  if (rules) {
    for (const name in rules) {
      const value = attribs[name];
      if (value === undefined) continue;
      const valid = rules[name]!(value);
      if (valid === null) delete attribs[name];
      else attribs[name] = valid;
    }
  }
  return attribs;
}

/**
 * Elements whose attributes fixUrls may change: those that may keep a URL attribute or one with a
 * microsyntax (the rest of their attributes are dropped or kept as they are).
 */
export const URL_TAGS = Object.keys(ALLOWED_ATTRIBUTES).filter(
  (tag) =>
    tag in VALUE_RULES ||
    ALLOWED_ATTRIBUTES[tag]!.some((name) => name === "srcset" || URL_ATTRIBUTES.includes(name)),
);

function isTrackingPixel(attribs: Record<string, string>): boolean {
  const tiny = (v: string | undefined) => v !== undefined && /^\s*[01](?:px)?\s*$/i.test(v);
  if (tiny(attribs.width) || tiny(attribs.height)) return true;
  const src = attribs.src;
  if (!src) return true;
  try {
    const host = new URL(src).hostname.toLowerCase();
    return TRACKER_HOSTS.some((t) => host === t || host.endsWith(`.${t}`));
  } catch {
    return false;
  }
}

// The globs "language-*" / "lang-*" as RegExps: sanitize-html compiles glob strings anew on every call,
// RegExps are used as given (a class never holds a line break, so ".*$" is the glob's "*").
const CODE_CLASSES = [/^language-.*$/, /^lang-.*$/];
export const ALLOWED_CLASSES: Record<string, RegExp[]> = { code: CODE_CLASSES, pre: CODE_CLASSES };

export const ALLOWED_SCHEMES = ["http", "https", "mailto"];
export const ALLOWED_SCHEMES_BY_TAG: Record<string, string[]> = {
  img: ["http", "https", "data"],
  source: ["http", "https"],
};
export const SCHEME_CHECKED_ATTRIBUTES = ["href", "src", "cite", "poster"];
export const SELF_CLOSING = ["img", "br", "hr", "source", "track", "col", "wbr"];

/**
 * A closed element that is dropped with its content: a tracking pixel, or a wrapper with no text (only
 * whitespace) and no media inside. `hasContent`: non-blank text or a kept media element somewhere inside.
 */
export function isExcludedElement(
  tag: string,
  attribs: Record<string, string>,
  hasContent: boolean,
): boolean {
  if (tag === "img") return isTrackingPixel(attribs);
  return !hasContent && WRAPPER_TAGS.has(tag);
}

/** A kept element that gives its wrappers content even without text (an image, a table …). */
export function isMediaElement(tag: string): boolean {
  return CONTENTFUL_TAGS.has(tag);
}
