import type { Article, Author } from "../../model.js";
import type { FeedMeta } from "../types.js";
import { cleanArticle, cleanMeta, isLanguageTag } from "./clean-input.js";
import { buildFeed, feedUrl } from "./feed-input.js";
import { enclosureType, itemDates, itemLink } from "./values.js";

type Json = Record<string, unknown>;

/**
 * JSON Feed 1.1 (feed.json). feed 6 writes version 1 (a single `author` object, dates taken from the wrong
 * fields, no language, attachments or feed_url without feedLinks.json), so its output is the starting point
 * and each item is completed from the article.
 */
export function renderJsonFeed(rawMeta: FeedMeta, rawArticles: Article[]): string {
  const meta = cleanMeta(rawMeta);
  const articles = rawArticles.map(cleanArticle);
  const generated = JSON.parse(buildFeed(meta, articles).json1()) as { items: Json[] } & Json;
  if (generated.items.length !== articles.length) throw new Error("feed 6 wrote a different number of items");
  const feed: Json = {
    version: "https://jsonfeed.org/version/1.1",
    title: meta.title,
    home_page_url: generated.home_page_url,
    feed_url: feedUrl(meta, "json"),
    description: meta.description || undefined,
    language: isLanguageTag(meta.language) ? meta.language : undefined,
    authors: [jsonAuthor(meta.author)],
    items: articles.map((article, i) => fixItem(generated.items[i]!, article, meta)),
  };
  return `${htmlSafeJson(JSON.stringify(withoutEmpty(feed), null, 2))}\n`;
}

function fixItem(_generated: Json, article: Article, meta: FeedMeta): Json {
  const { published, updated } = itemDates(article, meta);
  return {
    // The article id as it is: JSON Feed ids are opaque strings (feed 6 gets the Atom IRI form).
    id: article.id,
    url: itemLink(article, meta),
    title: article.title || undefined,
    // One of content_html / content_text must be present.
    ...(article.content ? { content_html: article.content } : { content_text: article.summary }),
    summary: article.summary || undefined,
    image: article.image ?? undefined,
    date_published: (published ?? updated).toISOString(),
    date_modified: article.updated ? updated.toISOString() : undefined,
    authors: article.authors.length > 0 ? article.authors.map(jsonAuthor) : undefined,
    tags: article.categories.length > 0 ? article.categories : undefined,
    language:
      article.language && isLanguageTag(article.language) && article.language !== meta.language
        ? article.language
        : undefined,
    attachments:
      article.enclosures.length > 0
        ? article.enclosures.map((e) => ({
            url: e.url,
            mime_type: enclosureType(e),
            ...(e.length ? { size_in_bytes: e.length } : {}),
          }))
        : undefined,
  };
}

function jsonAuthor(author: Author): Json {
  // JSON Feed authors have no email field.
  return { name: author.name, url: author.url };
}

function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([k, v]) => [k, withoutEmpty(v)]),
    );
  }
  return value;
}

const HTML_SIGNIFICANT = /[<>&\u2028\u2029]/g;
const JSON_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * "<", ">" and "&" as \u escapes, as Go's encoding/json writes them: the same JSON value, but no "<script"
 * ever appears in the bytes, so a feed.json served or embedded as HTML by mistake runs nothing. Titles,
 * tags and names are text and may say "<script>" (render escapes them everywhere else).
 */
export function htmlSafeJson(json: string): string {
  return json.replace(HTML_SIGNIFICANT, (char) => JSON_ESCAPES[char]!);
}
