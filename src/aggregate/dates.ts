import type { Article } from "../model.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Gives every article a publication date readers can sort by: undated articles take the time crier first
 * saw them (persisted, so it never moves), and dates more than a day in the future are clamped to it too.
 */
export function resolveArticleDates(
  articles: Article[],
  firstSeen: Record<string, string>,
  now: Date,
): Article[] {
  const limit = now.getTime() + DAY_MS;
  return articles.map((article) => {
    const seen = firstSeen[article.id] ?? now.toISOString();
    const published = article.published;
    if (published === null || Date.parse(published) > limit) {
      const updated =
        article.updated !== null && Date.parse(article.updated) > limit ? null : article.updated;
      return { ...article, published: seen, updated };
    }
    if (article.updated !== null && Date.parse(article.updated) > limit) return { ...article, updated: null };
    return article;
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
