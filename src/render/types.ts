import type { Author } from "../model.js";
import type { SourceStatus } from "../store/types.js";

// Contract of the render stage: what every renderer gets besides the article list.

export interface FeedMeta {
  title: string;
  description: string;
  /** The site's home page (site.url). */
  siteUrl: string;
  /** Absolute URL of the folder this feed set is served from, ending in "/": site.url or site.url + name/. */
  baseUrl: string;
  language: string;
  author: Author;
  /** IANA zone for dates shown to people (index.html). */
  timezone: string;
  /** ISO time of the newest article, else a fixed epoch: never "now", so unchanged input gives identical bytes. */
  updated: string;
  /** Minutes between builds (from the schedule): RSS ttl and sy:updatePeriod. */
  ttlMinutes: number | null;
  generator: string;
  /** Write an xml-stylesheet PI pointing at feed.xsl. */
  xsl: boolean;
}

export interface PageContext {
  /** Per-source health from the build (index.html). */
  sources: SourceStatus[];
  sourceTitles: Record<string, { title: string; url: string | null }>;
  /** Other feed sets (name + title), for links between index pages. */
  outputs: { name: string; title: string }[];
  /** When the published set last changed (not the build time: no churn). */
  changedAt: string | null;
}
