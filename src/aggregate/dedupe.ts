import { createHash } from "node:crypto";
import type { Article } from "../model.js";
import { canonicalUrl } from "../normalize/urls.js";

/**
 * The dedupe chain of design §1: same id, else same canonical URL (tracking parameters dropped), else same
 * title + date. The same story from two sources appears once; the richer copy wins, in the first one's place.
 * Title + date never merges two items of one source: each has a page of its own (its URL, or the article
 * page crier writes for it), and a notice board that posts three "停水通知" on one day posts three notices.
 * Nor does the URL: a podcast's episodes all link the show's page, a status page's updates the page itself,
 * and their distinct ids say they are distinct items (an item of one id meets the same-id step first).
 * The day is the calendar day in `timeZone` (the source's, else the config's), as the source dates it.
 */
export function dedupeArticles(articles: Article[], timeZone = "UTC"): Article[] {
  return dedupeBy(
    articles,
    (article) => dedupeKeys(article, timeZone),
    richness,
    (article) => article.source.id,
  );
}

/**
 * The dedupe chain over anything that knows its keys, richness and source (precomputed ones, see select.ts).
 * `joined` hears of every item the slot (index in the result) it went into, whether it won it or not.
 */
export function dedupeBy<T>(
  items: T[],
  keysOf: (item: T) => string[],
  richnessOf: (item: T) => number,
  sourceOf: (item: T) => string,
  joined?: (slot: number, item: T) => void,
): T[] {
  const kept: T[] = [];
  const slotByKey = new Map<string, number>();
  // Per slot: the sources whose items went into it (whichever copy won).
  const sourcesOfSlot: Set<string>[] = [];
  for (const item of items) {
    const keys = keysOf(item);
    const source = sourceOf(item);
    let slot: number | undefined;
    for (const key of keys) {
      const candidate = slotByKey.get(key);
      if (candidate === undefined) continue;
      // Same title and day, or same URL, from the source that is already in this story is another item of
      // its own: the source gave it another id.
      if ((key.startsWith("url:") || key.startsWith("td:")) && sourcesOfSlot[candidate]!.has(source))
        continue;
      slot = candidate;
      break;
    }
    if (slot === undefined) {
      const index = kept.push(item) - 1;
      sourcesOfSlot.push(new Set([source]));
      for (const key of keys) if (!slotByKey.has(key)) slotByKey.set(key, index);
      joined?.(index, item);
      continue;
    }
    joined?.(slot, item);
    const existing = kept[slot]!;
    if (richnessOf(item) > richnessOf(existing)) kept[slot] = item;
    sourcesOfSlot[slot]!.add(source);
    for (const key of keys) if (!slotByKey.has(key)) slotByKey.set(key, slot);
  }
  return kept;
}

export function dedupeKeys(article: Article, timeZone: string): string[] {
  // A guid such as "1" or "post-42" is unique only within its feed: two sources may both have a "1".
  const keys = [
    isSourceLocalId(article.id) ? `id:${article.source.id}\u0000${article.id}` : `id:${article.id}`,
  ];
  // The fragment stays: one page listing several notices links them as page#n1, page#n2.
  if (article.url) keys.push(`url:${stripScheme(canonicalUrl(article.url, { keepFragment: true }))}`);
  const title = article.title.trim().toLowerCase();
  if (title !== "" && article.published) {
    const day = calendarDay(article.published, timeZone);
    keys.push(`td:${createHash("sha256").update(`${title}\u0000${day}`).digest("hex").slice(0, 24)}`);
  }
  return keys;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an ISO instant in an IANA zone: a notice dated 2024-01-05 in Shanghai is
 * 2024-01-04T16:00Z, and a copy stamped 09:00 +08:00 is the same day. */
export function calendarDay(iso: string, timeZone: string): string {
  if (timeZone === "UTC") return iso.slice(0, 10);
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso.slice(0, 10) : format.format(time);
}

function stripScheme(url: string): string {
  return url.replace(/^https?:\/\//, "");
}

/** More content, then more metadata, is the better copy. */
export function richness(article: Article): number {
  return (
    article.content.length +
    article.summary.length / 10 +
    (article.published ? 50 : 0) +
    article.authors.length * 10 +
    article.categories.length * 5 +
    article.enclosures.length * 20 +
    (article.image ? 10 : 0)
  );
}

/** An id that is no absolute URI (a guid such as "1" or "post-42"): it names an item only within its source. */
export function isSourceLocalId(id: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(id);
}

/** The key of a source-local id in the set of those written namespaced ("<source>\u0000<id>"). */
export function namespacedKey(article: Pick<Article, "id" | "source">): string {
  return sourceLocalKey(article.source.id, article.id);
}

function sourceLocalKey(sourceId: string, id: string): string {
  return `${sourceId}\u0000${id}`;
}

/**
 * Output ids must be unique within a feed. When articles of different sources share a source-local id
 * in any of the feed sets, each of them is written as urn:crier:<source>:guid:<id>, in every set; every
 * other article keeps its id. `namespaced` holds the keys of ids written that way before (they stay so,
 * even after the collision is gone: an id never changes back) and gains this build's new ones.
 * `published` holds the keys of articles published before (the last build's, any set, and the bare ids
 * remembered, see ids.ts): when exactly one of the articles sharing an id was published under it, it keeps
 * it — readers have it — and only the newcomers are qualified. A newcomer whose bare id an earlier item of
 * another source had, when that item is not in the set, is qualified beforehand (qualifyNewcomers).
 */
export function disambiguateIds(
  sets: Article[][],
  namespaced: Set<string> = new Set(),
  published: ReadonlySet<string> = new Set(),
): Article[][] {
  const publishedBare = (key: string) => published.has(key) && !namespaced.has(key);
  for (const articles of sets) {
    const sourcesById = new Map<string, Set<string>>();
    for (const article of articles) {
      if (!isSourceLocalId(article.id)) continue;
      const sources = sourcesById.get(article.id) ?? new Set<string>();
      sources.add(article.source.id);
      sourcesById.set(article.id, sources);
    }
    for (const [id, sources] of sourcesById) {
      if (sources.size < 2) continue;
      const keys = [...sources].map((source) => sourceLocalKey(source, id));
      const readersHave = keys.filter(publishedBare);
      for (const key of keys) {
        if (readersHave.length === 1 && key === readersHave[0]) continue;
        namespaced.add(key);
      }
    }
  }
  return sets.map((articles) =>
    articles.map((article) =>
      isSourceLocalId(article.id) && namespaced.has(namespacedKey(article))
        ? { ...article, id: `urn:crier:${article.source.id}:guid:${encodeURIComponent(article.id)}` }
        : article,
    ),
  );
}
