// Ids earlier crier gave items that an adapter now reads otherwise. A guid-less item's id is made from
// its link, else its title and date; when the feed adapter learns to read a link or title it missed (an
// RSS item's atom:link, a dc:title, feedburner:origLink) the item's id changes with it. The adapter marks
// such items (RawItem.earlier); the parser thread works out the ids earlier crier gave them (earlierReadings.ts), and the
// refresh, which has the stored articles, keeps those that were stored, so an upgrade delivers none again.

import type { Article } from "../model.js";
import { keepStoredIds } from "../normalize/ids.js";

/** What earlier crier made of an item: enough to find it among the stored articles. */
export type EarlierArticle = Pick<Article, "id" | "title" | "url" | "published"> & { source: { id: string } };

/**
 * keepStoredIds, then: an article whose id no stored article has in any form takes the id earlier crier
 * gave its item (`earlier`, keyed by the ids in `fresh`), in whatever form that is stored, unless another
 * fresh article has it. Pure.
 */
export function keepEarlierIds<T extends Article>(
  fresh: T[],
  earlier: ReadonlyMap<string, EarlierArticle> | undefined,
  stored: readonly Article[],
): T[] {
  const kept = keepStoredIds(fresh, stored);
  if (!earlier || earlier.size === 0 || stored.length === 0) return kept;
  const known = new Set(stored.map((article) => article.id));
  const pending = kept.flatMap((article, index) =>
    !known.has(article.id) && earlier.has(fresh[index]!.id) ? [index] : [],
  );
  if (pending.length === 0) return kept;
  const forms = keepStoredIds(
    pending.map((index) => earlier.get(fresh[index]!.id)!),
    stored,
  );
  const claimed = new Set(kept.map((article) => article.id));
  const out = [...kept];
  for (const [n, index] of pending.entries()) {
    const id = forms[n]!.id;
    if (!known.has(id) || claimed.has(id)) continue;
    claimed.add(id);
    out[index] = { ...kept[index]!, id };
  }
  return out;
}
