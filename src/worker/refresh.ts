import { errorMessage } from "../errorMessage.js";
// One source's refresh within a build: load its state, fetch (conditional), parse, normalize, merge with
// what is stored, save. Failures are recorded and keep the last good articles.

import { performance } from "node:perf_hooks";
// aggregate/dates.js alone: the aggregate stage (filters, with the HTML-to-text they need) loads only when
// a build selects articles.
import { resolveArticleDates } from "../aggregate/dates.js";
import type { SourceConfig } from "../config/index.js";
import { sourceConfigDigest } from "../config/sourceDigest.js";
import { FetchError, type Fetcher } from "../fetch/index.js";
import type { Article } from "../model.js";
import { canonicalUrl } from "../normalize/urls.js";
import { fetchDocument, readSource, type SourceContext, type SourceReadResult } from "../sources/index.js";
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
import { withoutCredentials } from "../uri.js";
import type { BuildOptions, SourceOutcome, SourceReport, StageTimings } from "./build.js";
import { isDetailRetryDue, MAX_DETAIL_ATTEMPTS, nextDetailRetries } from "./detailRetries.js";
import { type EarlierArticle, keepEarlierIds } from "./earlierIds.js";
import { needOptimizingCompiler } from "./optimizingCompiler.js";
import type { ParsePool } from "./parsePool.js";
export interface RefreshEnv {
  options: BuildOptions;
  store: StateStore;
  fetcher: Fetcher;
  /** Where feed documents are parsed and normalized (threads, or in-process). */
  parsePool: ParsePool;
  now: Date;
  log: (line: string) => void;
  timings: StageTimings;
  /** The output and state folders: a `files` glob never reads crier's own pages and state from them. */
  ownFolders?: readonly string[];
}

