import type { CheerioAPI } from "cheerio";
import { iconvLite } from "../../fetch/iconv.js";

/**
 * The base URL of a page: its first `<base href>` resolved against the page URL, else the page URL. As in
 * a browser (HTML "frozen base URL"), a `javascript:` or `data:` base counts as none; so does any other
 * base crier could not follow links under (a remote page's `file:` base included).
 */
export function documentBase($: CheerioAPI, pageUrl: string): string {
  const href = $("base[href]").first().attr("href")?.trim();
  if (!href) return pageUrl;
  let base: URL;
  try {
    base = new URL(href, pageUrl);
  } catch {
    return pageUrl;
  }
  const followable =
    base.protocol === "http:" ||
    base.protocol === "https:" ||
    (base.protocol === "file:" && pageUrl.startsWith("file:"));
  return followable ? base.href : pageUrl;
}

/**
 * Absolute form of a link found on a page, or null when it is not something crier may follow: http(s)
 * always; file: only from a page that is itself a local file (a remote page must never make crier read a
 * local file), and never one on another host. `javascript:`, `mailto:`, bare fragments and unparsable
 * values are dropped. `charset` is the page's (a decoder name from the fetch stage): the query is encoded
 * in it, as a browser does.
 */
export function resolveLink(
  raw: string | undefined,
  base: string,
  pageUrl: string,
  charset = "utf-8",
): string | null {
  if (!raw) return null;
  const value = raw.trim();
  if (value === "" || value.startsWith("#")) return null;
  let url: URL;
  try {
    url = new URL(queryInCharset(value, charset), base);
  } catch {
    return null;
  }
  // A file: URL with a host ("//other.example/d3" on a local page) names a file on another machine; URL
  // parsing already turned "localhost" into no host.
  const local = url.protocol === "file:" && url.host === "";
  if (url.protocol !== "http:" && url.protocol !== "https:" && !(local && pageUrl.startsWith("file:"))) {
    return null;
  }
  return url.href;
}

/**
 * WHATWG URL parsing with a document's encoding: a URL's query is percent-encoded in that encoding, so a
 * GBK page's `?title=公告` is `?title=%B9%AB%B8%E6`, which is what the site expects (`new URL` would encode
 * it as UTF-8). Returns the reference with only its query's non-ASCII characters encoded, relative or not,
 * so any later URL parsing keeps them. Characters the encoding cannot represent become `&#N;`,
 * percent-encoded, as in a browser. UTF-8 and UTF-16 pages use UTF-8 (the reference is returned as is).
 */
export function queryInCharset(value: string, charset: string): string {
  if (charset === "utf-8" || charset.startsWith("utf-16")) return value;
  const start = value.indexOf("?");
  const hash = value.indexOf("#");
  // "page#a?b": the "?" is in the fragment.
  if (start === -1 || (hash !== -1 && hash < start)) return value;
  const end = hash === -1 ? value.length : hash;
  const query = value.slice(start + 1, end);
  // Non-ASCII code points only: ASCII is the same in every such encoding, and URL parsing encodes it.
  if (!/[^\0-\x7f]/.test(query)) return value;
  const iconv = iconvLite();
  if (!iconv.encodingExists(charset)) return value;
  const encoded = query.replace(/[^\0-\x7f]/gu, (char) => {
    const bytes = iconv.encode(char, charset);
    // iconv-lite writes an unmappable character as "?" (or nothing).
    const mapped = bytes.length > 0 && !(bytes.length === 1 && bytes[0] === 0x3f);
    if (!mapped) return `%26%23${char.codePointAt(0)}%3B`;
    // An ASCII trail byte (Big5 告 is A7 69) stays a character, as in a browser; URL parsing escapes those
    // that need it.
    return Array.from(bytes, (byte) =>
      byte > 0x20 && byte < 0x7f && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`,
    ).join("");
  });
  return `${value.slice(0, start + 1)}${encoded}${value.slice(end)}`;
}

/** A link without its fragment: two anchors of one page are one page. */
export function withoutFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash === -1 ? url : url.slice(0, hash);
}
