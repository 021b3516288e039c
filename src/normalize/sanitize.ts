import sanitize from "sanitize-html";
import { sanitizeCommonHtml } from "./sanitizeFast.js";
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_CLASSES,
  ALLOWED_SCHEMES,
  ALLOWED_SCHEMES_BY_TAG,
  ALLOWED_TAGS,
  fixUrls,
  isExcludedElement,
  NON_TEXT_TAGS,
  SCHEME_CHECKED_ATTRIBUTES,
  SELF_CLOSING,
  URL_TAGS,
} from "./sanitizePolicy.js";

// sanitize-html applies the allow-list of sanitizePolicy.ts and is the authority on what it means;
// sanitizeFast.ts gives the same bytes for the common case at a fraction of the cost and hands every
// other document to it.

// The base URL of the sanitize() call in progress. sanitize() is synchronous and its hooks never call it
// again, so one options object serves every call instead of a new one (and new closures) per item.
let currentBase: string | null = null;

const fixUrlsHook = (tagName: string, attribs: sanitize.Attributes) => ({
  tagName,
  attribs: fixUrls(tagName, attribs, currentBase),
});

export const SANITIZE_HTML_OPTIONS: sanitize.IOptions = {
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
  exclusiveFilter: isExcludedElement,
};

/** sanitize-html with crier's allow-list, for every document (the reference for the fast path). */
export function sanitizeWithLibrary(html: string, baseUrl: string | null): string {
  currentBase = baseUrl;
  try {
    return sanitize(html, SANITIZE_HTML_OPTIONS);
  } finally {
    currentBase = null;
  }
}

/** Sanitizes `html`; relative URLs resolve against `baseUrl`, and those that cannot are dropped. */
export function sanitizeHtml(html: string, baseUrl: string | null): string {
  if (!html?.trim()) return "";
  return (sanitizeCommonHtml(html, baseUrl) ?? sanitizeWithLibrary(html, baseUrl)).trim();
}
