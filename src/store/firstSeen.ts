import type { SourceState } from "./types.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface FirstSeenOptions {
  /** Forget an id this many days after it was last seen (default 180). */
  retentionDays?: number;
  /** Upper bound on remembered ids that are no longer published (default 5000); oldest go first. */
  maxForgotten?: number;
}

// Ids first seen in one read are dated this far apart, in the order the source lists them: undated
// articles of one read keep the publisher's (newest-first) order instead of falling back to the id order.
// A second, the resolution of an RSS date, so readers that sort by date see that order too.
const LIST_STEP_MS = 1000;

/**
 * Records when each id was first seen (undated articles are dated by it, forever) and when it was last
 * seen. `articleIds` are in the source's order: the first new one is seen `now`, the next new one a step
 * earlier, and so on. Ids still published — in `articleIds` or among the stored articles — are never
 * dropped; vanished ids are kept for a while (a list page may drop an item and show it again) and then
 * pruned.
 */
export function assignFirstSeen(
  state: SourceState,
  articleIds: readonly string[],
  now: Date,
  options: FirstSeenOptions = {},
): SourceState {
  // Its maps are placeholders: computing from them would drop every stored first-seen date.
  if (state.firstSeenPending) {
    throw new Error(`source ${state.id}: first-seen dates not loaded (call store.loadArticles first)`);
  }
  const retentionMs = (options.retentionDays ?? 180) * DAY_MS;
  const maxForgotten = options.maxForgotten ?? 5000;
  const iso = now.toISOString();
  // Whole seconds: an undated item is dated by its first sighting, and RSS dates carry no milliseconds, so
  // a stamp with them would read a moment apart in feed.xml and in atom.xml / feed.json.
  const seenAt = Math.floor(now.getTime() / 1000) * 1000;
  const firstSeen: Record<string, string> = { ...state.firstSeen };
  const lastSeen: Record<string, string> = { ...(state.lastSeen ?? {}) };
  const current = new Set(articleIds);
  let newIds = 0;
  for (const id of current) {
    if (firstSeen[id] === undefined) {
      firstSeen[id] = new Date(seenAt - LIST_STEP_MS * newIds).toISOString();
      newIds++;
    }
    lastSeen[id] = iso;
  }
  const published = new Set([...current, ...state.articles.map((article) => article.id)]);
  const vanished: { id: string; seen: number }[] = [];
  for (const id of Object.keys(firstSeen)) {
    if (published.has(id)) continue;
    // Entries from before lastSeen existed count as seen at their first sighting.
    const seen = Date.parse(lastSeen[id] ?? firstSeen[id] ?? "");
    if (Number.isNaN(seen) || now.getTime() - seen > retentionMs) {
      delete firstSeen[id];
      delete lastSeen[id];
    } else {
      vanished.push({ id, seen });
    }
  }
  if (vanished.length > maxForgotten) {
    vanished.sort((a, b) => a.seen - b.seen || (a.id < b.id ? -1 : 1));
    for (const { id } of vanished.slice(0, vanished.length - maxForgotten)) {
      delete firstSeen[id];
      delete lastSeen[id];
    }
  }
  for (const id of Object.keys(lastSeen)) {
    if (!(id in firstSeen)) delete lastSeen[id];
  }
  return { ...state, firstSeen, lastSeen };
}
