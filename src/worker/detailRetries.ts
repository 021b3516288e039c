import type { Article, RawItem } from "../model.js";
import { canonicalUrl } from "../normalize/urls.js";

// An html item whose detail page failed (a 5xx past the retries, a timeout, a page that did not parse) is
// published with its list entry at once, and its page is asked for again at the next runs, since a
// published item's page is otherwise never fetched again. After MAX_DETAIL_ATTEMPTS failures it is left.

/** Failed attempts at which a detail page is given up (the first fetch included). */
export const MAX_DETAIL_ATTEMPTS = 4;

/** Article URL (canonical) → failed attempts so far, as kept in the source's state. */
export type DetailRetries = Record<string, number>;

/** True when the detail page of a published item failed before and is still worth another try. */
export function isDetailRetryDue(retries: DetailRetries | undefined, url: string): boolean {
  const attempts = retries?.[url];
  return attempts !== undefined && attempts < MAX_DETAIL_ATTEMPTS;
}

export interface DetailRetryUpdate {
  /** What the state keeps; undefined when nothing is pending or given up. */
  retries: DetailRetries | undefined;
  /** URLs whose page failed for the last allowed time in this read. */
  givenUp: string[];
  /** Some pages still wait for another try: the list must be read again (no validators kept). */
  pending: boolean;
}

/**
 * The retry counts after one read of an html source: a failed page counts one more attempt, a page read
 * now is done with, one not asked for (deferred, or no longer listed) keeps its count. Entries of items no
 * longer stored go. Pending: a page still listed waits for another try.
 */
export function nextDetailRetries(
  previous: DetailRetries | undefined,
  items: readonly RawItem[],
  stored: readonly Article[],
): DetailRetryUpdate {
  const next: DetailRetries = { ...previous };
  const givenUp: string[] = [];
  // Only pages still listed can be tried again; one that left the list waits (it may come back) without
  // keeping the list from being revalidated.
  const listed = new Set<string>();
  for (const item of items) {
    if (!item.link || item.link.startsWith("file:")) continue;
    // Keyed by the article's URL, which is what the stored articles and isKnownUrl compare.
    const link = canonicalUrl(item.link, { keepFragment: true });
    listed.add(link);
    if (item.detailSkipped) continue;
    if (item.detailFailed) {
      const attempts = (next[link] ?? 0) + 1;
      next[link] = attempts;
      if (attempts === MAX_DETAIL_ATTEMPTS) givenUp.push(link);
    } else {
      delete next[link];
    }
  }
  const storedUrls = new Set(stored.map((article) => article.url));
  let pending = false;
  for (const url of Object.keys(next)) {
    if (!storedUrls.has(url)) delete next[url];
    else if (next[url]! < MAX_DETAIL_ATTEMPTS && listed.has(url)) pending = true;
  }
  return { retries: Object.keys(next).length > 0 ? next : undefined, givenUp, pending };
}
