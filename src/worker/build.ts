import { createHash } from "node:crypto";
import { access } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Candidate, OutputSelection } from "../aggregate/index.js";
import { assertStateNotPublished } from "../config/dirs.js";
import type { Config, LoadedConfig, SourceConfig } from "../config/index.js";
import { validatedConfigRecord } from "../config/load.js";
import { errorMessage } from "../errorMessage.js";
import { createFetcher, defaultUserAgent, type Fetcher } from "../fetch/index.js";
import type { Article } from "../model.js";
import {
  assertFolderOrAbsent,
  type BuildStatus,
  ensureDir,
  openStateStore,
  removeStaleTempFiles,
  type SourceState,
  type StateStore,
  sourceStatus,
  storedArticleCount,
} from "../store/index.js";
import { VERSION } from "../version.js";
import { openCandidateCache } from "./candidateCache.js";
import { acquireLock } from "./lock.js";
import { needOptimizingCompiler } from "./optimizingCompiler.js";
import { createParsePool, defaultParseThreads } from "./parsePool.js";
import type { WrittenOutput } from "./publish.js";
import { ensureArticles, refreshSource } from "./refresh.js";

export interface BuildOptions {
  loaded: LoadedConfig;
  /** Overrides output.dir (resolved against the working directory). */
  outDir?: string;
  /** Overrides state.dir (resolved against the working directory). */
  stateDir?: string;
  /** Render from stored state only; fetch nothing. */
  offline?: boolean;
  /** Injectable clock (tests). */
  now?: () => Date;
  /** Shutdown: aborts fetches; output already written stays, nothing half-written is published. */
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Injectable fetcher (tests, bench); default: one pooled undici client per build. */
  fetcher?: Fetcher;
  /** How long to wait for another crier process holding the lock; default 0 (fail at once). */
  lockWaitMs?: number;
  /**
   * Threads that parse and normalize feed documents; 0 parses in-process. Default: CRIER_PARSE_THREADS,
   * else one per core up to 4.
   */
  parseThreads?: number;
}

export interface SourceReport {
  id: string;
  ok: boolean;
  /** Articles this source contributes (fresh or kept from the last good fetch). */
  items: number;
  error?: string;
  /** The source answered 304 Not Modified. */
  notModified?: boolean;
  /** Why the source was not fetched: offline build, or a stored Retry-After not yet passed. */
  skipped?: "offline" | "retry-after";
  /** An --offline build found nothing stored for the source: it was never read (not ok). */
  neverRead?: boolean;
  /** consecutive failures reached state.failureThreshold */
  dead?: boolean;
  warnings?: string[];
  durationMs: number;
}

/** Cumulative milliseconds per stage (sources run concurrently, so the sum can exceed the wall time). */
export interface StageTimings {
  fetch: number;
  /** Bytes → text of feed documents (html and files sources decode within `parse`). */
  decode: number;
  parse: number;
  normalize: number;
  aggregate: number;
  render: number;
  write: number;
}

export interface BuildReport {
  sources: SourceReport[];
  outputs: WrittenOutput[];
  durationMs: number;
  timings: StageTimings;
}

export interface SourceOutcome {
  report: SourceReport;
  /** May lack its articles (`articleCount` set) when the source did not change: see ensureArticles. */
  state: SourceState;
  /** Nothing about the source changed this run: no write was needed, nothing to re-render for it. */
  unchanged: boolean;
  /** Its articles were written this run, so they can be read back from the articles file. */
  saved?: boolean;
  /** The source's filtered articles as selection sees them; set once its articles were seen. */
  candidates?: Candidate[];
  /**
   * Its filtered articles, when they cannot be read back from the articles file; null when they can (they
   * were dropped from memory, so a build does not hold every source's articles until the end).
   */
  filtered?: Article[] | null;
}

export function resolveDirs(options: Pick<BuildOptions, "loaded" | "outDir" | "stateDir">): {
  outDir: string;
  stateDir: string;
} {
  const { config, dir } = options.loaded;
  const dirs = {
    outDir: options.outDir ? path.resolve(options.outDir) : path.resolve(dir, config.output.dir),
    stateDir: options.stateDir ? path.resolve(options.stateDir) : path.resolve(dir, config.state.dir),
  };
  // Before the lock or anything else is written (build and watch both start here): never publish state.
  assertStateNotPublished(dirs, { out: !!options.outDir, state: !!options.stateDir }, options.loaded.file);
  return dirs;
}

