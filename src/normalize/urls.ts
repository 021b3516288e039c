// URL resolution and canonical form. Only absolute http(s) URLs leave this module, in RFC 3986 form.

import { uriString } from "../uri.js";

/** Query parameters that only track the click; canonical URLs drop them. Prefix match for utm_. */
const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "msclkid",
  "mc_cid",
  "mc_eid",
  "igshid",
  "yclid",
  "_hsenc",
  "_hsmi",
  "spm",
  "ref_src",
  "ref_url",
  "_ga",
  "_gl",
  "mkt_tok",
  "vero_id",
  "oly_anon_id",
  "oly_enc_id",
  "rb_clickid",
  "wt_mc",
  "__twitter_impression",
  // Session ids (cookie-less sessions): they change per visit, the page is the same without them.
  "jsessionid",
  "phpsessid",
]);

/** A `;jsessionid=…` path parameter (Java servlet containers), in any segment. */
const SESSION_PATH_PARAM = /;(?:jsessionid|phpsessid)=[^/;?#]*/gi;

/**
 * Resolves `ref` against `base` (which may itself be any URL, e.g. file:). Returns an absolute http(s)
 * URL, or null for empty, unparsable and non-http(s) references (javascript:, data:, mailto:, file:).
 * A protocol-relative `//host/x` without a base becomes https.
 */
export function resolveUrl(ref: string | null | undefined, base: string | null | undefined): string | null {
  if (typeof ref !== "string") return null;
  // Browsers drop tabs and newlines inside URLs; leading/trailing C0 controls and spaces are trimmed.
  const cleaned = ref.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  if (cleaned === "") return null;
  let url: URL;
  try {
    if (cleaned.startsWith("//") && !base) url = new URL(`https:${cleaned}`);
    else url = base ? new URL(cleaned, base) : new URL(cleaned);
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return null;
  return uriString(url);
}

export interface CanonicalOptions {
  /** Keep any fragment (used when several items share the document URL and differ only by fragment). */
  keepFragment?: boolean;
}

/**
 * Canonical form used for ids and dedupe: scheme and host lower-cased, default port dropped, tracking
 * parameters and session ids (`;jsessionid=…`, `?PHPSESSID=…`) removed (the rest keep their order and spelling), empty `?` dropped. The fragment is kept
 * only when it is a route (`#/…`, `#!…`) or `keepFragment` is set. Unparsable input comes back trimmed.
 */
export function canonicalUrl(input: string, options: CanonicalOptions = {}): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return input.trim();
  }
  if (url.pathname.includes(";")) url.pathname = url.pathname.replace(SESSION_PATH_PARAM, "");
  if (url.search.length > 1) {
    const kept = url.search
      .slice(1)
      .split("&")
      .filter((pair) => pair !== "" && !isTrackingParam(pair.split("=")[0] ?? ""));
    url.search = kept.length > 0 ? `?${kept.join("&")}` : "";
  } else {
    url.search = "";
  }
  const hash = url.hash;
  const isRoute = hash.startsWith("#/") || hash.startsWith("#!");
  // Setting "" removes the "#" itself, also for an empty fragment ("…/a#").
  if (!hash || (!options.keepFragment && !isRoute)) url.hash = "";
  return uriString(url);
}

function isTrackingParam(rawName: string): boolean {
  let name: string;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, " ")).toLowerCase();
  } catch {
    name = rawName.toLowerCase();
  }
  return name.startsWith("utm_") || TRACKING_PARAMS.has(name);
}

/** The URL without its fragment: what "the same document" means when grouping items. */
export function withoutFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash === -1 ? url : url.slice(0, hash);
}
