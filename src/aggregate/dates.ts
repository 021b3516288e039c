import type { Article } from "../model.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Gives every article a publication date readers can sort by: undated articles take the time crier first
 * saw them (persisted, so it never moves), and so do dates more than a day in the future. An item that
 * was published at its first-seen time (`pinned`: its stored date is that time) keeps it while its own
 * date is more than a day after that sighting: an item dated three days ahead stays at its first-seen
 * time, instead of jumping to its own date at the first re-read within a day of it. Other items take a
 * later date the source gives them (a re-dated notice), as long as it is not in the future.
 */
export function resolveArticleDates(
  articles: Article[],
  firstSeen: Record<string, string>,
  now: Date,
  pinned: ReadonlySet<string> = new Set(),
): Article[] {
  const nowLimit = now.getTime() + DAY_MS;
  return articles.map((article) => {
    const seen = firstSeen[article.id] ?? now.toISOString();
    const seenTime = Date.parse(seen);
    const limit =
      pinned.has(article.id) && !Number.isNaN(seenTime) ? Math.min(seenTime + DAY_MS, nowLimit) : nowLimit;
    const after = (limitTime: number) => article.updated !== null && Date.parse(article.updated) > limitTime;
    if (article.published !== null && Date.parse(article.published) > limit) {
      // Its update date is as suspect as its date (an event's date given as both).
      return { ...article, published: seen, updated: after(limit) ? null : article.updated };
    }
    // Otherwise an update comes after the first sighting: only one still in the future is dropped.
    const updated = after(nowLimit) ? null : article.updated;
    if (article.published === null) return { ...article, published: seen, updated };
    return updated === article.updated ? article : { ...article, updated };
  });
}

/**
 * Newest first; ties broken by id, then by source (two sources may both have a guid "42"), so the order
 * depends neither on fetch timing nor on the order of the sources in the config.
 */
export function compareNewestFirst(a: Article, b: Article): number {
  const ta = a.published ? Date.parse(a.published) : 0;
  const tb = b.published ? Date.parse(b.published) : 0;
  if (ta !== tb) return tb - ta;
  return compareIds(a.id, a.source.id, b.id, b.source.id);
}

/** By id, then by source id. */
export function compareIds(idA: string, sourceA: string, idB: string, sourceB: string): number {
  if (idA !== idB) return idA < idB ? -1 : 1;
  return sourceA < sourceB ? -1 : sourceA > sourceB ? 1 : 0;
}
