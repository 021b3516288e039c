import { fastSourceState } from "./fastSourceState.js";
import { STATE_FORMAT_VERSION } from "./format.js";
import type { SourceState } from "./types.js";

// The sources index (<state dir>/sources.index.json): every source's small state without its first/last-
// seen maps, so a build where sources answer 304 reads one file instead of one per source. It is only a
// cache of the per-source files, which stay the source of truth: the store deletes it before it changes
// any per-source file and writes it again at the end of a build (see state.ts for the protocol).

export const INDEX_FORMAT = "crier-sources-index";
export const INDEX_VERSION = 1;

/** One source's line in the index: its state file's content minus the maps, plus whether they are empty. */
export interface IndexEntry {
  id: string;
  etag?: unknown;
  lastModified?: unknown;
  articleCount: number;
  lastAttempt?: unknown;
  lastSuccess?: unknown;
  lastError?: unknown;
  consecutiveFailures?: unknown;
  failingSince?: unknown;
  retryAfter?: unknown;
  configDigest?: unknown;
  sourceTitle?: unknown;
  sourceUrl?: unknown;
  detailRetries?: unknown;
  counters?: unknown;
  /** The state file has first-seen/last-seen entries (they are not in the index). */
  seenDates: boolean;
}

export interface SourceIndex {
  /**
   * The sources folder's inode and mtime (ns) when the index was written. Adding, removing or renaming a
   * file there (crier writes by rename; so do most editors and tools) changes it, and the index is then
   * not trusted. A safety net for hand edits; crier's own writes are covered by deleting the index first.
   */
  sourcesStamp: string;
  entries: Map<string, IndexEntry>;
}

/** The entry for a state whose file holds `articleCount` (format 2); values as they go to the file. */
export function indexEntry(state: SourceState, articleCount: number): IndexEntry {
  return {
    id: state.id,
    etag: state.etag,
    lastModified: state.lastModified,
    articleCount,
    lastAttempt: state.lastAttempt,
    lastSuccess: state.lastSuccess,
    lastError: state.lastError,
    consecutiveFailures: state.consecutiveFailures,
    failingSince: state.failingSince,
    retryAfter: state.retryAfter,
    configDigest: state.configDigest,
    sourceTitle: state.sourceTitle,
    sourceUrl: state.sourceUrl,
    detailRetries: state.detailRetries === undefined ? undefined : { ...state.detailRetries },
    // A copy: the entry must keep describing what was written even if the caller reuses the object.
    counters: isObject(state.counters) ? { ...state.counters } : state.counters,
    seenDates: hasKeys(state.firstSeen) || hasKeys(state.lastSeen),
  };
}

/**
 * The state loading its file would give, except that when the file has first/last-seen entries they are
 * left out (empty maps and `firstSeenPending`). Null when the entry is not one a file could have produced
 * (the caller then reads the file), or when the maps are needed but cannot be filled later: a state
 * without articles never goes through loadArticles.
 */
export function stateFromEntry(entry: IndexEntry): SourceState | null {
  if (entry.seenDates && entry.articleCount === 0) return null;
  const { seenDates: _, ...meta } = entry;
  const state = fastSourceState(meta as Record<string, unknown>);
  if (state === null || state.id !== entry.id || state.articleCount === undefined) return null;
  if (entry.seenDates) state.firstSeenPending = true;
  return state;
}

/** One entry per line (readable, diffable); sorted by id, so equal content means equal bytes. */
export function serializeIndex(index: SourceIndex): string {
  const ids = [...index.entries.keys()].sort();
  const lines = ids.map((id) => `${JSON.stringify(id)}:${JSON.stringify(index.entries.get(id))}`);
  const head = `{"format":${JSON.stringify(INDEX_FORMAT)},"version":${INDEX_VERSION},"stateFormat":${STATE_FORMAT_VERSION},"sourcesStamp":${JSON.stringify(index.sourcesStamp)},"sources":{`;
  return `${head}\n${lines.join(",\n")}\n}}\n`;
}

/** The index, or null when the text is not one this crier wrote (corrupt, foreign, other format). */
export function parseIndex(text: string): SourceIndex | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(json)) return null;
  const { format, version, stateFormat, sourcesStamp, sources } = json;
  if (format !== INDEX_FORMAT || version !== INDEX_VERSION || stateFormat !== STATE_FORMAT_VERSION)
    return null;
  if (typeof sourcesStamp !== "string" || !isObject(sources)) return null;
  const entries = new Map<string, IndexEntry>();
  for (const [id, entry] of Object.entries(sources)) {
    // A malformed entry only costs that source a file read (stateFromEntry checks the values).
    if (!isObject(entry) || entry.id !== id || typeof entry.seenDates !== "boolean") continue;
    if (typeof entry.articleCount !== "number") continue;
    entries.set(id, entry as unknown as IndexEntry);
  }
  return { sourcesStamp, entries };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasKeys(map: Record<string, string> | undefined): boolean {
  if (map === undefined) return false;
  for (const _ in map) return true;
  return false;
}
