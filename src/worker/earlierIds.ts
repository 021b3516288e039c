// Ids earlier crier gave items that an adapter now reads otherwise. A guid-less item's id is made from
// its link, else its title and date; when the feed adapter learns to read a link or title it missed (an
// RSS item's atom:link, a dc:title, feedburner:origLink) the item's id changes with it. The adapter marks
// such items (RawItem.earlier); the parser thread works out the ids earlier crier gave them, and the
// refresh, which has the stored articles, keeps those that were stored, so an upgrade delivers none again.

import type { Article, RawItem } from "../model.js";
import { keepStoredIds } from "../normalize/ids.js";
import { normalizeItems } from "../normalize/index.js";
import type { NormalizeContext } from "../normalize/types.js";

/** What earlier crier made of an item: enough to find it among the stored articles. */
export type EarlierArticle = Pick<Article, "id" | "title" | "url" | "published"> & { source: { id: string } };

/**
 * Fresh id → the article earlier crier made of that item, for the items whose id differs. Empty (and no
 * work) when no item is marked. The earlier readings are of the whole document, as earlier crier read it:
 * an id can depend on the other items (links that share a page keep their fragment, alike minted ids
 * are told apart).
 */
export function earlierReadings(
  items: readonly RawItem[],
  context: NormalizeContext,
): Map<string, EarlierArticle> {
  const earlier = new Map<string, EarlierArticle>();
  if (!items.some((item) => item.earlier)) return earlier;
  const fresh = normalizeItems(items, context);
  const before = normalizeItems(items.map(asReadBefore), context);
  for (const [index, article] of fresh.entries()) {
    const then = before[index]!;
    if (then.id === article.id || earlier.has(article.id)) continue;
    const { id, title, url, published } = then;
    earlier.set(article.id, { id, title, url, published, source: { id: then.source.id } });
  }
  return earlier;
}

/** The item with the link and title earlier crier read. */
function asReadBefore(item: RawItem): RawItem {
  if (!item.earlier) return item;
  const { earlier, link: _link, title: _title, ...rest } = item;
  return { ...rest, ...earlier };
}

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