/** One build: refresh every source (concurrently, each within its deadline), then render and publish. */
export async function runBuild(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const { config } = options.loaded;
  const { outDir, stateDir } = resolveDirs(options);
  const now = (options.now ?? (() => new Date()))();
  const log = options.log ?? (() => {});
  const timings: StageTimings = {
    fetch: 0,
    decode: 0,
    parse: 0,
    normalize: 0,
    aggregate: 0,
    render: 0,
    write: 0,
  };

  const lock = await acquireLock(stateDir, { waitMs: options.lockWaitMs ?? 0, signal: options.signal });
  const ownFetcher = options.fetcher ? null : createFetcher(fetchSettings(config));
  const parsePool = createParsePool(options.parseThreads ?? defaultParseThreads());
  let failed = false;
  try {
    await checkOutputFolders(
      outDir,
      config.outputs.map((o) => o.name),
    );
    // Temp files of a build killed mid-write (kill -9, power loss); ours are never half-renamed.
    await Promise.all([
      removeStaleTempFiles(outDir, { recursive: true }),
      removeStaleTempFiles(stateDir, { recursive: true }),
    ]);
    const store = openStateStore(stateDir);
    await storeValidatedConfig(options.loaded, store, log);
    const previousStatus = await store.readStatus();
    const fetcher = timedFetcher(options.fetcher ?? ownFetcher!, timings);
    const enabled = config.sources.filter((source) => source.enabled);
    // One context for every read of a source, the first and a re-read alike: without ownFolders a
    // `files` glob covering output/ publishes crier's own pages.
    const refreshContext = {
      options,
      store,
      fetcher,
      parsePool,
      now,
      log,
      timings,
      ownFolders: [outDir, stateDir],
    };
    const outcomes = await mapLimited(enabled, Math.max(2, config.fetch.concurrency * 2), async (source) => {
      const outcome = await refreshSource(source, refreshContext);
      // Fresh articles were just written: keep what selection needs, let the articles go.
      if (outcome.saved) {
        // Loaded before the clock starts: awaiting it inside would count other sources' work.
        const aggregate = await loadAggregate();
        const start = performance.now();
        toCandidates(aggregate, outcome, source, config, true);
        timings.aggregate += performance.now() - start;
      }
      return outcome;
    });
    // Shut down mid-build (watch got SIGTERM twice): abandon it before anything is published.
    options.signal?.throwIfAborted();
    let statuses = outcomes.map((o) => sourceStatus(o.state, config.state.failureThreshold));
    const fingerprint = buildFingerprint(options.loaded, outDir);

    // Nothing changed since the last build (every source unchanged, same config, output in place):
    // the output is already what a render would produce, so skip loading articles, aggregate and render.
    if (
      previousStatus?.fingerprint === fingerprint &&
      previousStatus.outputs !== undefined &&
      outcomes.every((o) => o.unchanged) &&
      (await outputsPresent(outDir, previousStatus.outputs, config.output.xsl))
    ) {
      const report: BuildReport = {
        sources: outcomes.map((o) => o.report),
        outputs: previousStatus.outputs.map((o) => ({
          name: o.name,
          dir: o.name ? path.join(outDir, o.name) : outDir,
          items: o.items,
          written: [],
          unchanged: 0,
          changedAt: o.changedAt ?? previousStatus.changedAt ?? now.toISOString(),
          pages: o.pages ?? [],
        })),
        durationMs: Math.round(performance.now() - started),
        timings: roundTimings(timings),
      };
      await store.writeStatus({
        ...previousStatus,
        builtAt: now.toISOString(),
        durationMs: report.durationMs,
        sources: statuses,
      });
      await store.flushIndex();
      return report;
    }

    needOptimizingCompiler();
    const aggregate = await loadAggregate();
    const { selectCandidates, pickKey, qualifyNewcomers, rememberBareIds } = aggregate;
    // The other sources' candidates: from the cache while their articles file is unchanged, else from
    // their articles, one source at a time (bounded).
    const cache = await openCandidateCache(store, config);
    await mapLimited(
      enabled.map((source, index) => ({ source, outcome: outcomes[index]! })),
      8,
      async ({ source, outcome }) => {
        const fromFile = outcome.state.articles.length === 0 && (outcome.state.articleCount ?? 0) > 0;
        const stamp = outcome.saved || fromFile ? await store.articlesStamp(source.id) : null;
        if (outcome.candidates) {
          if (outcome.saved) cache.remember(source, stamp, outcome.candidates);
          return;
        }
        const cached = fromFile ? cache.lookup(source, stamp) : null;
        if (cached) {
          outcome.candidates = cached;
          outcome.filtered = null;
          return;
        }
        const loadStart = performance.now();
        const stored = outcome.state;
        outcome.state = await ensureArticles(stored, store, log, { seenDates: false });
        timings.parse += performance.now() - loadStart;
        if ((stored.articleCount ?? 0) > 0 && storedArticleCount(outcome.state) === 0) {
          // The articles file was missing or unusable, and its validators went with it (a 304 would now
          // mean "nothing"): download the source again, unconditionally, rather than publish it empty.
          await store.saveSource(outcome.state, { articles: false });
          Object.assign(outcome, await refreshSource(source, refreshContext));
          if (outcome.saved) {
            toCandidates(aggregate, outcome, source, config, true);
            cache.remember(source, await store.articlesStamp(source.id), outcome.candidates ?? []);
            return;
          }
        }
        const start = performance.now();
        toCandidates(aggregate, outcome, source, config, fromFile);
        timings.aggregate += performance.now() - start;
        if (fromFile) cache.remember(source, stamp, outcome.candidates ?? []);
      },
    );
    const aggregateStart = performance.now();
    // Source-local ids once written as urn:crier:<source>:guid:<id> stay so (see disambiguateIds).
    const namespaced = new Set(previousStatus?.namespacedIds ?? []);
    // Bare ids published before, and by which item; a status.json of an older crier tells only its picks.
    const bareIds: ReadonlyMap<string, readonly string[]> = previousStatus?.bareIds
      ? new Map(Object.entries(previousStatus.bareIds))
      : aggregate.bareIdsOfPicks(previousStatus?.outputs ?? [], namespaced);
    const previousPicks = new Map(
      (previousStatus?.outputs ?? []).map((o) => [o.name, new Set(o.picks ?? [])]),
    );
    const picked = selectCandidates(
      config,
      new Map(outcomes.map((o) => [o.state.id, o.candidates ?? []])),
      previousPicks,
      new Map((previousStatus?.outputs ?? []).map((o) => [o.name, new Map(Object.entries(o.stories ?? {}))])),
    );
    const allPicks = picked.flatMap((selection) => selection.picks);
    qualifyNewcomers(allPicks, namespaced, bareIds);
    const lastPublished = new Set([
      ...[...previousPicks.values()].flatMap((keys) => [...keys]),
      ...bareIds.keys(),
    ]);
    const selections = await pickArticles(
      picked,
      outcomes,
      enabled,
      config,
      store,
      { namespaced, published: lastPublished },
      aggregate,
    );
    timings.aggregate += performance.now() - aggregateStart;

    options.signal?.throwIfAborted();
    // Reading articles back may have found some lost.
    statuses = outcomes.map((o) => sourceStatus(o.state, config.state.failureThreshold));

    // Loaded only when rendering: a no-change build never loads the feed writer and page templates.
    const { removeDroppedSets, stageOutputSets } = await import("./publish.js");
    const published = await stageOutputSets({
      loaded: options.loaded,
      outDir,
      selections,
      statuses,
      // Only states that kept the source's own word (written since crier keeps it).
      identities: new Map(
        outcomes
          .filter((o) => o.state.sourceTitle !== undefined)
          .map((o) => [o.state.id, { title: o.state.sourceTitle ?? null, url: o.state.sourceUrl ?? null }]),
      ),
      previous: previousStatus,
      now,
      timings,
    });

    const report: BuildReport = {
      sources: outcomes.map((o) => o.report),
      outputs: published.outputs,
      durationMs: Math.round(performance.now() - started),
      timings: roundTimings(timings),
    };
    const status: BuildStatus = {
      builtAt: now.toISOString(),
      changedAt: published.changedAt,
      durationMs: report.durationMs,
      sources: statuses,
      fingerprint,
      outputs: published.outputs.map((o, index) => ({
        name: o.name,
        items: o.items,
        changedAt: o.changedAt,
        pages: o.pages,
        ...(o.feeds ? { feeds: o.feeds } : {}),
        picks: picked[index]!.picks.map(pickKey),
        stories: picked[index]!.stories,
      })),
      // Only sources still configured: a removed source's ids can collide no more.
      ...namespacedIdsToKeep(namespaced, config),
      // Also of removed sources: their items' ids stay with readers.
      ...bareIdsToKeep(rememberBareIds(allPicks, namespaced, bareIds)),
    };
    // status.json is staged with the output: a disk too full for it (or a folder gone read-only) stops the
    // build before any output file changes.
    const stagedStatus = await store.stageStatus(status).catch(async (error) => {
      await published.discard();
      throw error;
    });
    try {
      // The last point where a shutdown abandons the build: renames once begun complete.
      options.signal?.throwIfAborted();
      await published.commit();
    } catch (error) {
      await Promise.all([published.discard(), stagedStatus.discard()]);
      throw error;
    }
    try {
      for (const name of await removeDroppedSets(
        outDir,
        previousStatus,
        published.outputs.map((o) => o.name),
      )) {
        log(
          `feed set ${name} is no longer in the config: removed its feeds and index.html from ${path.join(outDir, name)}`,
        );
      }
      await stagedStatus.commit();
      // The next build reads every source's validators from this one file.
      await store.flushIndex();
      await cache.save(enabled.map((source) => source.id));
    } catch (error) {
      await stagedStatus.discard();
      throw new StateNotSavedError(error);
    }
    return report;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await cleanUp(
      [
        ["close the parser threads", () => parsePool.close()],
        ["close the HTTP client", async () => ownFetcher?.close()],
        ["release the lock", () => lock.release()],
      ],
      failed,
      log,
    );
  }
}

