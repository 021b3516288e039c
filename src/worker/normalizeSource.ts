// Raw items of one source document → its articles. Shared by the in-process path, the parser threads
// (feedJob.ts) and `crier inspect`.

import type { SourceConfig } from "../config/index.js";
import { isHttpUrl } from "../config/urls.js";
import type { Article } from "../model.js";
import { compileTransforms, normalizeItems } from "../normalize/index.js";
import type { NormalizeContext } from "../normalize/types.js";
import type { SourceReadResult } from "../sources/index.js";
import { withoutCredentials } from "../uri.js";

/** RawItems of one read → articles, deduplicated by id; known html items keep their stored copy. */
export function normalizeSourceItems(
  source: SourceConfig,
  read: Pick<SourceReadResult, "feed" | "documentUrl">,
  options: { defaultTimezone: string; now: Date; stored: Article[] },
): Article[] {
  const sourceUrl =
    read.feed.link && isHttpUrl(read.feed.link)
      ? read.feed.link
      : "url" in source && isHttpUrl(source.url)
        ? withoutCredentials(source.url)
        : null;
  const context: NormalizeContext = {
    source: { id: source.id, title: source.title ?? read.feed.title?.trim() ?? source.id, url: sourceUrl },
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
  const normalized = normalizeItems(read.feed.items, context);
  for (const [index, raw] of read.feed.items.entries()) {
    const article = normalized[index]!;
    // A feed that repeats a guid publishes the item once (the first, as readers would show it).
    if (seen.has(article.id)) continue;
    seen.add(article.id);
    // html sources do not re-fetch known detail pages: the stored copy has the full content.
    const keep = raw.detailSkipped ? stored.get(article.id) : undefined;
    articles.push(keep ?? article);
  }
  return articles;
}
