import { siteRootUrl } from "../paths.js";
import type { FeedMeta, PageContext } from "../types.js";
import { formatLocalDateTime } from "./formatLocalDate.js";
import { html, type SafeHtml, safeHref } from "./html.js";
import type { Labels } from "./labels.js";

// Page parts shared by the index and article pages.

/** "../" per folder between this feed set (baseUrl) and the site root (siteUrl); "" when they are equal. */
export function toSiteRoot(meta: Pick<FeedMeta, "baseUrl" | "siteUrl">): string {
  try {
    const root = new URL(siteRootUrl(meta.siteUrl));
    const base = new URL(meta.baseUrl);
    if (base.origin !== root.origin || !base.pathname.startsWith(root.pathname)) return "";
    const depth = base.pathname.slice(root.pathname.length).split("/").filter(Boolean).length;
    return "../".repeat(depth);
  } catch {
    return "";
  }
}

/** Visible subscribe links (the same files the <link rel=alternate> tags announce). */
export function subscribeNav(t: Labels, toFeedSet: string): SafeHtml {
  const link = (file: string, type: string, label: string) =>
    html`<li><a href="${toFeedSet + file}" type="${type}">${label}</a></li>`;
  return html`<nav aria-label="${t.subscribe}">
<ul class="feeds">
${link("feed.xml", "application/rss+xml", t.rss)}
${link("atom.xml", "application/atom+xml", t.atom)}
${link("feed.json", "application/feed+json", t.jsonFeed)}
${link("sources.opml", "text/x-opml", t.opml)}
</ul>
<p class="hint">${t.subscribeHint}</p>
</nav>`;
}

/** Links between the site's feed sets: the combined one at the root and each named output. */
export function feedSetsNav(
  meta: FeedMeta,
  outputs: PageContext["outputs"],
  t: Labels,
  toFeedSet: string,
): SafeHtml | null {
  if (outputs.length === 0) return null;
  const up = toFeedSet + toSiteRoot(meta);
  const here = (path: string) => {
    try {
      return new URL(path, siteRootUrl(meta.siteUrl)).href === meta.baseUrl;
    } catch {
      return false;
    }
  };
  // On the index this is the page itself; on an article page it is the feed set the article belongs to.
  const current = toFeedSet === "" ? "page" : "location";
  const item = (folder: string, title: string) =>
    html`<li><a href="${`${up}${folder}index.html`}"${here(folder) ? html` aria-current="${current}"` : ""}>${title}</a></li>`;
  return html`<nav aria-label="${t.otherFeeds}">
<ul class="outputs">
${item("", t.allFeeds)}
${outputs.map((output) => item(`${output.name}/`, output.title))}
</ul>
</nav>`;
}

export function siteFooter(meta: FeedMeta, page: PageContext, t: Labels): SafeHtml {
  const changed = formatLocalDateTime(page.changedAt, meta.language, meta.timezone);
  return html`<footer class="site">
<div class="wrap">
${changed ? html`<p>${withHtml(t.lastUpdated, "date", html`<time datetime="${changed.datetime}">${changed.text}</time>`)}</p>` : ""}
<p>${t.generatedBy} ${meta.generator}${meta.siteUrl ? html` · <a href="${safeHref(meta.siteUrl)}">${meta.siteUrl}</a>` : ""}</p>
</div>
</footer>`;
}

/** lang attribute for an article whose language differs from the page's; invalid tags are dropped. */
export function langAttribute(language: string | null, pageLanguage: string): SafeHtml | null {
  if (!language) return null;
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(language)[0];
  } catch {
    return null;
  }
  if (!canonical || canonical.toLowerCase() === pageLanguage.toLowerCase()) return null;
  return html` lang="${canonical}"`;
}

/** Fills one {name} placeholder of a label with markup (e.g. a <time>); the label text is escaped. */
export function withHtml(template: string, name: string, value: SafeHtml): SafeHtml {
  const [before = "", ...rest] = template.split(`{${name}}`);
  return html`${before}${rest.length > 0 ? value : ""}${rest.join(`{${name}}`)}`;
}
