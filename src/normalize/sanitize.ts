import sanitize from "sanitize-html";
import { dropExcludedElements, sanitizeCommonHtml } from "./sanitizeFast.js";
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_CLASSES,
  ALLOWED_SCHEMES,
  ALLOWED_SCHEMES_BY_TAG,
  ALLOWED_TAGS,
  fixUrls,
  NON_TEXT_TAGS,
  SCHEME_CHECKED_ATTRIBUTES,
  SELF_CLOSING,
  URL_TAGS,
} from "./sanitizePolicy.js";
import { withoutControls } from "./text.js";

// sanitize-html applies the allow-list of sanitizePolicy.ts and is the authority on what it means;
// dropExcludedElements then removes tracking pixels and empty wrappers from its output. sanitizeFast.ts
// gives the same bytes in one pass for the common case and hands every other document to that pair.

// The base URL of the sanitize() call in progress. sanitize() is synchronous and its hooks never call it
// again, so one options object serves every call instead of a new one (and new closures) per item.
let currentBase: string | null = null;

const fixUrlsHook = (tagName: string, attribs: sanitize.Attributes) => ({
  tagName,
  attribs: fixUrls(tagName, attribs, currentBase),
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

/**
 * sanitize-html with crier's allow-list; tracking pixels and empty wrappers are still in. (Tests pass an
 * exclusiveFilter to compare with sanitize-html's own way of excluding.)
 */
export function sanitizeWithLibrary(
  html: string,
  baseUrl: string | null,
  exclusiveFilter?: sanitize.IOptions["exclusiveFilter"],
): string {
  currentBase = baseUrl;
  try {
    return sanitize(
      html,
      exclusiveFilter ? { ...SANITIZE_HTML_OPTIONS, exclusiveFilter } : SANITIZE_HTML_OPTIONS,
    );
  } finally {
    currentBase = null;
  }
}

/** Sanitizes `html`; relative URLs resolve against `baseUrl`, and those that cannot are dropped. */
export function sanitizeHtml(html: string, baseUrl: string | null): string {
  if (!html?.trim()) return "";
  const sanitized =
    sanitizeCommonHtml(html, baseUrl) ?? dropExcludedElements(sanitizeWithLibrary(html, baseUrl));
  // The decoded text was cleaned of XML-illegal characters, but the parser decodes character references
  // (`&#11;`, `&#1;`, `&#xFFFE;`) into them; the output is written raw into article pages and feeds. C1
  // controls go too, as the feeds would drop them.
  return withoutControls(sanitized).trim();
}
