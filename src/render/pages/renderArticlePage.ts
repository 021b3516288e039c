import type { Article } from "../../model.js";
import type { FeedMeta, PageContext } from "../types.js";
import { feedSetsNav, langAttribute, siteFooter, subscribeNav } from "./chrome.js";
import { formatLocalDate } from "./formatLocalDate.js";
import { html, httpUrl, raw, safeHref } from "./html.js";
import { fill, labelsFor } from "./labels.js";
import { renderDocument } from "./layout.js";
import { displayTitle, pageContent } from "./pageText.js";

/**
 * The page written at articles/<hash>.html for an article without a URL of its own (files sources).
 * article.content is inserted as is: it is sanitized HTML from the normalize stage.
 */
export function renderArticlePage(meta: FeedMeta, article: Article, page: PageContext): string {
  const t = labelsFor(meta.language);
  const up = "../";
  const date = formatLocalDate(article.published ?? article.updated, meta.language, meta.timezone);
  const source = page.sourceTitles[article.source.id] ?? article.source;
  const sourceUrl = httpUrl(source.url);
  const authors = article.authors.map((author) => author.name).filter(Boolean);
  const body = html`<a class="skip" href="#main">${t.skip}</a>
<header class="site">
<div class="wrap">
<p class="site-name"><a href="${`${up}index.html`}">${meta.title}</a></p>
${subscribeNav(t, up)}
${feedSetsNav(meta, page.outputs, t, up)}
</div>
</header>
<main id="main" class="wrap">
<article class="full"${langAttribute(article.language, meta.language)}>
<h1>${displayTitle(article, t)}</h1>
<p class="meta"><span class="source">${sourceUrl ? html`<a href="${sourceUrl}">${source.title}</a>` : source.title}</span>${date ? html`<time datetime="${date.datetime}">${date.text}</time>` : ""}${authors.length > 0 ? html`<span>${authors.join(", ")}</span>` : ""}</p>
<div class="content">
${raw(pageContent(article.content))}
</div>
${
  article.enclosures.length > 0
    ? html`<h2>${t.attachments}</h2>
<ul>
${article.enclosures.map((enclosure) => html`<li><a href="${safeHref(enclosure.url)}"${enclosure.type ? html` type="${enclosure.type}"` : ""}>${fileName(enclosure.url)}</a></li>`)}
</ul>`
    : ""
}
${article.categories.length > 0 ? html`<p class="meta">${fill(t.tags, { tags: article.categories.join(", ") })}</p>` : ""}
</article>
<p><a href="${`${up}index.html`}">← ${t.back}</a></p>
</main>
${siteFooter(meta, page, t)}`;
  return renderDocument({
    meta,
    title: `${displayTitle(article, t)} – ${meta.title}`,
    description: article.summary || article.title,
    toFeedSet: up,
    body,
    withScript: false,
  });
}

function fileName(url: string): string {
  try {
    const last = new URL(url).pathname.split("/").filter(Boolean).pop();
    return last ? decodeURIComponent(last) : url;
  } catch {
    return url;
  }
}
