import type sanitize from "sanitize-html";
import { resolveSrcset, srcsetFallback } from "./srcset.js";
import { resolveUrl } from "./urls.js";

// The HTML allow-list of design §5: what may stay, every URL made absolute http(s), tracking pixels and
// empty wrappers dropped, embeds replaced by a link to what they show. sanitize.ts applies it with
// sanitize-html, or with its fast path for common HTML.

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

// A same-document reference ("#fn:1", a footnote): leading spaces and controls are trimmed from any URL.
const FRAGMENT_ONLY = /^[\u0000-\u0020]*#/;

/**
 * Makes URL attributes absolute (or drops them), and writes attributes with a microsyntax in their valid
 * form (or drops them). Relative references resolve against `base`; a fragment-only one points into the
 * article, so against `page`, the item's own URL (dropped without one: resolved against the feed's URL it
 * would open the feed file). Changes `attribs` in place, as sanitize-html does after it: a copy per
 * element would cost more than the whole function, and keys keep their order either way.
 */
export function fixUrls(
  tagName: string,
  attribs: sanitize.Attributes,
  base: string | null,
  page: string | null,
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
    const absolute = FRAGMENT_ONLY.test(value) ? page && resolveUrl(value, page) : resolveUrl(value, base);
    if (absolute) attribs[name] = absolute;
    else delete attribs[name];
  }
  if (attribs.srcset !== undefined) {
    const srcset = resolveSrcset(attribs.srcset, base);
    if (srcset) attribs.srcset = srcset;
    else delete attribs.srcset;
  }
  // HTML requires an image's src; browsers show a srcset-only one all the same (lazy-loading markup).
  if (tagName === "img" && attribs.src === undefined && attribs.srcset !== undefined) {
    attribs.src = srcsetFallback(attribs.srcset);
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

// An image that says what it shows (alt text) or how large it is (above 1) is content, whatever its name.
// Otherwise these words of its URL mark a beacon: a folder named tracking, pixel or beacon (NPR's
// /include/images/tracking/npr-rss-pixel.png), or a GIF/PNG (or extensionless) file whose name ends in
// the word pixel or beacon (pixel.gif, npr-rss-pixel.png, open_beacon); pixel-art.png, pixels.png and
// pixel-8.jpg are not. Matomo/Piwik's endpoint is a beacon whatever the image declares.
const BEACON_FOLDERS = new Set(["tracking", "pixel", "beacon"]);
const BEACON_FILE = /(?:^|[-_])(?:pixel|beacon)(?:\.(?:gif|png))?$/;
const MATOMO_FILE = /^(?:matomo|piwik)\.php$/;

const isTiny = (v: string | undefined) => v !== undefined && /^\s*[01](?:px)?\s*$/i.test(v);
const isSized = (v: string | undefined) => v !== undefined && Number.parseInt(v, 10) > 1;

function isTrackingPixel(attribs: Record<string, string>): boolean {
  if (isTiny(attribs.width) || isTiny(attribs.height)) return true;
  const src = attribs.src;
  if (!src) return true;
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return false;
  }
  // A data: image calls no one.
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const host = url.hostname.toLowerCase();
  if (TRACKER_HOSTS.some((t) => host === t || host.endsWith(`.${t}`))) return true;
  const segments = url.pathname.toLowerCase().split("/");
  const file = segments.pop()!;
  if (MATOMO_FILE.test(file) || isMatomoQuery(url.search)) return true;
  if (attribs.alt?.trim() || isSized(attribs.width) || isSized(attribs.height)) return false;
  // A folder alone marks a beacon only for a GIF, an extensionless file or a URL with a query
  // (store.example/pixel/pixel-9-front.jpg and /help/tracking/step-1.png are pictures).
  const beaconShaped = /\.gif$|^[^.]*$/.test(file) || url.search !== "";
  return BEACON_FILE.test(file) || (beaconShaped && segments.some((segment) => BEACON_FOLDERS.has(segment)));
}

/**
 * Matomo/Piwik's tracking query under any path: `idsite` with `rec` or `action_name`. Pairs are split at
 * ";" as well as "&": a page that mangles "&amp;" into "8amp;" leaves `idsite=8amp;action_name=…`.
 */
function isMatomoQuery(search: string): boolean {
  if (!/idsite=/i.test(search)) return false;
  const names = new Set(
    search
      .slice(1)
      .split(/[&;]/)
      .map((pair) => pair.split("=")[0]!.toLowerCase()),
  );
  return names.has("idsite") && (names.has("rec") || names.has("action_name"));
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

/**
 * Elements removed with their content (NON_TEXT_TAGS) that embed something a reader may want: a video
 * player, a map, a document. sanitize.ts puts a link to what they embed in their place.
 */
export const EMBED_TAGS = new Set(["iframe", "embed", "object"]);
// Frames that show nothing: tag managers' <noscript> fallbacks, ad slots.
const HIDDEN_FRAME_HOSTS = ["googletagmanager.com", "doubleclick.net", "googlesyndication.com"];
const HIDING_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const YOUTUBE_HOSTS = new Set([
  "www.youtube.com",
  "youtube.com",
  "m.youtube.com",
  "www.youtube-nocookie.com",
  "youtube-nocookie.com",
]);
// A video id is 11 characters; so is "videoseries", a playlist's player, which stays as it is.
const YOUTUBE_EMBED = /^\/embed\/(?!videoseries$)([\w-]{11})$/;
const VIMEO_PLAYER = /^\/video\/(\d+)$/;

/**
 * The URL an embed element (EMBED_TAGS) shows — its `src`, an object's `data` — resolved as any link is
 * (absolute http(s), else none), with YouTube and Vimeo players as their watch pages. Null for an embed a
 * reader never sees (sized 0 or 1, `hidden`, hidden by its style, a tag manager's or ad frame).
 */
export function embeddedUrl(
  tag: string,
  attribs: Record<string, string>,
  base: string | null,
): string | null {
  const url = resolveUrl(tag === "object" ? attribs.data : attribs.src, base);
  if (!url) return null;
  if (isTiny(attribs.width) || isTiny(attribs.height) || attribs.hidden !== undefined) return null;
  if (attribs.style && HIDING_STYLE.test(attribs.style)) return null;
  const parsed = new URL(url);
  const host = parsed.hostname;
  if (HIDDEN_FRAME_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))) return null;
  const video = YOUTUBE_HOSTS.has(host) ? YOUTUBE_EMBED.exec(parsed.pathname) : null;
  if (video) return `https://www.youtube.com/watch?v=${video[1]}`;
  const vimeo = host === "player.vimeo.com" ? VIMEO_PLAYER.exec(parsed.pathname) : null;
  if (vimeo) {
    // An unlisted video's player carries its hash: vimeo.com/ID/HASH is its page.
    const hash = parsed.searchParams.get("h");
    return hash && /^\w+$/.test(hash)
      ? `https://vimeo.com/${vimeo[1]}/${hash}`
      : `https://vimeo.com/${vimeo[1]}`;
  }
  return url;
}

/** A kept element that gives its wrappers content even without text (an image, a table …). */
export function isMediaElement(tag: string): boolean {
  return CONTENTFUL_TAGS.has(tag);
}
