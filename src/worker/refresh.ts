// One source's refresh within a build: load its state, fetch (conditional), parse, normalize, merge with
// what is stored, save. Failures are recorded and keep the last good articles.

import { performance } from "node:perf_hooks";
import { resolveArticleDates } from "../aggregate/index.js";
import { isHttpUrl, type SourceConfig } from "../config/index.js";
import { FetchError, type Fetcher } from "../fetch/index.js";
import type { Article } from "../model.js";
import { compileTransforms, normalizeItems } from "../normalize/index.js";
import type { NormalizeContext } from "../normalize/types.js";
import { readSource, type SourceContext, type SourceReadResult } from "../sources/index.js";
import {
  assignFirstSeen,
  isDeferred,
  notModifiedChangesNothing,
  recordFailure,
  recordNotModified,
  recordSuccess,
  type SourceState,
  type StateStore,
  sourceStatus,
  storedArticleCount,
} from "../store/index.js";
import type { BuildOptions, SourceOutcome, SourceReport, StageTimings } from "./build.js";
export interface RefreshEnv {
  options: BuildOptions;
  store: StateStore;
  fetcher: Fetcher;
  now: Date;
  log: (line: string) => void;
  timings: StageTimings;
}

export async function refreshSource(source: SourceConfig, env: RefreshEnv): Promise<SourceOutcome> {
  const started = performance.now();
  const { config } = env.options.loaded;
  // html sources need their stored article URLs (known detail pages are not re-fetched); the others
  // load their articles only if the source changed.
  let { state: previous, problem } = await env.store.loadSource(source.id, {
    articles: source.type === "html",
  });
  if (problem)
    env.log(`source ${source.id}: stored state was unusable (${problem}); starting from empty state`);
  const elapsed = () => Math.round(performance.now() - started);
  const kept = (extra: Partial<SourceReport>): SourceOutcome => ({
    state: previous,
    unchanged: problem === null,
    report: {
      id: source.id,
      ok: true,
      items: storedArticleCount(previous),
      durationMs: elapsed(),
      ...extra,
    },
  });

  if (env.options.offline) return kept({ skipped: "offline" });
  if (isDeferred(previous, env.now)) {
    env.log(`source ${source.id}: skipped, server asked to wait until ${previous.retryAfter}`);
    return kept({ skipped: "retry-after" });
  }

  const deadline = AbortSignal.timeout(config.fetch.sourceDeadlineMs);
  const signal = env.options.signal ? AbortSignal.any([deadline, env.options.signal]) : deadline;
  const knownUrls = new Set(previous.articles.map((a) => a.url).filter((u): u is string => u !== null));
  const waiting = fetchWaitClock(env.fetcher);
  try {
    const context: SourceContext = {
      configDir: env.options.loaded.dir,
      fetcher: waiting.fetcher,
      now: env.now,
      etag: previous.etag,
      lastModified: previous.lastModified,
      isKnownUrl: (url) => knownUrls.has(url),
      signal,
      encoding: source.encoding,
      log: (message) => env.log(`source ${source.id}: ${message}`),
    };
    const readStart = performance.now();
    const read = await readSource(source, context);
    env.timings.parse += Math.max(0, performance.now() - readStart - waiting.ms());

    let state: SourceState;
    let unchanged = false;
    let saved = false;
    if (read.notModified) {
      state = recordNotModified(previous, { now: env.now, etag: read.etag, lastModified: read.lastModified });
      unchanged = problem === null && notModifiedChangesNothing(previous, state);
      // A healthy 304 leaves the state file as it is: a warm build over many sources writes nothing.
      if (!unchanged) await env.store.saveSource(state, { articles: false });
    } else {
      // The merge and the first-seen dates need what is stored.
      previous = await ensureArticles(previous, env.store, env.log);
      const normalizeStart = performance.now();
      const fresh = normalizeSourceItems(source, read, {
        defaultTimezone: config.timezone,
        now: env.now,
        stored: previous.articles,
      });
      const withFirstSeen = assignFirstSeen(
        previous,
        fresh.map((a) => a.id),
        env.now,
      );
      const dated = resolveArticleDates(fresh, withFirstSeen.firstSeen, env.now);
      const articles = mergeWithPrevious(dated, previous.articles, source.maxItems ?? config.output.maxItems);
      env.timings.normalize += performance.now() - normalizeStart;
      state = recordSuccess(withFirstSeen, {
        articles,
        etag: read.etag,
        lastModified: read.lastModified,
        now: env.now,
      });
      await env.store.saveSource(state);
      saved = true;
    }
    const warnings = read.feed.warnings;
    for (const warning of warnings) env.log(`source ${source.id}: warning: ${warning}`);
    return {
      state,
      unchanged,
      saved,
      report: {
        id: source.id,
        ok: true,
        items: storedArticleCount(state),
        ...(read.notModified ? { notModified: true } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
        durationMs: elapsed(),
      },
    };
  } catch (error) {
    const message = describeError(error, signal, config.fetch.sourceDeadlineMs);
    const retryAfter = error instanceof FetchError ? error.retryAfter : undefined;
    const state = recordFailure(previous, { error: message, now: env.now, retryAfter });
    await env.store.saveSource(state, { articles: false });
    const status = sourceStatus(state, config.state.failureThreshold);
    env.log(
      `source ${source.id}: FAILED: ${message} (keeping ${status.items} stored articles; ${state.consecutiveFailures} consecutive failure(s))`,
    );
    return {
      state,
      unchanged: false,
      report: {
        id: source.id,
        ok: false,
        items: status.items,
        error: message,
        ...(status.dead ? { dead: true } : {}),
        durationMs: elapsed(),
      },
    };
  }
}

/** RawItems of one read → articles, deduplicated by id; known html items keep their stored copy. */
export function normalizeSourceItems(
  source: SourceConfig,
  read: SourceReadResult,
  options: { defaultTimezone: string; now: Date; stored: Article[] },
): Article[] {
  const sourceUrl =
    read.feed.link && isHttpUrl(read.feed.link)
      ? read.feed.link
      : "url" in source && isHttpUrl(source.url)
        ? source.url
        : null;
  const context: NormalizeContext = {
    source: { id: source.id, title: source.title ?? read.feed.title?.trim() ?? source.id, url: sourceUrl },
    documentUrl: read.documentUrl,
    timezone: source.timezone ?? options.defaultTimezone,
    now: options.now,
    transforms: compileTransforms(source.transforms),
    language: source.language ?? read.feed.language ?? null,
  };
  if (context.source.title === "") context.source.title = source.id;
  const stored = new Map(options.stored.map((a) => [a.id, a]));
  const articles: Article[] = [];
  const seen = new Set<string>();
  const normalized = normalizeItems(read.feed.items, context);
  for (const [index, raw] of read.feed.items.entries()) {
    const article = normalized[index]!;
    // A feed that repeats a guid publishes the item once (the first, as readers would show it).
    if (seen.has(article.id)) continue;
    seen.add(article.id);
    // html sources do not re-fetch known detail pages: the stored copy has the full content.
    const keep = raw.detailSkipped ? stored.get(article.id) : undefined;
    articles.push(keep ?? article);
  }
  return articles;
}

/**
 * Items that scrolled off a source's list stay published until newer ones push them out (like a feed
 * reader's history); items still present replace their stored copies.
 */
function mergeWithPrevious(fresh: Article[], previous: Article[], cap: number): Article[] {
  const ids = new Set(fresh.map((a) => a.id));
  const merged = [...fresh, ...previous.filter((a) => !ids.has(a.id))];
  const byDate = [...merged].sort((a, b) => Date.parse(b.published ?? "") - Date.parse(a.published ?? ""));
  const keptIds = new Set(byDate.slice(0, Math.max(cap, fresh.length)).map((a) => a.id));
  return merged.filter((a) => keptIds.has(a.id));
}

/** The state with its stored articles (loaded now if the build skipped them so far). */
export async function ensureArticles(
  state: SourceState,
  store: StateStore,
  log: (line: string) => void,
): Promise<SourceState> {
  if (state.articles.length > 0 || !state.articleCount) return state;
  const loaded = await store.loadArticles(state);
  if (loaded.problem) log(`source ${state.id}: ${loaded.problem}`);
  return loaded.state;
}

function describeError(error: unknown, signal: AbortSignal, deadlineMs: number): string {
  if (signal.aborted && signal.reason instanceof Error && signal.reason.name === "TimeoutError") {
    return `source deadline of ${deadlineMs} ms exceeded`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The time one source spent waiting for the network (overlapping requests counted once), so that its
 * parse time is its read time minus its own waiting, not minus other sources' concurrent fetches.
 */
function fetchWaitClock(inner: Fetcher): { fetcher: Fetcher; ms: () => number } {
  let inFlight = 0;
  let busySince = 0;
  let total = 0;
  return {
    fetcher: {
      async fetch(request) {
        if (inFlight++ === 0) busySince = performance.now();
        try {
          return await inner.fetch(request);
        } finally {
          if (--inFlight === 0) total += performance.now() - busySince;
        }
      },
      close: () => inner.close(),
    },
    ms: () => total + (inFlight > 0 ? performance.now() - busySince : 0),
  };
}
