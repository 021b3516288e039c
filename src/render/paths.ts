import { createHash } from "node:crypto";
import type { Article } from "../model.js";
import { uriString } from "../uri.js";

/**
 * Output-relative path of the page crier writes for an article without a URL (files sources). Derived
 * from the id alone, so the link stays the same across builds.
 */
export function articlePagePath(article: Pick<Article, "id">): string {
  return `articles/${createHash("sha256").update(article.id).digest("hex").slice(0, 16)}.html`;
}

/** The link a feed item carries: the article's own URL, else its page under the output's base URL. */
export function articleLink(article: Pick<Article, "id" | "url">, baseUrl: string): string {
  return article.url ?? new URL(articlePagePath(article), baseUrl).href;
}

/**
 * The folder feed sets live under: the site URL's path as a folder ("/news" → "/news/", "/news/index.html" →
 * "/news/"), without its query or fragment, in RFC 3986 form. The main set is written there, each named output in `<name>/` below it.
 */
export function siteRootUrl(siteUrl: string): string {
  const root = new URL(siteUrl);
  root.search = "";
  root.hash = "";
  // "https://example.org/news/index.html" names the folder's index page, not a folder called index.html.
  root.pathname = root.pathname.replace(/\/index\.html?$/i, "/");
  if (!root.pathname.endsWith("/")) root.pathname = `${root.pathname}/`;
  return uriString(root);
}

/**
 * A feed set's home page, as its feeds link it: the site (site.url as written) for the combined set, the
 * set's own folder (its index.html) for an `outputs[]` set, as the OPML links it.
 */
export function feedHomeUrl(meta: { siteUrl: string; baseUrl: string }): string {
  return meta.baseUrl === siteRootUrl(meta.siteUrl) ? meta.siteUrl : meta.baseUrl;
}
