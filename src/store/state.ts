import { readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { errorMessage } from "../errorMessage.js";
import { articlesFileBytes } from "./articlesFile.js";
import { ensureDir, isNotFound, type StagedFile, stageFile, writeFileAtomic } from "./atomic.js";
import { fastBuildStatus } from "./fastBuildStatus.js";
import { fastSourceState, validSeenDates } from "./fastSourceState.js";
import { STATE_FORMAT_VERSION } from "./format.js";
import { openIndexFile } from "./indexFile.js";
import { emptySourceState, storedArticleCount } from "./record.js";
import { indexEntry, stateFromEntry } from "./sourceIndex.js";
import type { BuildStatus, SourceState } from "./types.js";

// zod (~95 modules, ~0.1 s to load) is loaded only when a file needs it: a no-change build reads the index
// and status.json through the fast paths and never does.
let schemaModule: Promise<typeof import("./schema.js")> | undefined;
const schemas = () => {
  schemaModule ??= import("./schema.js");
  return schemaModule;
};

// The state folder on disk:
//   <dir>/sources/<id>.json            one file per source ({ version, ...SourceState } without articles)
//   <dir>/sources/<id>.articles.json   its last good articles ({ version, id, articles }): read only when
//                                      the build needs them, so a no-change build parses none
//   <dir>/sources.index.json  every source's state without its first/last-seen maps, so a build where
//                             sources answer 304 reads one file (a cache of sources/; see indexFile.ts)
//   <dir>/<name>.cache.json   derived caches, safe to delete: candidates (worker/candidateCache.ts) and
//                             config (the validated config, config/load.ts)
//   <dir>/status.json         the last build's BuildStatus
//   <dir>/crier.lock          the build lock (src/worker/lock.ts)
//   <dir>/watch.lock          held by a running `crier watch` (one worker per state folder)

const SOURCE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface LoadedSourceState {
  state: SourceState;
  /** Why the stored state could not be used (it was moved aside and a fresh state returned), else null. */
  problem: string | null;
}

export interface StateStore {
  readonly dir: string;
  /**
   * Never throws on bad content: a corrupt file becomes a fresh state, a `problem` and a `.corrupt-*` copy;
   * a damaged or missing state file beside an intact articles file keeps those articles (then read even
   * with `articles: false`, which still returns them as `articleCount`).
   * With `articles: false` the articles file is not read (`articles` is empty, `articleCount` says how many),
   * and the state may come from the sources index: then its firstSeen/lastSeen are not loaded either
   * (`firstSeenPending`); loadArticles loads them.
   */
  loadSource(id: string, options?: { articles?: boolean }): Promise<LoadedSourceState>;
  /**
   * Loads the stored articles of a state loaded without them, and its first/last-seen maps if pending.
   * `seenDates: false` skips the maps (the state stays `firstSeenPending`): for readers that only need the
   * articles, e.g. selection over sources that did not change.
   */
  loadArticles(state: SourceState, options?: { seenDates?: boolean }): Promise<LoadedSourceState>;
  /**
   * With `articles: false` only the small state file is written (the stored articles stay as they are).
   * A state with `firstSeenPending` keeps the first/last-seen maps stored in its file.
   */
  saveSource(state: SourceState, options?: { articles?: boolean }): Promise<void>;
  /**
   * Writes the sources index for the sources loaded or saved through this store, when it differs from
   * the one on disk (a build that changed nothing writes nothing). Call once at the end of a build, after
   * every save. True when the index file was written.
   */
  flushIndex(): Promise<boolean>;
  /**
   * Identifies the bytes of a source's articles file (inode, size, mtime): every save replaces the file,
   * so a stamp seen again means the same articles. Null when there is no articles file.
   */
  articlesStamp(id: string): Promise<string | null>;
  /** A derived cache file in the state folder (e.g. selection candidates); null when missing or unreadable. */
  readCache(name: string): Promise<string | null>;
  /** Replaces a derived cache file atomically. */
  writeCache(name: string, text: string): Promise<void>;
  /** Ids that have a state file (sources removed from the config included). */
  listSourceIds(): Promise<string[]>;
  /** The last build's status, or null when there is none or it is unreadable. */
  readStatus(): Promise<BuildStatus | null>;
  writeStatus(status: BuildStatus): Promise<void>;
  /**
   * status.json's new bytes written under a temp name, renamed into place by `commit()`: a build stages it
   * before publishing, so a disk too full for it stops the build before any output changes.
   */
  stageStatus(status: BuildStatus): Promise<StagedFile>;
}

export interface StateStoreOptions {
  /** Clock for `.corrupt-<timestamp>` names (tests). */
  now?: () => Date;
}

export function openStateStore(dir: string, options: StateStoreOptions = {}): StateStore {
  const root = resolve(dir);
  const sourcesDir = join(root, "sources");
  const statusFile = join(root, "status.json");
  const index = openIndexFile(join(root, "sources.index.json"), sourcesDir);
  const now = options.now ?? (() => new Date());

  const sourceFile = (id: string): string => {
    if (!SOURCE_ID.test(id)) throw new TypeError(`invalid source id ${JSON.stringify(id)} (expected a slug)`);
    // A slug needs none of join()'s normalizing (~10 µs a call, once per source per build).
    return `${sourcesDir}${sep}${id}.json`;
  };
  const articlesFile = (id: string): string => sourceFile(id).replace(/\.json$/, ".articles.json");
  const cacheFile = (name: string): string => {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`invalid cache name ${name}`);
    return join(root, `${name}.cache.json`);
  };

  // status.json's fingerprint lets a build where nothing changed skip rendering. Before this store first
  // changes a source, the fingerprint goes: a build killed (or failing to write output) between saving
  // state and publishing must not leave the next build believing the output is current.
  // A status.json that cannot be rewritten (full disk, read-only folder) stays as it is and the error goes
  // to the caller, before any source changes: it also holds the ids already published.
  let outputMayBeStale: Promise<void> | undefined;
  const markOutputStale = (): Promise<void> => {
    outputMayBeStale ??= (async () => {
      const text = await readFile(statusFile, "utf8").catch((error) => {
        if (isNotFound(error)) return null;
        throw error;
      });
      if (text === null || !text.includes('"fingerprint"')) return;
      const rest = withoutFingerprint(text);
      if (rest === null) {
        // Not JSON: the next build cannot trust it anyway.
        await unlink(statusFile).catch(() => undefined);
        return;
      }
      await writeFileAtomic(statusFile, `${JSON.stringify(rest, null, 2)}\n`);
    })();
    return outputMayBeStale;
  };

  const stageStatus = async (status: BuildStatus): Promise<StagedFile> => {
    await ensureDir(root);
    return stageFile(statusFile, `${JSON.stringify(status, null, 2)}\n`);
  };

  const moveAside = async (file: string): Promise<string> => {
    const aside = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, "-")}`;
    return index
      .changing(() => rename(file, aside))
      .then(
        () => `kept as ${aside}`,
        (error) => `could not move it aside: ${errorMessage(error)}`,
      );
  };

  /** The first/last-seen maps stored in a source's file (a state served from the index lacks them). */
  const storedSeenDates = async (
    id: string,
  ): Promise<{ maps: Pick<SourceState, "firstSeen" | "lastSeen">; problem: string | null }> => {
    const file = sourceFile(id);
    let readable = true;
    const parsed = await readFile(file, "utf8").then(
      (text) => parseSourceState(id, text),
      (error) => {
        readable = false;
        return `cannot be read (${errorMessage(error)})`;
      },
    );
    if (typeof parsed !== "string") {
      return { maps: { firstSeen: parsed.firstSeen, lastSeen: parsed.lastSeen ?? {} }, problem: null };
    }
    // Only a change behind crier's back gets here (the index is dropped before crier changes a file).
    // A damaged file is kept for inspection, like a damaged articles file; loadArticles takes the dates
    // back from the stored articles.
    const kept = readable ? ` (${await moveAside(file)})` : "";
    return {
      maps: { firstSeen: {}, lastSeen: {} },
      problem: `state file ${file} ${parsed}${kept}; first-seen dates taken from its stored articles`,
    };
  };

  const loadArticles = async (
    pending: SourceState,
    options: { seenDates?: boolean } = {},
  ): Promise<LoadedSourceState> => {
    let state = pending;
    let seenProblem: string | null = null;
    if (pending.firstSeenPending && options.seenDates !== false) {
      const { maps, problem } = await storedSeenDates(pending.id);
      const { firstSeenPending: _, ...rest } = pending;
      state = { ...rest, ...maps };
      seenProblem = problem;
    }
    const loaded = await loadArticlesFile(state);
    if (seenProblem !== null) loaded.state = withSeenDatesFromArticles(loaded.state);
    const problem = [seenProblem, loaded.problem].filter((p) => p !== null).join("; ");
    return { state: loaded.state, problem: problem === "" ? null : problem };
  };

  const loadArticlesFile = async (state: SourceState): Promise<LoadedSourceState> => {
    const file = articlesFile(state.id);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if (isNotFound(error)) {
        const expected = state.articleCount ?? 0;
        return {
          state: expected > 0 ? lost(state) : { ...state, articles: [], articleCount: 0 },
          problem: expected > 0 ? `articles file ${file} is missing (${expected} articles expected)` : null,
        };
      }
      return {
        state: { ...state, articles: [], articleCount: 0 },
        problem: `cannot read ${file}: ${errorMessage(error)}`,
      };
    }
    const parsed = await parseArticlesFile(state.id, text);
    if (typeof parsed !== "string") {
      return { state: { ...state, articles: parsed, articleCount: parsed.length }, problem: null };
    }
    const kept = await moveAside(file);
    return {
      state: lost(state),
      problem: `articles file ${file} ${parsed}; its articles are lost (${kept})`,
    };
  };

  /**
   * A source whose state file is damaged or missing keeps its last good articles when their own file is
   * intact (design §5): only the validators, health and counters start over, so the next fetch is a full
   * download. `describe` gets what became of the articles; null: nothing to report (a missing state file
   * is a crash window, not damage).
   */
  const salvageArticles = async (
    id: string,
    options: { articles?: boolean },
    describe: ((outcome: string) => string) | null,
    damaged = false,
  ): Promise<LoadedSourceState> => {
    const loaded = await loadArticlesFile(emptySourceState(id));
    const articles = loaded.state.articles;
    if (articles.length === 0) {
      // Nothing stored (a new source): not worth a word unless the state file itself was damaged.
      const problem = describe && (damaged || loaded.problem !== null) ? describe("starting fresh") : null;
      return {
        state: emptySourceState(id),
        problem: [problem, loaded.problem].filter((p) => p !== null).join("; ") || null,
      };
    }
    const state = { ...fromArticles(id, articles), ...(options.articles === false ? { articles: [] } : {}) };
    return {
      state,
      problem:
        describe?.(`keeping its ${articles.length} stored articles; validators and counters start over`) ??
        null,
    };
  };

  return {
    dir: root,

    loadArticles,

    async loadSource(id, options = {}) {
      const file = sourceFile(id);
      if (options.articles === false) {
        const entry = await index.lookup(id);
        const state = entry ? stateFromEntry(entry) : null;
        if (state) return { state, problem: null };
      }
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        index.remember(id, null);
        if (isNotFound(error)) {
          // An articles file without its state file: a build killed between the two writes of a new
          // source, or between moving a damaged state file aside and saving the next one. A crash
          // window, not damage: the articles are kept without a word (the next fetch is a full one).
          return salvageArticles(id, options, null);
        }
        return { state: emptySourceState(id), problem: `cannot read ${file}: ${errorMessage(error)}` };
      }
      const parsed = await parseSourceState(id, text);
      if (typeof parsed !== "string") {
        // Format 1 kept the articles inline; format 2 reads them from their own file, when wanted.
        if (parsed.articles.length > 0 || parsed.articleCount === undefined) {
          index.remember(id, null);
          return { state: { ...parsed, articleCount: parsed.articles.length }, problem: null };
        }
        index.remember(id, indexEntry(parsed, parsed.articleCount));
        return options.articles === false ? { state: parsed, problem: null } : loadArticlesFile(parsed);
      }
      index.remember(id, null);
      const kept = await moveAside(file);
      return salvageArticles(
        id,
        options,
        (count) => `state file ${file} ${parsed}; ${count} (${kept})`,
        true,
      );
    },

    async saveSource(given, options = {}) {
      const file = sourceFile(given.id);
      let state = given;
      if (given.firstSeenPending) {
        // Keep what the file has: this state never loaded its maps. (Unreadable: nothing to keep.)
        const { firstSeenPending: _, ...rest } = given;
        state = { ...rest, ...(await storedSeenDates(given.id)).maps };
      }
      await ensureDir(sourcesDir);
      await markOutputStale();
      const { articles, ...meta } = state;
      let articleCount = storedArticleCount(state);
      // Unknown until the write completes (a failed write may or may not have replaced the file).
      index.remember(state.id, null);
      await index.changing(async () => {
        if (options.articles !== false) {
          // Articles first: a crash between the two writes leaves the old state pointing at newer
          // articles, which the next build treats like any stored articles.
          await writeFileAtomic(articlesFile(state.id), articlesFileBytes(state.id, articles));
          articleCount = articles.length;
        }
        await writeFileAtomic(
          file,
          `${JSON.stringify({ version: STATE_FORMAT_VERSION, ...meta, articleCount }, null, 2)}\n`,
        );
      });
      // Maps the file could not be read back with: let the next build read the file and say so.
      index.remember(state.id, validSeenDates(state) ? indexEntry(state, articleCount) : null);
    },

    flushIndex: () => index.flush(),

    async articlesStamp(id) {
      try {
        const info = await stat(articlesFile(id), { bigint: true });
        return `${info.ino}:${info.size}:${info.mtimeNs}`;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async readCache(name) {
      try {
        return await readFile(cacheFile(name), "utf8");
      } catch {
        return null;
      }
    },

    async writeCache(name, text) {
      await ensureDir(root);
      await writeFileAtomic(cacheFile(name), text);
    },

    async listSourceIds() {
      try {
        const names = await readdir(sourcesDir);
        return names
          .filter((name) => name.endsWith(".json") && !name.endsWith(".articles.json"))
          .map((name) => name.slice(0, -".json".length))
          .filter((id) => SOURCE_ID.test(id))
          .sort();
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
    },

    async readStatus() {
      try {
        const json: unknown = JSON.parse(await readFile(statusFile, "utf8"));
        const fast = fastBuildStatus(json);
        if (fast) return fast;
        const result = (await schemas()).buildStatusSchema.safeParse(json);
        return result.success ? result.data : null;
      } catch {
        return null;
      }
    },

    async writeStatus(status) {
      await (await stageStatus(status)).commit();
    },

    stageStatus,
  };
}

/** status.json's fields but its fingerprint; null when the text is not a JSON object. */
function withoutFingerprint(text: string): Record<string, unknown> | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return null;
  const { fingerprint: _, ...rest } = json as Record<string, unknown>;
  return rest;
}

/** The state, or a phrase saying what is wrong with the text ("is not valid JSON: …"). */
export async function parseSourceState(id: string, text: string): Promise<SourceState | string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return text.trim() === "" ? "is empty" : `is not valid JSON (${errorMessage(error)})`;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "is not a JSON object";
  const { version, ...rest } = json as { version?: unknown };
  if (typeof version !== "number" || !Number.isInteger(version)) return "has no format version";
  if (version > STATE_FORMAT_VERSION) {
    return `was written by a newer crier (format ${version}, this one reads ${STATE_FORMAT_VERSION})`;
  }
  const migrated = migrate(version, rest);
  const fast = fastSourceState(migrated);
  if (fast) return fast.id === id ? fast : `belongs to source "${fast.id}", not "${id}"`;
  const { sourceStateSchema, describeIssues } = await schemas();
  const result = sourceStateSchema.safeParse(migrated);
  if (!result.success) return `has an unexpected shape (${describeIssues(result.error)})`;
  if (result.data.id !== id) return `belongs to source "${result.data.id}", not "${id}"`;
  return result.data;
}

/**
 * A state rebuilt from a source's articles alone. Their stored dates stand in for the lost first-seen
 * dates: an undated article was dated by its first sighting, so it keeps that date when fetched again.
 */
function fromArticles(id: string, articles: SourceState["articles"]): SourceState {
  return {
    ...emptySourceState(id),
    articles,
    articleCount: articles.length,
    firstSeen: seenDatesOf(articles),
  };
}

/** The same stand-in for a state whose first-seen maps alone were lost (its file damaged in place). */
function withSeenDatesFromArticles(state: SourceState): SourceState {
  return { ...state, firstSeen: { ...seenDatesOf(state.articles), ...state.firstSeen } };
}

function seenDatesOf(articles: SourceState["articles"]): Record<string, string> {
  const firstSeen: Record<string, string> = {};
  for (const article of articles) if (article.published !== null) firstSeen[article.id] = article.published;
  return firstSeen;
}

/**
 * Stored articles that cannot be read: the validators go too, so the next fetch is a full download
 * instead of a 304 that would keep the source empty.
 */
function lost(state: SourceState): SourceState {
  return { ...state, articles: [], articleCount: 0, etag: null, lastModified: null };
}

/** The articles of an articles file, or a phrase saying what is wrong with it. */
export async function parseArticlesFile(id: string, text: string): Promise<SourceState["articles"] | string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return text.trim() === "" ? "is empty" : `is not valid JSON (${errorMessage(error)})`;
  }
  const { articlesFileSchema, describeIssues } = await schemas();
  const result = articlesFileSchema.safeParse(json);
  if (!result.success) return `has an unexpected shape (${describeIssues(result.error)})`;
  if (result.data.id !== id) return `belongs to source "${result.data.id}", not "${id}"`;
  return result.data.articles;
}

/** Older formats → current: format 1 kept articles inline, which format 2 still reads. */
function migrate(_version: number, data: Record<string, unknown>): Record<string, unknown> {
  return data;
}
