// WHATWG URL serialization (URL#href) leaves characters raw that RFC 3986 does not allow outside the host
// ("[ ] | ^ { } ` \" in a query or fragment, a "%" that starts no escape, a second "#"), keeps escapes in
// lower case and unreserved characters escaped ("%7e"). Feed readers and the W3C feed validator
// (InvalidUriChar, NonCanonicalURI) hold links and ids to the RFC, and the normalized form names the same
// resource, so every URL crier writes is in this form.

/** Characters RFC 3986 allows after the authority (unreserved, sub-delims, ":@/?"); "%" and "#" apart. */
const URI_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
/** A "%", or a character outside URI_CHAR and "#". */
const NEEDS_WORK = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%/;

/** `url.href` with the characters RFC 3986 does not allow after the authority percent-encoded (UTF-8). */
export function uriString(url: URL): string {
  const href = url.href;
  // The authority ends at the path's "/": WHATWG percent-encodes "/" in userinfo, and http(s) URLs always
  // have a path.
  const hostStart = href.indexOf("//");
  const pathStart = hostStart === -1 ? -1 : href.indexOf("/", hostStart + 2);
  if (pathStart === -1) return href;
  const rest = href.slice(pathStart);
  // Most URLs need nothing: no "%", no character outside the set, at most one "#".
  const hash = rest.indexOf("#");
  if (!NEEDS_WORK.test(rest) && (hash === -1 || rest.indexOf("#", hash + 1) === -1)) return href;
  return href.slice(0, pathStart) + encodeExcept(rest, URI_CHAR, { oneHash: true, decodeUnreserved: true });
}

/**
 * Percent-encodes (UTF-8, upper-case hex) every character of `value` that `allowed` does not match. A "%"
 * that starts an escape stays (its hex upper-cased), any other "%" becomes "%25"; with `oneHash`, the first
 * "#" stays and later ones are encoded; with `decodeUnreserved`, an escaped letter, digit or "-._~" is
 * written as itself ("%7E" → "~", RFC 3986 §6.2.2.2); with `literalPercent`, every "%" is text and becomes
 * "%25" (a one-to-one escaping). A lone surrogate comes out as U+FFFD's bytes.
 */
export function encodeExcept(
  value: string,
  allowed: RegExp,
  options: { oneHash?: boolean; decodeUnreserved?: boolean; literalPercent?: boolean } = {},
): string {
  let out = "";
  let hashSeen = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === "%" && options.literalPercent) {
      out += "%25";
    } else if (char === "%") {
      // Escapes in upper case (RFC 3986 §6.2.2.1): "%c3%a9" and "%C3%A9" are one URL, and one id.
      const pair = value.slice(i + 1, i + 3);
      if (HEX_PAIR.test(pair)) {
        const decoded = String.fromCharCode(Number.parseInt(pair, 16));
        out += options.decodeUnreserved && UNRESERVED.test(decoded) ? decoded : `%${pair.toUpperCase()}`;
        i += 2;
      } else {
        out += "%25";
      }
    } else if (char === "#" && options.oneHash && !hashSeen) {
      hashSeen = true;
      out += char;
    } else if (allowed.test(char)) {
      out += char;
    } else {
      const whole = String.fromCodePoint(value.codePointAt(i)!);
      i += whole.length - 1;
      for (const byte of Buffer.from(whole, "utf8"))
        out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

/** An http(s) URL already in that form: lower-case host, RFC 3986 characters, upper-case escapes. */
const CLEAN_HTTP_URL =
  /^https?:\/\/[a-z0-9.-]+(:\d+)?([/?#]([A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%(?![46][1-9A-F]|[57][0-9A]|3[0-9]|2[DE]|5F|7E)[0-9A-F]{2})*(#([A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-F]{2})*)?)?$/;

/**
 * An absolute http(s) URL in RFC 3986 form, or null when `value` is not one. A URL already in that form is
 * returned as written ("https://example.org" keeps its lack of a "/"), so clean links are never rewritten.
 */
export function httpUri(value: string | null | undefined): string | null {
  if (typeof value !== "string") return null;
  if (CLEAN_HTTP_URL.test(value) && URL.canParse(value)) return value;
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return uriString(url);
}

// Greedy: the userinfo ends at the authority's last "@" (as URL parsers read "user:p@ss@host").
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s?#]*@/gi;

/**
 * `text` with the credentials of any URL in it removed ("https://user:secret@host/x" → "https://host/x"):
 * for what crier shows others (error messages on the pages and in status.json, source links in OPML).
 * A text that is one URL (a configured source URL) is read as a URL parser reads it, so a password with a
 * space or a raw "@" goes as a whole.
 */
export function withoutCredentials(text: string): string {
  if (!text.includes("@")) return text;
  return urlWithoutCredentials(text) ?? text.replace(USERINFO, "$1");
}

/** A text that is one URL with credentials, without them; null for any other text. */
function urlWithoutCredentials(text: string): string | null {
  const at = text.lastIndexOf("@");
  // Past its authority a URL has no whitespace (a message quoting a URL has).
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /\s/.test(text.slice(at)) || !URL.canParse(text)) return null;
  const url = new URL(text);
  if (url.username === "" && url.password === "") return null;
  url.username = "";
  url.password = "";
  return url.href;
}
