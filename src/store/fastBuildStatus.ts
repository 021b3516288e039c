import type { BuildStatus, SourceStatus } from "./types.js";

// Every build reads status.json (one entry per source). Like fastSourceState: a hand check that builds
// exactly what buildStatusSchema would (keys, order, optional keys), so a no-change build does not load zod;
// anything unusual returns null and zod decides.

/** buildStatusSchema's output for `data`, or null when zod must decide. */
export function fastBuildStatus(data: unknown): BuildStatus | null {
  if (!isRecord(data)) return null;
  const { builtAt, changedAt, durationMs, sources, fingerprint, outputs, namespacedIds, bareIds } = data;
  if (typeof builtAt !== "string" || (changedAt !== null && typeof changedAt !== "string")) return null;
  if (typeof durationMs !== "number" || !Array.isArray(sources)) return null;
  const statuses: SourceStatus[] = [];
  for (const entry of sources) {
    const status = sourceStatus(entry);
    if (!status) return null;
    statuses.push(status);
  }
  const status: BuildStatus = { builtAt, changedAt, durationMs, sources: statuses };
  if (fingerprint !== undefined) {
    if (typeof fingerprint !== "string") return null;
    status.fingerprint = fingerprint;
  }
  if (outputs !== undefined) {
    if (!Array.isArray(outputs)) return null;
    const sets: NonNullable<BuildStatus["outputs"]> = [];
    for (const output of outputs) {
      if (!isRecord(output)) return null;
      const { name, items, changedAt: setChangedAt, pages, feeds, picks, stories } = output;
      if ((name !== null && typeof name !== "string") || typeof items !== "number") return null;
      if (setChangedAt !== undefined && typeof setChangedAt !== "string") return null;
      if (pages !== undefined && !(Array.isArray(pages) && pages.every((p) => typeof p === "string")))
        return null;
      const set: NonNullable<BuildStatus["outputs"]>[number] = { name, items };
      if (setChangedAt !== undefined) set.changedAt = setChangedAt;
      if (pages !== undefined) set.pages = pages as string[];
      if (feeds !== undefined) {
        if (typeof feeds !== "string") return null;
        set.feeds = feeds;
      }
      if (picks !== undefined) {
        if (!(Array.isArray(picks) && picks.every((p) => typeof p === "string"))) return null;
        set.picks = picks as string[];
      }
      if (stories !== undefined) {
        const map = keysMap(stories);
        if (!map) return null;
        set.stories = map;
      }
      sets.push(set);
    }
    status.outputs = sets;
  }
  if (namespacedIds !== undefined) {
    if (!Array.isArray(namespacedIds) || !namespacedIds.every((id) => typeof id === "string")) return null;
    status.namespacedIds = namespacedIds as string[];
  }
  if (bareIds !== undefined) {
    const map = keysMap(bareIds);
    if (!map) return null;
    status.bareIds = map;
  }
  return status;
}

function sourceStatus(entry: unknown): SourceStatus | null {
  if (!isRecord(entry)) return null;
  const { id, ok, dead, items, lastSuccess, failingSince, consecutiveFailures, lastError } = entry;
  if (typeof id !== "string" || typeof ok !== "boolean" || typeof dead !== "boolean") return null;
  if (typeof items !== "number" || typeof consecutiveFailures !== "number") return null;
  if (!nullableString(lastSuccess) || !nullableString(failingSince) || !nullableString(lastError))
    return null;
  return {
    id,
    ok,
    dead,
    items,
    lastSuccess: lastSuccess as string | null,
    failingSince: failingSince as string | null,
    consecutiveFailures,
    lastError: lastError as string | null,
  };
}

/** A record of string arrays, copied; null when anything else (zod decides). */
function keysMap(value: unknown): Record<string, string[]> | null {
  if (!isRecord(value)) return null;
  const entries: [string, string[]][] = [];
  for (const [key, keys] of Object.entries(value)) {
    if (key === "__proto__" || !Array.isArray(keys) || !keys.every((k) => typeof k === "string")) return null;
    entries.push([key, keys as string[]]);
  }
  return Object.fromEntries(entries);
}

function nullableString(value: unknown): boolean {
  return value === null || typeof value === "string";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
