import type { Article } from "../../model.js";
import type { SourceStatus } from "../../store/types.js";
import { articlePagePath } from "../paths.js";
import type { FeedMeta, PageContext } from "../types.js";
import { feedSetsNav, langAttribute, siteFooter, subscribeNav, withHtml } from "./chrome.js";
import { formatLocalDate, formatLocalDateTime } from "./formatLocalDate.js";
import { html, httpUrl, type SafeHtml, safeHref } from "./html.js";
import { fill, type Labels, labelsFor } from "./labels.js";
import { renderDocument } from "./layout.js";
import { displayTitle } from "./pageText.js";

/**
 * index.html of one feed set: every article in the given order (newest first), a source filter and text
 * search that only hide items (the full list is in the HTML), and the health of each source.
 * Pure: the same input gives the same bytes (no build time anywhere).
 */
export function renderIndexHtml(meta: FeedMeta, articles: Article[], page: PageContext): string {
  const t = labelsFor(meta.language);
  const sourceTitle = (id: string, fallback: string) => page.sourceTitles[id]?.title ?? fallback;
  const body = html`<a class="skip" href="#articles-heading">${t.skip}</a>
<header class="site">
<div class="wrap">
<h1>${meta.title}</h1>
${meta.description ? html`<p>${meta.description}</p>` : ""}
${subscribeNav(t, "")}
${feedSetsNav(meta, page.outputs, t, "")}
</div>
</header>
<main id="main" class="wrap">
<h2 id="articles-heading" tabindex="-1">${t.articles}</h2>
${articles.length > 0 ? articleList(meta, articles, t, sourceTitle) : html`<p class="empty">${t.noArticles}</p>`}
${page.sources.length > 0 ? healthTable(meta, page, t) : ""}
</main>
${siteFooter(meta, page, t)}`;
  return renderDocument({
    meta,
    title: meta.title,
    description: meta.description || meta.title,
    toFeedSet: "",
    body,
    withScript: articles.length > 0,
  });
}

function articleList(
  meta: FeedMeta,
  articles: Article[],
  t: Labels,
  sourceTitle: (id: string, fallback: string) => string,
): SafeHtml {
  const sources = new Map<string, string>();
  for (const article of articles) {
    if (!sources.has(article.source.id)) {
      sources.set(article.source.id, sourceTitle(article.source.id, article.source.title));
    }
  }
  const collator = new Intl.Collator(safeLocale(meta.language));
  const options = [...sources].sort((a, b) => collator.compare(a[1], b[1]) || (a[0] < b[0] ? -1 : 1));
  const total = articles.length;
  return html`<div id="filters" class="filters" role="search" aria-label="${t.filters}" hidden>
<div><label for="filter-text">${t.search}</label>
<input type="search" id="filter-text" name="q" autocomplete="off" placeholder="${t.searchPlaceholder}"></div>
<div><label for="filter-source">${t.source}</label>
<select id="filter-source" name="source">
<option value="">${t.allSources}</option>
${options.map(([id, title]) => html`<option value="${id}">${title}</option>`)}
</select></div>
</div>
<p id="count" class="count" aria-live="polite" data-format="${t.shown}">${fill(t.shown, { shown: total, total })}</p>
<ol id="articles" class="articles">
${articles.map((article) => articleItem(meta, article, sourceTitle(article.source.id, article.source.title), t))}
</ol>
<p id="no-matches" class="empty" hidden>${t.noMatches}</p>`;
}

function articleItem(meta: FeedMeta, article: Article, sourceTitle: string, t: Labels): SafeHtml {
  const href = article.url ? safeHref(article.url) : articlePagePath(article);
  const date = formatLocalDate(article.published ?? article.updated, meta.language, meta.timezone);
  return html`<li data-source="${article.source.id}"${langAttribute(article.language, meta.language)}>
<article>
<h3><a href="${href}">${displayTitle(article, t)}</a></h3>
<p class="meta"><span class="source">${sourceTitle}</span>${date ? html`<time datetime="${date.datetime}">${date.text}</time>` : ""}</p>
${article.summary ? html`<p class="summary">${article.summary}</p>` : ""}
</article>
</li>
`;
}

function healthTable(meta: FeedMeta, page: PageContext, t: Labels): SafeHtml {
  return html`<section aria-labelledby="sources-heading">
<h2 id="sources-heading">${t.sources}</h2>
<div class="table-scroll" tabindex="0">
<table>
<thead><tr><th scope="col">${t.source}</th><th scope="col">${t.status}</th><th scope="col">${t.items}</th><th scope="col">${t.lastSuccess}</th><th scope="col">${t.lastError}</th></tr></thead>
<tbody>
${page.sources.map((status) => healthRow(meta, page, status, t))}
</tbody>
</table>
</div>
</section>`;
}

function healthRow(meta: FeedMeta, page: PageContext, status: SourceStatus, t: Labels): SafeHtml {
  const info = page.sourceTitles[status.id];
  const title = info?.title ?? status.id;
  const when = (iso: string | null) => {
    const date = formatLocalDateTime(iso, meta.language, meta.timezone);
    return date ? html`<time datetime="${date.datetime}">${date.text}</time>` : html`${t.never}`;
  };
  const state = status.dead ? "dead" : status.ok ? "ok" : "failing";
  // A healthy source's last success moves every build; showing it would rewrite index.html each time.
  let statusCell: SafeHtml;
  if (status.ok && !status.dead) {
    statusCell = html`<span class="badge ok">${t.ok}</span>`;
  } else {
    const since = formatLocalDateTime(status.failingSince, meta.language, meta.timezone);
    statusCell = html`<span class="badge ${state}">${status.dead ? t.dead : t.failing}</span>
${since ? html`<br>${withHtml(t.failingSince, "date", html`<time datetime="${since.datetime}">${since.text}</time>`)}` : ""}
${status.consecutiveFailures > 0 ? html`<br>${fill(t.failures, { n: status.consecutiveFailures })}` : ""}`;
  }
  return html`<tr class="${state}" data-source="${status.id}">
<th scope="row">${httpUrl(info?.url) ? html`<a href="${httpUrl(info?.url)}">${title}</a>` : title}</th>
<td>${statusCell}</td>
<td class="num">${status.items}</td>
<td>${status.ok && !status.dead ? "" : when(status.lastSuccess)}</td>
<td>${status.lastError ? html`<span class="error">${status.lastError}</span>` : ""}</td>
</tr>
`;
}

function safeLocale(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? "en";
  } catch {
    return "en";
  }
}