/**
 * A failure after the output was published (the state behind it not all saved): the feeds are current,
 * and the next build brings the state up to date (its output comes out the same, so it rewrites nothing).
 */
export class StateNotSavedError extends Error {
  override readonly name = "StateNotSavedError";
  constructor(cause: unknown) {
    super(`output was published, but the state could not be saved: ${errorMessage(cause)}`, { cause });
  }
}

/**
 * Runs every clean-up step, each even when an earlier one failed. A failing step never hides the build's
 * own error: it is logged as a line of its own. After a build that succeeded, a failed lock release is
 * logged too (output and state are saved, and a lock whose process has exited is taken over by the next
 * build); any other failed step is thrown.
 */
async function cleanUp(
  steps: [string, () => Promise<unknown>][],
  buildFailed: boolean,
  log: (line: string) => void,
): Promise<void> {
  let first: { error: unknown } | null = null;
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (error) {
      if (buildFailed || what === "release the lock") {
        log(`${buildFailed ? "also " : ""}could not ${what}: ${errorMessage(error)}`);
      } else first ??= { error };
    }
  }
  if (first) throw first.error;
}

/** Lets the next `crier build` of the same config text skip validation (see loadConfig). */
async function storeValidatedConfig(loaded: LoadedConfig, store: StateStore, log: (line: string) => void) {
  const record = validatedConfigRecord(loaded);
  if (!record || !loaded.validated) return;
  try {
    await store.writeCache("config", record);
    loaded.validated = { ...loaded.validated, hit: true };
  } catch (error) {
    // Only a speed-up is lost: the next build validates the config again.
    log(`cannot store the validated config: ${(error as Error).message}`);
  }
}

