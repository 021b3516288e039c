import { isSourceLocalId } from "./dedupe.js";

// A bare id such as "7" names an item only within its source, but readers keep the ids they have long after
// an item left the feed: another source's item "7" must not go out under it later (RFC 4287 §4.2.6).

/** What the id memory needs of a picked article: its source, the source's own id, its dedupe keys. */
export interface PickedId {
  sourceId: string;
  id: string;
  keys: readonly string[];
}

/**
 * Source-local ids written bare in earlier builds ("<source>\u0000<id>" → the dedupe keys of that item's
 * story, its id key left out), most recently published first.
 */
export type BareIds = ReadonlyMap<string, readonly string[]>;

/**
 * How many items published under a bare id are remembered once they are no longer published (those
 * published now always are). A count, not a time: it bounds status.json, which every build reads.
 */
export const REMEMBERED_BARE_IDS = 2000;

/**
 * Adds to `namespaced` every pick whose bare id was published before for an item of another source, so it
 * is written urn:crier:<source>:guid:<id>: the earlier item keeps the bare id, also once it is gone or comes
 * back. A pick sharing a dedupe key with that item is a copy of its story and may use it: readers have it.
 */
export function qualifyNewcomers(picks: Iterable<PickedId>, namespaced: Set<string>, bare: BareIds): void {
  if (bare.size === 0) return;
  const earlierById = new Map<string, (readonly string[])[]>();
  for (const [key, keys] of bare) {
    const id = key.slice(key.indexOf("\u0000") + 1);
    earlierById.set(id, [...(earlierById.get(id) ?? []), keys]);
  }
  for (const pick of picks) {
    const key = `${pick.sourceId}\u0000${pick.id}`;
    if (!isSourceLocalId(pick.id) || namespaced.has(key) || bare.has(key)) continue;
    const earlier = earlierById.get(pick.id);
    if (!earlier) continue;
    const story = new Set(pick.keys);
    if (earlier.some((keys) => keys.some((k) => story.has(k)))) continue;
    namespaced.add(key);
  }
}

/**
 * The bare ids to remember after a build: those it writes bare (`namespaced` as disambiguateIds left it),
 * then the earlier ones not among them, at most `limit` of these.
 */
export function rememberBareIds(
  picks: Iterable<PickedId>,
  namespaced: ReadonlySet<string>,
  earlier: BareIds,
  limit = REMEMBERED_BARE_IDS,
): Record<string, string[]> {
  const remembered = new Map<string, string[]>();
  for (const pick of picks) {
    const key = `${pick.sourceId}\u0000${pick.id}`;
    if (!isSourceLocalId(pick.id) || namespaced.has(key) || remembered.has(key)) continue;
    remembered.set(key, storyKeys(pick.keys));
  }
  let room = limit;
  for (const [key, keys] of earlier) {
    if (room === 0) break;
    if (remembered.has(key)) continue;
    // Kept even if the item is qualified now: readers still have the bare id from it.
    remembered.set(key, [...keys]);
    room--;
  }
  return Object.fromEntries(remembered);
}

/**
 * The bare ids a status.json written before crier remembered them tells of: the last build's picks (by
 * "<source>\u0000<id>") not written namespaced, with their stories' keys.
 */
export function bareIdsOfPicks(
  outputs: readonly { picks?: readonly string[]; stories?: Readonly<Record<string, readonly string[]>> }[],
  namespaced: ReadonlySet<string>,
): Map<string, string[]> {
  const bare = new Map<string, string[]>();
  for (const { picks = [], stories = {} } of outputs) {
    for (const key of picks) {
      const id = key.slice(key.indexOf("\u0000") + 1);
      if (!isSourceLocalId(id) || namespaced.has(key) || bare.has(key)) continue;
      bare.set(key, storyKeys(Object.hasOwn(stories, key) ? stories[key]! : []));
    }
  }
  return bare;
}

/** A story's dedupe keys without the id key: another source's copy never shares it. */
function storyKeys(keys: readonly string[]): string[] {
  return keys.filter((key) => !key.startsWith("id:"));
}
