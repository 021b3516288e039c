import { mediaTypeFromExtension } from "../../mediaType.js";
import type { Article, Enclosure } from "../../model.js";
import { articleLink } from "../paths.js";
import type { FeedMeta } from "../types.js";

// Values the three formats share, derived once so RSS, Atom and JSON Feed agree on them.

/** The item link: the article's URL, else its page in the output (files sources). */
export function itemLink(article: Article, meta: FeedMeta): string {
  return articleLink(article, meta.baseUrl);
}

export function toDate(iso: string | null): Date | null {
  if (iso === null) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Dates of an item. Articles normally arrive dated (aggregate gives undated ones their first-seen time);
 * an undated one still gets meta.updated rather than failing the build or using "now".
 */
export function itemDates(
  article: Article,
  meta: FeedMeta,
): { published: Date | null; updated: Date; effective: Date } {
  const fallback = toDate(meta.updated) ?? new Date(0);
  const published = toDate(article.published);
  const updated = toDate(article.updated) ?? published ?? fallback;
  return { published, updated, effective: published ?? updated };
}

/** The enclosure's own type, else one guessed from the file extension, else application/octet-stream. */
export function enclosureType(enclosure: Enclosure): string {
  return enclosure.type || (mediaTypeFromExtension(enclosure.url) ?? "application/octet-stream");
}

/** Plain text as HTML (for RSS description, which readers treat as HTML). */
export function textToHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/** RSS 2.0 ttl and the syndication module's period/frequency for a build interval. */
export function updateSchedule(ttlMinutes: number): { ttl: number; period: string; frequency: number } {
  const ttl = Math.max(1, Math.round(ttlMinutes));
  const periods: [string, number][] = [
    ["hourly", 60],
    ["daily", 1440],
    ["weekly", 10080],
    ["monthly", 43200],
    ["yearly", 525600],
  ];
  const [period, minutes] = periods.find(([, m]) => ttl <= m) ?? ["yearly", 525600];
  return { ttl, period, frequency: Math.max(1, Math.round(minutes / ttl)) };
}