/**
 * Reduces a source's articles to selection candidates. With `onDisk` (the articles file holds exactly
 * these articles) they are dropped from memory and read back only if one of them is picked.
 */
function toCandidates(
  { filterSourceArticles, sourceCandidates }: Aggregate,
  outcome: SourceOutcome,
  source: SourceConfig,
  config: Config,
  onDisk: boolean,
): void {
  const filtered = filterSourceArticles(config, source, outcome.state.articles);
  outcome.candidates = sourceCandidates(config, source, filtered);
  if (onDisk) {
    outcome.filtered = null;
    outcome.state = { ...outcome.state, articles: [], articleCount: outcome.state.articles.length };
  } else {
    outcome.filtered = filtered;
  }
}

/** The picked candidates' articles: from memory, or read back from their sources' articles files. */
async function pickArticles(
  selections: ReturnType<Aggregate["selectCandidates"]>,
  outcomes: SourceOutcome[],
  sources: SourceConfig[],
  config: Config,
  store: StateStore,
  ids: { namespaced: Set<string>; published: ReadonlySet<string> },
  { disambiguateIds, filterSourceArticles }: Aggregate,
): Promise<OutputSelection[]> {
  const needed = new Set(selections.flatMap((s) => s.picks.map((p) => p.sourceId)));
  const filteredBySource = new Map<string, Article[]>();
  const jobs = sources.flatMap((source, index) => {
    const outcome = outcomes[index]!;
    return needed.has(source.id) ? [{ source, outcome }] : [];
  });
  await mapLimited(jobs, 8, async ({ source, outcome }) => {
    if (outcome.filtered) {
      filteredBySource.set(source.id, outcome.filtered);
      return;
    }
    const loaded = await store.loadArticles(outcome.state, { seenDates: false });
    if (loaded.problem)
      throw new Error(`source ${source.id}: cannot read back its articles: ${loaded.problem}`);
    filteredBySource.set(source.id, filterSourceArticles(config, source, loaded.state.articles));
  });
  const sets = disambiguateIds(
    selections.map(({ picks }) =>
      picks.map((pick) => {
        const article = filteredBySource.get(pick.sourceId)?.[pick.index];
        // Only a change of the articles file under the build's lock could cause this.
        if (article?.id !== pick.id)
          throw new Error(`source ${pick.sourceId}: articles changed during the build`);
        return article;
      }),
    ),
    ids.namespaced,
    ids.published,
  );
  return selections.map(({ picks: _, stories: _stories, ...selection }, index) => ({
    ...selection,
    articles: sets[index]!,
  }));
}

