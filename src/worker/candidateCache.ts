// Selection candidates of unchanged sources, kept between builds: a build where a few sources changed
// would otherwise read every other source's articles file (125 MB at 1000 sources) only to recompute the
// same small records. An entry is used only when both the articles file (its stamp: inode, size, mtime)
// and everything selection depends on (crier's version, the source's config, outputs, maxItems, timezone) are the
// ones it was computed from; anything else, a damaged file included, falls back to the articles file.

import { createHash } from "node:crypto";
import type { Candidate } from "../aggregate/index.js";
import type { Config, SourceConfig } from "../config/index.js";
import type { StateStore } from "../store/index.js";
import { VERSION } from "../version.js";

const CACHE_NAME = "candidates";
const FORMAT = 1;

interface CacheEntry {
  key: string;
  candidates: Candidate[];
}

export interface CandidateCache {
  /** The cached candidates of a source whose articles file still has `stamp`, else null. */
  lookup(source: SourceConfig, stamp: string | null): Candidate[] | null;
  remember(source: SourceConfig, stamp: string | null, candidates: Candidate[]): void;
  /** Writes the entries of `sourceIds` (the enabled sources) when they differ from what was read. */
  save(sourceIds: readonly string[]): Promise<void>;
}

/** Bumped when what a candidate holds changes within one version (e.g. its dedupe keys). */
const CANDIDATE_FORMAT = 4;

export async function openCandidateCache(store: StateStore, config: Config): Promise<CandidateCache> {
  // The timezone dates the title + day dedupe key of sources without their own.
  const shared = JSON.stringify([
    VERSION,
    CANDIDATE_FORMAT,
    config.outputs,
    config.output.maxItems,
    config.timezone,
  ]);
  const keyOf = (source: SourceConfig, stamp: string) =>
    createHash("sha256")
      .update(`${shared}\n${JSON.stringify(source)}\n${stamp}`)
      .digest("hex")
      .slice(0, 32);
  const read = parseCache(await store.readCache(CACHE_NAME));
  const entries = new Map<string, CacheEntry>(read);
  let changed = false;
  return {
    lookup(source, stamp) {
      if (stamp === null) return null;
      const entry = entries.get(source.id);
      if (!entry || entry.key !== keyOf(source, stamp)) return null;
      const outputs = config.outputs.length;
      return entry.candidates.every((c) => isCandidate(c, source.id, outputs)) ? entry.candidates : null;
    },
    remember(source, stamp, candidates) {
      if (stamp === null) {
        changed ||= entries.delete(source.id);
        return;
      }
      const key = keyOf(source, stamp);
      if (entries.get(source.id)?.key === key) return;
      entries.set(source.id, { key, candidates });
      changed = true;
    },
    async save(sourceIds) {
      const kept = new Set(sourceIds);
      for (const id of entries.keys()) {
        if (!kept.has(id)) {
          entries.delete(id);
          changed = true;
        }
      }
      if (!changed) return;
      await store.writeCache(
        CACHE_NAME,
        JSON.stringify({ format: FORMAT, entries: Object.fromEntries(entries) }),
      );
    },
  };
}

function parseCache(text: string | null): [string, CacheEntry][] {
  if (text === null) return [];
  try {
    const data = JSON.parse(text) as { format?: unknown; entries?: unknown };
    if (data.format !== FORMAT || typeof data.entries !== "object" || data.entries === null) return [];
    return Object.entries(data.entries as Record<string, CacheEntry>).filter(
      ([, entry]) => typeof entry?.key === "string" && Array.isArray(entry.candidates),
    );
  } catch {
    return [];
  }
}

/** The shape selection relies on (the file is crier's own, but it may have been damaged). */
function isCandidate(value: Candidate, sourceId: string, outputs: number): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    value.sourceId === sourceId &&
    Number.isInteger(value.index) &&
    typeof value.id === "string" &&
    typeof value.time === "number" &&
    typeof value.richness === "number" &&
    Array.isArray(value.keys) &&
    value.keys.every((k) => typeof k === "string") &&
    Array.isArray(value.outputs) &&
    value.outputs.length === outputs &&
    value.outputs.every((o) => typeof o === "boolean")
  );
}
