// Raw items of one source document → its articles. Shared by the in-process path, the parser threads
// (feedJob.ts) and `crier inspect`.

import type { SourceConfig } from "../config/index.js";
import { isHttpUrl } from "../config/urls.js";
import type { Article, RawItem } from "../model.js";
import { parseDate } from "../normalize/dates/index.js";
import {
  compileTransforms,
  distinctMintedId,
  mintedId,
  normalizeItems,
  textLine,
} from "../normalize/index.js";
import type { NormalizeContext } from "../normalize/types.js";
import type { SourceReadResult } from "../sources/index.js";
import { withoutCredentials } from "../uri.js";

/**
 * RawItems of one read → articles, deduplicated by id; known html items keep their stored copy. `firstSeen`
 * (id → when the source first showed it): a known item's year-less date (`03-15`) is read as of that first
 * sighting, as it was then, so a pinned notice is not moved to the next year when the list is read a year
 * later. A relative date (`3小时前`) counts from now: the site rewrites it as time passes.
 */
export function normalizeSourceItems(
  source: SourceConfig,
  read: Pick<SourceReadResult, "feed" | "documentUrl">,
  options: {
    defaultTimezone: string;
    now: Date;
    stored: Article[];
    firstSeen?: Readonly<Record<string, string>>;
  },
): Article[] {
  const sourceUrl =
    read.feed.link && isHttpUrl(read.feed.link)
      ? read.feed.link
      : "url" in source && isHttpUrl(source.url)
        ? withoutCredentials(source.url)
        : null;
  const context: NormalizeContext = {
    // The feed's title is text like an article's (C1 controls dropped); a blank one gives way to the id.
    source: { id: source.id, title: source.title ?? textLine(read.feed.title), url: sourceUrl },
    documentUrl: read.documentUrl,
    timezone: source.timezone ?? options.defaultTimezone,
    now: options.now,
    transforms: compileTransforms(source.transforms),
    language: source.language ?? read.feed.language ?? null,
  };
  if (context.source.title === "") context.source.title = source.id;
  const stored = new Map(options.stored.map((a) => [a.id, a]));
  const articles: Article[] = [];
  const seen = new Set<string>();
  const normalized = distinctMintedIds(source.id, read.feed.items, normalizeItems(read.feed.items, context));
  for (const [index, raw] of read.feed.items.entries()) {
    const fresh = normalized[index]!;
    const article = asFirstRead(fresh, raw.published, context, options.firstSeen);
    // A feed that repeats a guid publishes the item once (the first, as readers would show it).
    if (seen.has(article.id)) continue;
    seen.add(article.id);
    // html sources do not re-fetch known detail pages: the stored copy has the full content.
    const keep = raw.detailSkipped ? stored.get(article.id) : undefined;
    articles.push(keep ?? article);
  }
  return articles;
}

/**
 * Items without guid and link get an id from title and date; two of them alike (same-titled notices of
 * one day) are still two items, so all but one get ids of their own (summary in the hash, then an
 * ordinal). The last in document order keeps the plain id: lists and feeds put new items first, so the one
 * that had the id before a same-titled notice was added keeps it, and only the newcomer is new to readers.
 */
function distinctMintedIds(sourceId: string, raws: readonly RawItem[], articles: Article[]): Article[] {
  const taken = new Set<string>();
  for (let index = articles.length - 1; index >= 0; index--) {
    const article = articles[index]!;
    if (
      taken.has(article.id) &&
      !raws[index]?.guid?.trim() &&
      article.id === mintedId(sourceId, article.title, article.published)
    ) {
      const id = distinctMintedId(sourceId, article.title, article.published, article.summary, (candidate) =>
        taken.has(candidate),
      );
      articles[index] = { ...article, id };
    }
    taken.add(articles[index]!.id);
  }
  return articles;
}

const PROBE_SHIFT_MS = 1000 * 86_400_000;

/** The article with its date read as of its first sighting, when that reads differently (see above). */
function asFirstRead(
  article: Article,
  rawDate: string | undefined,
  context: NormalizeContext,
  firstSeen: Readonly<Record<string, string>> | undefined,
): Article {
  const seenAt = firstSeen?.[article.id];
  if (!seenAt || !rawDate || article.published === null) return article;
  const then = new Date(seenAt);
  if (Number.isNaN(then.getTime()) || then.getTime() >= context.now.getTime()) return article;
  // Only a date that came from this raw date: one that read as of now the way the article has it.
  if (
    parseDate(rawDate, { timezone: context.timezone, now: context.now })?.toISOString() !== article.published
  ) {
    return article;
  }
  const first = parseDate(rawDate, { timezone: context.timezone, now: then });
  if (!first || first.toISOString() === article.published) return article;
  // A date that moves with the reference by exactly as much is relative: now's reading stands. The probe
  // shift is no whole number of years, so a year-less date never moves by exactly that.
  const probe = parseDate(rawDate, {
    timezone: context.timezone,
    now: new Date(context.now.getTime() - PROBE_SHIFT_MS),
  });
  if (probe && Date.parse(article.published) - probe.getTime() === PROBE_SHIFT_MS) return article;
  return { ...article, published: first.toISOString() };
}
