import type { CheerioAPI } from "cheerio";

/** The base URL of a page: its first `<base href>` resolved against the page URL, else the page URL. */
export function documentBase($: CheerioAPI, pageUrl: string): string {
  const href = $("base[href]").first().attr("href")?.trim();
  if (!href) return pageUrl;
  try {
    return new URL(href, pageUrl).href;
  } catch {
    return pageUrl;
  }
}

/**
 * Absolute form of a link found on a page, or null when it is not something crier may follow: http(s)
 * always; file: only from a page that is itself a local file (a remote page must never make crier read a
 * local file). `javascript:`, `mailto:`, bare fragments and unparsable values are dropped.
 */
export function resolveLink(raw: string | undefined, base: string, pageUrl: string): string | null {
  if (!raw) return null;
  const value = raw.trim();
  if (value === "" || value.startsWith("#")) return null;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  if (url.protocol === "file:" && pageUrl.startsWith("file:")) return url.href;
  return null;
}

/** A link without its fragment: two anchors of one page are one page. */
export function withoutFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash === -1 ? url : url.slice(0, hash);
}