/** What the output depends on besides the articles: crier's version, the config, the output folder. */
/**
 * Bumped whenever the same articles and config render to other bytes (escaping, ids, page markup): the
 * first build after an upgrade then re-renders instead of keeping the old output until a source changes.
 * The package version alone does not say it between releases.
 */
const OUTPUT_FORMAT = 5;

function buildFingerprint(loaded: LoadedConfig, outDir: string): string {
  return createHash("sha256")
    .update(`${VERSION}\n${OUTPUT_FORMAT}\n${outDir}\n${JSON.stringify(loaded.config)}`)
    .digest("hex")
    .slice(0, 32);
}

async function outputsPresent(
  outDir: string,
  sets: NonNullable<BuildStatus["outputs"]>,
  xsl: boolean,
): Promise<boolean> {
  const standard = ["feed.xml", "atom.xml", "feed.json", "index.html", "sources.opml"];
  if (xsl) standard.push("feed.xsl");
  const files = sets.flatMap((set) => {
    const dir = set.name ? path.join(outDir, set.name) : outDir;
    return [...standard, ...(set.pages ?? [])].map((f) => path.join(dir, f));
  });
  const found = await Promise.all(
    files.map((file) =>
      access(file).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.every(Boolean);
}

export function fetchSettings(config: Config) {
  return {
    timeoutMs: config.fetch.timeoutMs,
    retries: config.fetch.retries,
    concurrency: config.fetch.concurrency,
    perHost: config.fetch.perHost,
    maxBytes: config.fetch.maxBytes,
    maxRedirects: config.fetch.maxRedirects,
    userAgent: config.fetch.userAgent ?? defaultUserAgent(VERSION, config.site.url),
  };
}

function timedFetcher(inner: Fetcher, timings: StageTimings): Fetcher {
  return {
    async fetch(request) {
      const start = performance.now();
      try {
        return await inner.fetch(request);
      } finally {
        timings.fetch += performance.now() - start;
      }
    },
    close: () => inner.close(),
  };
}

function roundTimings(timings: StageTimings): StageTimings {
  return {
    fetch: Math.round(timings.fetch),
    decode: Math.round(timings.decode),
    parse: Math.round(timings.parse),
    normalize: Math.round(timings.normalize),
    aggregate: Math.round(timings.aggregate),
    render: Math.round(timings.render),
    write: Math.round(timings.write),
  };
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !failed) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  });
  // Every worker settles before the build goes on (or gives up and releases its lock): none may still be
  // writing state behind it.
  const settled = await Promise.allSettled(workers);
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (rejected) throw rejected.reason;
  return results;
}

/**
 * Every folder a build writes to must be usable before any source state changes: a file or a dangling
 * symlink where one should be is then exit 1 with nothing written, not a half-published feed set after the
 * state has moved on.
 */
async function checkOutputFolders(outDir: string, names: string[]): Promise<void> {
  const sets = [outDir, ...names.map((name) => path.join(outDir, name))];
  for (const dir of sets) await ensureDir(dir);
  // Article pages go to articles/ only when a set has some; it need not exist, but nothing else may be there.
  for (const dir of sets) await assertFolderOrAbsent(path.join(dir, "articles"));
}

function namespacedIdsToKeep(namespaced: Set<string>, config: Config): { namespacedIds?: string[] } {
  const sources = new Set(config.sources.map((source) => source.id));
  const kept = [...namespaced].filter((key) => sources.has(key.slice(0, key.indexOf("\u0000")))).sort();
  return kept.length > 0 ? { namespacedIds: kept } : {};
}

function bareIdsToKeep(bareIds: Record<string, string[]>): { bareIds?: Record<string, string[]> } {
  return Object.keys(bareIds).length > 0 ? { bareIds } : {};
}

type Aggregate = typeof import("../aggregate/index.js");
let aggregateModule: Aggregate | undefined;

/**
 * The aggregate stage, loaded when a build first selects articles: with its filters' HTML-to-text
 * (htmlparser2, ~65 ms to load) it is not needed by a build where nothing changed.
 */
async function loadAggregate(): Promise<Aggregate> {
  aggregateModule ??= await import("../aggregate/index.js");
  return aggregateModule;
}
