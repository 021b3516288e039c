import { Feed, type Item } from "feed";
import type { Article } from "../../model.js";
import { feedHomeUrl } from "../paths.js";
import type { FeedMeta } from "../types.js";
import { atomId, distinctFeedIds } from "./atomId.js";
import { itemDates, itemLink, toDate } from "./values.js";

// What crier hands to feed 6. Inputs are already cleaned (clean-input.ts); fields feed 6 cannot write
// correctly are corrected afterwards by the format's fix pass.

export const FEED_FILES = { rss: "feed.xml", atom: "atom.xml", json: "feed.json" } as const;

export function feedUrl(meta: FeedMeta, kind: keyof typeof FEED_FILES): string {
  return new URL(FEED_FILES[kind], meta.baseUrl).href;
}

export function buildFeed(meta: FeedMeta, articles: Article[], options: { stylesheet?: string } = {}): Feed {
  const feed = new Feed({
    id: meta.baseUrl,
    title: meta.title,
    description: meta.description,
    link: feedHomeUrl(meta),
    language: meta.language || undefined,
    updated: toDate(meta.updated) ?? new Date(0),
    generator: meta.generator,
    author: { name: meta.author.name, email: meta.author.email, link: meta.author.url },
    feedLinks: { rss: feedUrl(meta, "rss"), atom: feedUrl(meta, "atom"), json: feedUrl(meta, "json") },
    ...(meta.ttlMinutes ? { ttl: Math.max(1, Math.round(meta.ttlMinutes)) } : {}),
    ...(options.stylesheet ? { stylesheet: options.stylesheet } : {}),
  });
  const ids = distinctFeedIds(articles, (article) => atomId(article.id));
  for (const [index, article] of articles.entries()) feed.addItem(toFeedItem(article, meta, ids[index]!));
  return feed;
}

function toFeedItem(article: Article, meta: FeedMeta, id: string): Item {
  const { published, updated } = itemDates(article, meta);
  const first = article.enclosures[0];
  return {
    title: cdataSafe(article.title),
    // feed 6 runs ids through new URL() for Atom: it must be an IRI already.
    id,
    link: itemLink(article, meta),
    date: updated,
    ...(published ? { published } : {}),
    description: cdataSafe(article.summary) || undefined,
    content: cdataSafe(article.content) || undefined,
    // An empty author array crashes feed 6's json1() (it reads author[0].name).
    ...(article.authors.length > 0
      ? { author: article.authors.map((a) => ({ name: a.name, email: a.email, link: a.url })) }
      : {}),
    // xml-js leaves "<" raw in attributes (Atom label/term): encode it; the fix passes rewrite categories.
    category: article.categories.map((c) => ({
      name: c.replaceAll("<", "&lt;"),
      term: c.replaceAll("<", "&lt;"),
    })),
    ...(first ? { enclosure: { url: first.url, length: first.length ?? 0, type: first.type } } : {}),
  };
}

// feed 6 (through xml-js) escapes only the first "]]>" inside CDATA. Fields that stay CDATA are HTML,
// where "]]&gt;" means the same; text fields are rewritten by the fix passes anyway.
function cdataSafe(text: string): string {
  return text.replaceAll("]]>", "]]&gt;");
}
