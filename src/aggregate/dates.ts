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

/** Newest first; ties broken by id so the order never depends on fetch timing. */
export function compareNewestFirst(a: Article, b: Article): number {
  const ta = a.published ? Date.parse(a.published) : 0;
  const tb = b.published ? Date.parse(b.published) : 0;
  if (ta !== tb) return tb - ta;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
