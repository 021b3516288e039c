import type { SourceState } from "./types.js";

// A warm build reads one state file per source; zod costs ~0.3 ms each (mostly the firstSeen/lastSeen
// date maps). This checks a format-2 state file by hand and builds exactly what sourceStateSchema would
// (same keys, order and defaults); anything unusual returns null and goes through zod, which also words
// the problem.

const BAD = Symbol("bad");

/** sourceStateSchema's output for `data`, or null when zod must decide. */
export function fastSourceState(data: Record<string, unknown>): SourceState | null {
  // Format 1 (inline articles) and every other unusual shape: zod.
  if (data.articles !== undefined) return null;
  const id = data.id;
  if (typeof id !== "string" || id === "") return null;
  const etag = nullableString(data.etag);
  const lastModified = nullableString(data.lastModified);
  const firstSeen = dateMap(data.firstSeen);
  const lastSeen = dateMap(data.lastSeen);
  const lastAttempt = nullableIso(data.lastAttempt);
  const lastSuccess = nullableIso(data.lastSuccess);
  const lastError = nullableString(data.lastError);
  const consecutiveFailures = count(data.consecutiveFailures);
  const failingSince = nullableIso(data.failingSince);
  const retryAfter = nullableIso(data.retryAfter);
  const configDigest = data.configDigest === undefined ? undefined : nullableString(data.configDigest);
  const sourceTitle = data.sourceTitle === undefined ? undefined : nullableString(data.sourceTitle);
  const sourceUrl = data.sourceUrl === undefined ? undefined : nullableString(data.sourceUrl);
  const detailRetries = data.detailRetries === undefined ? undefined : attemptMap(data.detailRetries);
  const counters = readCounters(data.counters);
  if (
    etag === BAD ||
    lastModified === BAD ||
    firstSeen === BAD ||
    lastSeen === BAD ||
    lastAttempt === BAD ||
    lastSuccess === BAD ||
    lastError === BAD ||
    consecutiveFailures === BAD ||
    failingSince === BAD ||
    retryAfter === BAD ||
    configDigest === BAD ||
    sourceTitle === BAD ||
    sourceUrl === BAD ||
    detailRetries === BAD ||
    counters === BAD
  ) {
    return null;
  }
  // Built in sourceStateSchema's key order, so a state written back is byte-identical to zod's.
  const state = { id, etag, lastModified, articles: [] } as unknown as SourceState;
  if (data.articleCount !== undefined) {
    const articleCount = count(data.articleCount, false);
    if (articleCount === BAD) return null;
    state.articleCount = articleCount;
  }
  Object.assign(state, {
    firstSeen,
    lastSeen,
    lastAttempt,
    lastSuccess,
    lastError,
    consecutiveFailures,
    failingSince,
    retryAfter,
  });
  if (configDigest !== undefined) state.configDigest = configDigest;
  if (sourceTitle !== undefined) state.sourceTitle = sourceTitle;
  if (sourceUrl !== undefined) state.sourceUrl = sourceUrl;
  if (detailRetries !== undefined) state.detailRetries = detailRetries;
  state.counters = counters;
  return state;
}

/** True when both date maps are what a state file may hold (fastSourceState would accept them). */
export function validSeenDates(state: Pick<SourceState, "firstSeen" | "lastSeen">): boolean {
  return dateMap(state.firstSeen) !== BAD && dateMap(state.lastSeen) !== BAD;
}

function nullableString(value: unknown): string | null | typeof BAD {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : BAD;
}

function isIso(value: unknown): value is string {
  return typeof value === "string" && !Number.isNaN(Date.parse(value));
}

function nullableIso(value: unknown): string | null | typeof BAD {
  if (value === undefined || value === null) return null;
  return isIso(value) ? value : BAD;
}

function count(value: unknown, defaultZero = true): number | typeof BAD {
  if (value === undefined && defaultZero) return 0;
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : BAD;
}

function dateMap(value: unknown): Record<string, string> | typeof BAD {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return BAD;
  const out: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const date = (value as Record<string, unknown>)[key];
    if (key === "__proto__" || !isIso(date)) return BAD;
    out[key] = date;
  }
  return out;
}

function attemptMap(value: unknown): Record<string, number> | typeof BAD {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return BAD;
  const out: Record<string, number> = {};
  for (const key of Object.keys(value)) {
    const attempts = (value as Record<string, unknown>)[key];
    if (
      key === "__proto__" ||
      typeof attempts !== "number" ||
      !Number.isSafeInteger(attempts) ||
      attempts < 1
    )
      return BAD;
    out[key] = attempts;
  }
  return out;
}

function readCounters(value: unknown): SourceState["counters"] | typeof BAD {
  if (value === undefined) return { fetches: 0, notModified: 0, failures: 0 };
  if (typeof value !== "object" || value === null || Array.isArray(value)) return BAD;
  const { fetches, notModified, failures } = value as Record<string, unknown>;
  const counters = { fetches: count(fetches), notModified: count(notModified), failures: count(failures) };
  if (counters.fetches === BAD || counters.notModified === BAD || counters.failures === BAD) return BAD;
  return counters as SourceState["counters"];
}