export async function refreshSource(source: SourceConfig, env: RefreshEnv): Promise<SourceOutcome> {
  const started = performance.now();
  const { config } = env.options.loaded;
  // Stored articles are loaded only if the source changed (html sources: once their list page did, for
  // the URLs of known detail pages, which are not re-fetched).
  let { state: previous, problem } = await env.store.loadSource(source.id, { articles: false });
  if (problem)
    // The store says what it kept ("starting fresh", or "keeping its N stored articles…").
    env.log(`source ${source.id}: stored state was unusable (${problem})`);
  const configDigest =
    env.options.loaded.sourceDigests?.[source.id] ?? sourceConfigDigest(source, config.timezone);
  // Read with another config (encoding, selectors, transforms …): known html items are read again too.
  const configChanged = Boolean(previous.configDigest) && previous.configDigest !== configDigest;
  if (configChanged && (previous.etag || previous.lastModified)) {
    // Its URL or the way it is read changed: a 304 to the old validators would keep what the old config
    // produced, so ask for the document itself.
    env.log(`source ${source.id}: its config changed since the last download; fetching it in full`);
    previous = { ...previous, etag: null, lastModified: null };
  }
  const elapsed = () => Math.round(performance.now() - started);
  // Not fetched this time (offline, or waiting out a Retry-After): reported with its stored health, as
  // status.json has it, so --strict and --json agree with the page.
  const kept = (extra: Partial<SourceReport>): SourceOutcome => ({
    state: previous,
    unchanged: problem === null,
    report: {
      id: source.id,
      ok: previous.consecutiveFailures === 0,
      items: storedArticleCount(previous),
      ...(previous.consecutiveFailures > 0 && previous.lastError ? { error: previous.lastError } : {}),
      ...(sourceStatus(previous, config.state.failureThreshold).dead ? { dead: true } : {}),
      durationMs: elapsed(),
      ...extra,
    },
  });

  if (env.options.offline) {
    // Nothing stored: "ok, 0 articles" would hide that the source was never read (a new source).
    if (previous.lastAttempt === null && previous.lastSuccess === null && problem === null) {
      return kept({
        skipped: "offline",
        ok: false,
        neverRead: true,
        error: "never read: nothing is stored for it yet, and --offline reads stored state only",
      });
    }
    return kept({ skipped: "offline" });
  }
  if (isDeferred(previous, env.now)) {
    env.log(`source ${source.id}: skipped, server asked to wait until ${previous.retryAfter}`);
    return kept({ skipped: "retry-after" });
  }

  const deadline = sourceDeadline(config.fetch.sourceDeadlineMs);
  const signal = env.options.signal
    ? AbortSignal.any([deadline.signal, env.options.signal])
    : deadline.signal;
  const knownUrls = new Set<string>();
  const waiting = fetchWaitClock(env.fetcher);
  try {
    const context: SourceContext = {
      configDir: env.options.loaded.dir,
      fetcher: waiting.fetcher,
      now: env.now,
      etag: previous.etag,
      lastModified: previous.lastModified,
      // A published item whose detail page failed before is asked for again (a few times).
      // Compared as articles store them: without tracking parameters and session ids (`;jsessionid=`).
      isKnownUrl: (link) => {
        const url = canonicalUrl(link, { keepFragment: true });
        return knownUrls.has(url) && !isDetailRetryDue(previous.detailRetries, url);
      },
      prepareKnownUrls: async () => {
        previous = await ensureArticles(previous, env.store, env.log);
        if (configChanged) return;
        for (const article of previous.articles) if (article.url !== null) knownUrls.add(article.url);
      },
      signal,
      encoding: source.encoding,
      maxBytes: config.fetch.maxBytes,
      ownFolders: env.ownFolders,
      log: (message) => env.log(`source ${source.id}: ${message}`),
    };
    const read = await readAndNormalize(source, context, env, waiting.ms);
    if (read.notModified && context.etag === null && context.lastModified === null) {
      // 304 answers a conditional request only (RFC 9110 §15.4.5); to one without validators it says
      // nothing about any stored articles, which may not exist.
      throw new Error(
        "the server answered 304 Not Modified to a request without If-None-Match/If-Modified-Since",
      );
    }
    if (!read.notModified) needOptimizingCompiler();

    let state: SourceState;
    let unchanged = false;
    let saved = false;
    if (read.notModified) {
      state = recordNotModified(previous, { now: env.now, etag: read.etag, lastModified: read.lastModified });
      unchanged = problem === null && notModifiedChangesNothing(previous, state);
      // A healthy 304 leaves the state file as it is: a warm build over many sources writes nothing.
      if (!unchanged) await saveState(env.store, state, { articles: false });
    } else {
      // The merge and the first-seen dates need what is stored.
      previous = await ensureArticles(previous, env.store, env.log);
      const normalizeStart = performance.now();
      let identity = read.identity;
      let normalized = read.articles;
      if (!normalized) {
        const { normalizeSourceItems, sourceIdentity } = await import("./normalizeSource.js");
        normalized = normalizeSourceItems(source, read, {
          defaultTimezone: config.timezone,
          now: env.now,
          stored: previous.articles,
          firstSeen: previous.firstSeen,
        });
        identity = sourceIdentity(source, read);
      }
      const fresh = keepEarlierIds(normalized, read.earlier, previous.articles);
      // In the source's order: the undated items new in this read keep it (assignFirstSeen).
      const withFirstSeen = assignFirstSeen(
        previous,
        fresh.map((a) => a.id),
        env.now,
      );
      const dated = resolveArticleDates(
        fresh,
        withFirstSeen.firstSeen,
        env.now,
        pinnedToFirstSeen(previous.articles, previous.firstSeen),
      );
      // A read of the whole source (a files folder): a file deleted (or renamed) is withdrawn, not history
      // that scrolled off a list.
      const history = read.whole ? storedToKeep(previous.articles, read.whole.unreadable) : previous.articles;
      const articles = mergeWithPrevious(dated, history, source.maxItems ?? config.output.maxItems);
      env.timings.normalize += performance.now() - normalizeStart;
      const details =
        source.type === "html"
          ? nextDetailRetries(previous.detailRetries, read.feed.items, articles)
          : { retries: undefined, givenUp: [], pending: false };
      for (const url of details.givenUp) {
        read.feed.warnings.push(
          `detail page ${url} failed ${MAX_DETAIL_ATTEMPTS} times; its item stays published with the list entry only and the page is not asked for again`,
        );
      }
      const { detailRetries: _previousRetries, ...withoutRetries } = withFirstSeen;
      state = {
        ...recordSuccess(withoutRetries, {
          articles,
          // Pages to try again are found by reading the list again: no 304 for an unchanged list.
          etag: details.pending ? null : read.etag,
          lastModified: details.pending ? null : read.lastModified,
          now: env.now,
        }),
        ...(details.retries ? { detailRetries: details.retries } : {}),
        configDigest,
        sourceTitle: identity?.title ?? null,
        sourceUrl: identity?.url ?? null,
        // A detail page's Retry-After: the next run waits for it like for the source's own.
        ...(read.retryAfter ? { retryAfter: read.retryAfter.toISOString() } : {}),
      };
      await saveState(env.store, state);
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
    // The build is being abandoned (shutdown): that is no failure of the source, and nothing is recorded.
    if (env.options.signal?.aborted) throw env.options.signal.reason ?? error;
    // The state folder's problem (full disk, read-only), not the source's: the build stops before publishing.
    if (stateWriteErrors.has(error as object)) throw error;
    // Shown on the pages and kept in status.json: no credentials from the source's URL.
    const message = withoutCredentials(describeError(error, signal, config.fetch.sourceDeadlineMs));
    const retryAfter = error instanceof FetchError ? error.retryAfter : undefined;
    const state = recordFailure(previous, { error: message, now: env.now, retryAfter });
    await env.store.saveSource(state, { articles: false });
    const status = sourceStatus(state, config.state.failureThreshold);
    env.log(
      `source ${source.id}: FAILED: ${message} (keeping ${status.items} stored articles; ${state.consecutiveFailures} consecutive failure(s))${status.dead ? " [DEAD]" : ""}`,
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
  } finally {
    deadline.clear();
  }
}

/** Errors of saving a source's state, told apart from the errors of reading the source. */
const stateWriteErrors = new WeakSet<object>();

async function saveState(store: StateStore, state: SourceState, options?: { articles?: boolean }) {
  try {
    await store.saveSource(state, options);
  } catch (error) {
    if (typeof error === "object" && error !== null) stateWriteErrors.add(error);
    throw error;
  }
}

/**
 * What AbortSignal.timeout does (a TimeoutError reason, a timer that does not hold the process), with a
 * timer that is cleared when the source is done: AbortSignal.timeout keeps a weak reference and a
 * finalizer per signal, ~8 µs each, a few percent of a build where every source answers 304.
 */
function sourceDeadline(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
    ms,
  );
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

type RefreshRead = SourceReadResult & {
  /** Set when the document was parsed and normalized on the parser pool. */
  articles?: Article[];
  /** What the source says of itself, from the parser pool with `articles`. */
  identity?: { title: string | null; url: string | null };
  /** From the parser pool with `articles`: see earlierIds.ts. */
  earlier?: Map<string, EarlierArticle>;
};

/**
 * The source's document(s), read. Feed documents are fetched here and parsed + normalized on the parser
 * pool (their articles come back ready); html and files sources are read and parsed in-process, and their
 * normalization waits for the stored articles (known detail pages keep their stored copy).
 */
async function readAndNormalize(
  source: SourceConfig,
  context: SourceContext,
  env: RefreshEnv,
  waitedMs: () => number,
): Promise<RefreshRead> {
  const started = performance.now();
  if (source.type !== "feed") {
    const read = await readSource(source, context);
    env.timings.parse += Math.max(0, performance.now() - started - waitedMs());
    return read;
  }
  const document = await fetchDocument(source.url, context, "xml");
  const validators = {
    documentUrl: document.documentUrl,
    etag: document.etag,
    lastModified: document.lastModified,
  };
  if (document.notModified) return { notModified: true, feed: { items: [], warnings: [] }, ...validators };
  const job = await env.parsePool.run(
    {
      source,
      body: document.body,
      contentType: document.contentType,
      documentUrl: document.documentUrl,
      defaultTimezone: env.options.loaded.config.timezone,
      now: env.now.getTime(),
    },
    context.signal,
  );
  env.timings.decode += job.timings.decode;
  env.timings.parse += job.timings.parse;
  env.timings.normalize += job.timings.normalize;
  return {
    notModified: false,
    feed: { items: [], warnings: job.warnings },
    articles: job.articles,
    identity: job.identity,
    earlier: job.earlier,
    ...validators,
  };
}

/**
 * Items that scrolled off a source's list stay published until newer ones push them out (like a feed
 * reader's history); items still present replace their stored copies. A stored item that is a fresh one
 * under another id (same title and URL: the source changed its guids) goes too: kept, the two copies
 * would take two places under the cap and push out items the source still lists.
 */
export function mergeWithPrevious(fresh: Article[], previous: Article[], cap: number): Article[] {
  const ids = new Set(fresh.map((a) => a.id));
  const stories = new Set(fresh.map(storyKey).filter((key) => key !== null));
  const merged = [...fresh, ...previous.filter((a) => !ids.has(a.id) && !stories.has(storyKey(a) ?? ""))];
  const byDate = [...merged].sort((a, b) => Date.parse(b.published ?? "") - Date.parse(a.published ?? ""));
  const keptIds = new Set(byDate.slice(0, Math.max(cap, fresh.length)).map((a) => a.id));
  return merged.filter((a) => keptIds.has(a.id));
}

/** Ids of stored articles dated by their first sighting (undated, or clamped from a future date). */
function pinnedToFirstSeen(stored: Article[], firstSeen: Record<string, string>): Set<string> {
  const pinned = new Set<string>();
  for (const article of stored) if (article.published === firstSeen[article.id]) pinned.add(article.id);
  return pinned;
}

/** The stored articles of the files the read skipped but that are still there. */
function storedToKeep(stored: Article[], ids: readonly string[]): Article[] {
  if (ids.length === 0) return [];
  const keep = new Set(ids);
  return stored.filter((article) => keep.has(article.id));
}

/**
 * Title and URL (either scheme) of an article with a URL: one story, whatever its id. A URL stored with a
 * session id (before crier dropped them) is compared without it.
 */
function storyKey(article: Article): string | null {
  if (article.url === null) return null;
  const url = /;|sessid/i.test(article.url) ? canonicalUrl(article.url, { keepFragment: true }) : article.url;
  return `${article.title}\n${url.replace(/^https?:/i, "")}`;
}

/** The state with its stored articles (loaded now if the build skipped them so far). */
export async function ensureArticles(
  state: SourceState,
  store: StateStore,
  log: (line: string) => void,
  options: { seenDates?: boolean } = {},
): Promise<SourceState> {
  if (state.articles.length > 0 || !state.articleCount) return state;
  const loaded = await store.loadArticles(state, options);
  if (loaded.problem) log(`source ${state.id}: ${loaded.problem}`);
  return loaded.state;
}

function describeError(error: unknown, signal: AbortSignal, deadlineMs: number): string {
  if (signal.aborted && signal.reason instanceof Error && signal.reason.name === "TimeoutError") {
    return `source deadline of ${deadlineMs} ms exceeded`;
  }
  return errorMessage(error);
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
