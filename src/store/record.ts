import type { Article } from "../model.js";
import { assignFirstSeen } from "./firstSeen.js";
import type { SourceState, SourceStatus } from "./types.js";

// Pure transitions of a source's state after one fetch attempt. They never mutate their input.

export function emptySourceState(id: string): SourceState {
  return {
    id,
    etag: null,
    lastModified: null,
    articles: [],
    firstSeen: {},
    lastSeen: {},
    lastAttempt: null,
    lastSuccess: null,
    lastError: null,
    consecutiveFailures: 0,
    failingSince: null,
    retryAfter: null,
    counters: { fetches: 0, notModified: 0, failures: 0 },
  };
}

/** A fetch that produced articles: they replace the stored ones, failures reset, first-seen recorded. */
export function recordSuccess(
  state: SourceState,
  update: { articles: Article[]; etag: string | null; lastModified: string | null; now: Date },
): SourceState {
  const seen = assignFirstSeen(
    state,
    update.articles.map((article) => article.id),
    update.now,
  );
  return {
    ...seen,
    articles: update.articles,
    articleCount: update.articles.length,
    etag: update.etag,
    lastModified: update.lastModified,
    ...succeeded(update.now),
    counters: { ...state.counters, fetches: state.counters.fetches + 1 },
  };
}

/** A 304: the stored articles stand; validators are refreshed when the server sent new ones. */
export function recordNotModified(
  state: SourceState,
  update: { now: Date; etag?: string | null; lastModified?: string | null },
): SourceState {
  return {
    ...state,
    etag: update.etag ?? state.etag,
    lastModified: update.lastModified ?? state.lastModified,
    ...succeeded(update.now),
    counters: {
      ...state.counters,
      fetches: state.counters.fetches + 1,
      notModified: state.counters.notModified + 1,
    },
  };
}

/** A failed fetch: the last good articles and validators are kept; Retry-After (if any) is remembered. */
export function recordFailure(
  state: SourceState,
  update: { error: string; now: Date; retryAfter?: Date | null },
): SourceState {
  const now = update.now.toISOString();
  return {
    ...state,
    lastAttempt: now,
    lastError: update.error,
    consecutiveFailures: state.consecutiveFailures + 1,
    failingSince: state.consecutiveFailures > 0 && state.failingSince ? state.failingSince : now,
    retryAfter: update.retryAfter ? update.retryAfter.toISOString() : null,
    counters: {
      ...state.counters,
      fetches: state.counters.fetches + 1,
      failures: state.counters.failures + 1,
    },
  };
}

/** True while a stored Retry-After lies in the future: the source must not be fetched this run. */
export function isDeferred(state: SourceState, now: Date): boolean {
  if (state.retryAfter === null) return false;
  const until = Date.parse(state.retryAfter);
  return !Number.isNaN(until) && until > now.getTime();
}

export function sourceStatus(state: SourceState, failureThreshold: number): SourceStatus {
  return {
    id: state.id,
    ok: state.consecutiveFailures === 0,
    dead: state.consecutiveFailures >= failureThreshold,
    items: storedArticleCount(state),
    lastSuccess: state.lastSuccess,
    failingSince: state.failingSince,
    consecutiveFailures: state.consecutiveFailures,
    lastError: state.lastError,
  };
}

/** Stored articles, whether or not they were loaded. */
export function storedArticleCount(state: SourceState): number {
  return state.articles.length > 0 ? state.articles.length : (state.articleCount ?? 0);
}

/**
 * A 304 changes nothing worth a disk write when the source was healthy and kept its validators: the
 * state file then stays as it is (a warm build over many sources writes nothing).
 */
export function notModifiedChangesNothing(before: SourceState, after: SourceState): boolean {
  return (
    before.consecutiveFailures === 0 &&
    before.retryAfter === null &&
    before.lastError === null &&
    before.etag === after.etag &&
    before.lastModified === after.lastModified
  );
}

function succeeded(now: Date) {
  const iso = now.toISOString();
  return {
    lastAttempt: iso,
    lastSuccess: iso,
    lastError: null,
    consecutiveFailures: 0,
    failingSince: null,
    retryAfter: null,
  };
}
