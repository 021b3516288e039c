import { Parser } from "htmlparser2";
import sanitize from "sanitize-html";
import { escapeHtmlAttribute, escapeHtmlText } from "./escapeHtml.js";
import { dropExcludedElements, sanitizeCommonHtml } from "./sanitizeFast.js";
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_CLASSES,
  ALLOWED_SCHEMES,
  ALLOWED_SCHEMES_BY_TAG,
  ALLOWED_TAGS,
  EMBED_TAGS,
  embeddedUrl,
  fixUrls,
  NON_TEXT_TAGS,
  SCHEME_CHECKED_ATTRIBUTES,
  SELF_CLOSING,
  URL_TAGS,
} from "./sanitizePolicy.js";
import { withoutControls } from "./text.js";

// sanitize-html applies the allow-list of sanitizePolicy.ts and is the authority on what it means;
// dropExcludedElements then removes tracking pixels and empty wrappers from its output. sanitizeFast.ts
// gives the same bytes in one pass for the common case and hands every other document to that pair
// (every document with an embed among them: embeds are not allowed).

// The base and page URLs of the sanitize() call in progress. sanitize() is synchronous and its hooks never
// call it again, so one options object serves every call instead of a new one (and new closures) per item.
let currentBase: string | null = null;
let currentPage: string | null = null;

const fixUrlsHook = (tagName: string, attribs: sanitize.Attributes) => ({
  tagName,
  attribs: fixUrls(tagName, attribs, currentBase, currentPage),
});

const SANITIZE_HTML_OPTIONS: sanitize.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: ALLOWED_ATTRIBUTES,
  allowedClasses: ALLOWED_CLASSES,
  allowedSchemes: ALLOWED_SCHEMES,
  allowedSchemesByTag: ALLOWED_SCHEMES_BY_TAG,
  allowedSchemesAppliedToAttributes: SCHEME_CHECKED_ATTRIBUTES,
  allowProtocolRelative: false,
  allowedStyles: {},
  parseStyleAttributes: false,
  disallowedTagsMode: "discard",
  selfClosing: SELF_CLOSING,
  nonTextTags: NON_TEXT_TAGS,
  enforceHtmlBoundary: false,
  transformTags: Object.fromEntries(URL_TAGS.map((tag) => [tag, fixUrlsHook])),
  // No exclusiveFilter: each exclusion copies sanitize-html's whole output so far (quadratic).
};

const nonTextTags = new Set(NON_TEXT_TAGS);
const MAY_EMBED = /<(?:iframe|embed|object)\b/i;

/**
 * `html` with a link to what each visible embed shows (sanitizePolicy's embeddedUrl) put before it:
 * sanitize-html then drops the embed and checks the link as any other. An <a> is phrasing content, as
 * the embed is, so it is valid wherever the embed was. Embeds inside an element dropped with its content
 * (another embed, <noscript> …) get none. The parser is sanitize-html's, with its options, so positions
 * and nesting are those it sees.
 */
export function linkEmbeds(html: string, baseUrl: string | null): string {
  if (!MAY_EMBED.test(html)) return html;
  const links: { at: number; url: string }[] = [];
  let dropped = 0;
  // Inside a link, a link to the embed would nest one <a> in another (invalid; browsers split them).
  let anchors = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (dropped === 0 && anchors === 0 && EMBED_TAGS.has(name)) {
          const url = embeddedUrl(name, attribs, baseUrl);
          if (url) links.push({ at: parser.startIndex, url });
        }
        if (nonTextTags.has(name)) dropped++;
        if (name === "a") anchors++;
      },
      onclosetag(name) {
        if (nonTextTags.has(name)) dropped--;
        if (name === "a" && anchors > 0) anchors--;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  if (links.length === 0) return html;
  let out = "";
  let from = 0;
  for (const { at, url } of links) {
    out += `${html.slice(from, at)}<a href="${escapeHtmlAttribute(url)}">${escapeHtmlText(url)}</a>`;
    from = at;
  }
  return out + html.slice(from);
}

/**
 * sanitize-html with crier's allow-list, embeds replaced by links (linkEmbeds); tracking pixels and empty
 * wrappers are still in. (Tests pass an exclusiveFilter to compare with sanitize-html's own way of
 * excluding.)
 */
export function sanitizeWithLibrary(
  html: string,
  baseUrl: string | null,
  pageUrl: string | null = null,
  exclusiveFilter?: sanitize.IOptions["exclusiveFilter"],
): string {
  currentBase = baseUrl;
  currentPage = pageUrl;
  try {
    return sanitize(
      linkEmbeds(html, baseUrl),
      exclusiveFilter ? { ...SANITIZE_HTML_OPTIONS, exclusiveFilter } : SANITIZE_HTML_OPTIONS,
    );
  } finally {
    currentBase = null;
    currentPage = null;
  }
}

/**
 * Sanitizes `html`; relative URLs resolve against `baseUrl`, fragment-only ones ("#fn:1") against
 * `pageUrl` (the item's own URL), and those that cannot are dropped.
 */
export function sanitizeHtml(html: string, baseUrl: string | null, pageUrl: string | null = null): string {
  if (!html?.trim()) return "";
  const sanitized =
    sanitizeCommonHtml(html, baseUrl, pageUrl) ??
    dropExcludedElements(sanitizeWithLibrary(html, baseUrl, pageUrl));
  // The decoded text was cleaned of XML-illegal characters, but the parser decodes character references
  // (`&#11;`, `&#1;`, `&#xFFFE;`) into them; the output is written raw into article pages and feeds. C1
  // controls go too, as the feeds would drop them.
  return withoutControls(sanitized).trim();
}
