// The parser thread's half of earlierIds.ts: it normalizes, so it lives apart from keepEarlierIds, which the
// refresh loads on every build (a no-change build must not load the normalize stage).

import type { RawItem } from "../model.js";
import { normalizeItems } from "../normalize/index.js";
import type { NormalizeContext } from "../normalize/types.js";
import type { EarlierArticle } from "./earlierIds.js";

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
