import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type OutputSelection, sourceBelongsToOutput } from "../aggregate/index.js";
import type { Config, LoadedConfig } from "../config/index.js";
import { isHttpUrl } from "../config/urls.js";
import { languageTag } from "../languageTag.js";
import type { Article } from "../model.js";
import {
  articlePagePath,
  type FeedMeta,
  type PageContext,
  renderArticlePage,
  renderAtom,
  renderFeedXsl,
  renderIndexHtml,
  renderJsonFeed,
  renderOpml,
  renderRss,
} from "../render/index.js";
import { siteRootUrl } from "../render/paths.js";
import {
  type BuildStatus,
  ensureDir,
  type SourceStatus,
  type StagedFile,
  stageFileIfChanged,
} from "../store/index.js";
import { httpUri, uriString, withoutCredentials } from "../uri.js";
import { VERSION } from "../version.js";
import { scheduleIntervalMinutes } from "./schedule.js";

const FEED_FILES = new Set(["feed.xml", "atom.xml", "feed.json"]);

export interface WrittenOutput {
  /** null for the combined feed set at the top of the output folder. */
  name: string | null;
  dir: string;
  items: number;
  /** Files whose bytes changed and were rewritten (paths relative to dir). */
  written: string[];
  unchanged: number;
  /** When this set's feeds last changed (this build, or an earlier one). */
  changedAt: string;
  /** Its article pages (paths relative to dir), which a no-change build checks are still there. */
  pages: string[];
  /** Digest of its three feeds' bytes: whether they changed since the last build. */
  feeds?: string;
}

interface PublishInput {
  loaded: LoadedConfig;
  outDir: string;
  selections: OutputSelection[];
  statuses: SourceStatus[];
  /**
   * What each source said of itself at its last successful read (its feed's title and home page); none
   * for a state written before crier kept it.
   */
  identities?: ReadonlyMap<string, { title: string | null; url: string | null }>;
  /** The last build's status: when the article set, and each feed set, last changed. */
  previous: Pick<BuildStatus, "changedAt" | "outputs"> | null;
  now: Date;
  timings: { render: number; write: number };
}

/** Every feed set rendered and its changed files staged, none of them in place yet. */
export interface StagedOutputSets {
  outputs: WrittenOutput[];
  changedAt: string | null;
  /** Renames every staged file into place. */
  commit(): Promise<void>;
  /** Deletes the staged files: the output stays as it was. */
  discard(): Promise<void>;
}

/**
 * Renders every feed set and stages the files whose bytes changed. Feeds first: whether they changed
 * decides the "last changed" time that the HTML pages show, so a no-change build rewrites nothing at all.
 * Nothing is published before `commit()`, so the caller can still stage its own state first.
 */
export async function stageOutputSets(input: PublishInput): Promise<StagedOutputSets> {
  const { config } = input.loaded;
  // A set with no articles is dated by the newest article of any set, else by the last change of the
  // output: a plausible date (not 1970) that stays put while nothing changes.
  const emptySetUpdated =
    newestDate(input.selections.flatMap((selection) => selection.articles)) ??
    input.previous?.changedAt ??
    input.now.toISOString();
  const sets = input.selections.map((selection) => ({
    selection,
    dir: selection.name ? path.join(input.outDir, selection.name) : input.outDir,
    meta: feedMeta(input.loaded, selection, emptySetUpdated),
    written: [] as string[],
    unchanged: 0,
    digest: createHash("sha256"),
  }));

  // Every changed file of every set is staged (written and fsynced under a temp name) before any is
  // renamed into place: a read-only folder or a full disk met on the last set leaves all output as it was.
  const staged: StagedFile[] = [];
  const write = async (set: (typeof sets)[number], file: string, render: () => string) => {
    const renderStart = performance.now();
    const content = render();
    if (FEED_FILES.has(file)) set.digest.update(`${file}\u0000${content}\u0000`);
    input.timings.render += performance.now() - renderStart;
    const writeStart = performance.now();
    const target = path.join(set.dir, file);
    await ensureDir(path.dirname(target));
    const change = await stageFileIfChanged(target, content);
    if (change) {
      staged.push(change);
      set.written.push(file);
    } else {
      set.unchanged++;
    }
    input.timings.write += performance.now() - writeStart;
  };
  const renderAndStage = async () => {
    for (const set of sets) {
      const { articles } = set.selection;
      await write(set, "feed.xml", () => renderRss(set.meta, articles));
      await write(set, "atom.xml", () => renderAtom(set.meta, articles));
      await write(set, "feed.json", () => renderJsonFeed(set.meta, articles));
      if (config.output.xsl) await write(set, "feed.xsl", () => renderFeedXsl());
    }
    const nowIso = input.now.toISOString();
    // A set's feeds changed when their bytes differ from the last build's (a digest in status.json), not
    // merely when files were written: a fresh output folder (a CI job that keeps only .crier/) gets the
    // same feeds, and its pages keep their "last updated". Without an earlier digest, a write counts.
    const previousOf = (set: (typeof sets)[number]) =>
      input.previous?.outputs?.find((o) => o.name === set.selection.name);
    const digests = sets.map((set) => set.digest.digest("hex").slice(0, 32));
    const setChanged = sets.map((set, index) => {
      const before = previousOf(set)?.feeds;
      if (before !== undefined) return before !== digests[index];
      // The stylesheet is the same for every build: restoring it is no change of the feeds.
      return set.written.some((file) => file !== "feed.xsl");
    });
    const previousChangedAt = input.previous?.changedAt ?? null;
    const changedAt = setChanged.includes(true) || !previousChangedAt ? nowIso : previousChangedAt;
    const setChangedAt = sets.map((set, index) =>
      setChanged[index] ? nowIso : (previousOf(set)?.changedAt ?? changedAt),
    );

    const sourceTitles = sourceTitleMap(input.loaded, input.selections, input.identities);
    const outputsList = config.outputs.map((o) => ({ name: o.name, title: o.title }));
    for (const [index, set] of sets.entries()) {
      // A set's page shows its own sources and its own last change, so a new item elsewhere does not
      // rewrite it.
      const page: PageContext = {
        sources: input.statuses.filter((status) => feedsSet(config, set.selection, status.id)),
        sourceTitles,
        outputs: outputsList,
        changedAt: setChangedAt[index]!,
      };
      await write(set, "index.html", () => renderIndexHtml(set.meta, set.selection.articles, page));
      await write(set, "sources.opml", () =>
        renderOpml(set.meta, opmlSources(input.loaded, sourceTitles), outputsList, config.site.title),
      );
      for (const article of set.selection.articles.filter((a: Article) => a.url === null)) {
        // Dated by the article itself: a new item elsewhere in the set must not rewrite every article page.
        const articlePage: PageContext = { ...page, changedAt: article.updated ?? article.published };
        await write(set, articlePagePath(article), () => renderArticlePage(set.meta, article, articlePage));
      }
    }
    return { changedAt, setChangedAt, digests };
  };
  let rendered: Awaited<ReturnType<typeof renderAndStage>>;
  try {
    rendered = await renderAndStage();
  } catch (error) {
    await Promise.all(staged.map((file) => file.discard()));
    throw error;
  }
  const commit = async () => {
    const commitStart = performance.now();
    for (const [index, file] of staged.entries()) {
      try {
        await file.commit();
      } catch (error) {
        // A rename failing is rare (the files were just written there); leave no temp files behind.
        await Promise.all(staged.slice(index + 1).map((rest) => rest.discard()));
        throw error;
      }
    }
    input.timings.write += performance.now() - commitStart;
  };
  const { changedAt, setChangedAt, digests } = rendered;

  return {
    commit,
    discard: async () => {
      await Promise.all(staged.map((file) => file.discard()));
    },
    changedAt,
    outputs: sets.map((set, index) => ({
      name: set.selection.name,
      dir: set.dir,
      items: set.selection.articles.length,
      written: set.written,
      unchanged: set.unchanged,
      changedAt: setChangedAt[index]!,
      pages: set.selection.articles.filter((a: Article) => a.url === null).map(articlePagePath),
      feeds: digests[index]!,
    })),
  };
}

/** The files a feed set consists of, besides its article pages. */
const SET_FILES = ["feed.xml", "atom.xml", "feed.json", "feed.xsl", "index.html", "sources.opml"];

/**
 * Removes the feeds of sets the last build wrote and the config no longer has, so their subscribers get a
 * 404 instead of a feed that silently stops. Only crier's own files go; article pages stay, since readers'
 * old items link to them, and so does anything else in the folder. Returns the names removed.
 */
export async function removeDroppedSets(
  outDir: string,
  previous: Pick<BuildStatus, "outputs"> | null,
  current: readonly (string | null)[],
): Promise<string[]> {
  const dropped = (previous?.outputs ?? [])
    .map((o) => o.name)
    .filter((name): name is string => name !== null && !current.includes(name));
  for (const name of dropped) {
    await Promise.all(SET_FILES.map((file) => rm(path.join(outDir, name, file), { force: true })));
  }
  return dropped;
}

/** Whether source `id` can contribute to the set: listed, tagged for it, or present in it right now. */
function feedsSet(config: Config, selection: OutputSelection, id: string): boolean {
  if (selection.name === null) return true;
  const output = config.outputs.find((o) => o.name === selection.name);
  const source = config.sources.find((s) => s.id === id);
  if (!output || (source && sourceBelongsToOutput(source, output))) return true;
  return selection.articles.some((a) => a.source.id === id);
}

export function feedMeta(
  loaded: LoadedConfig,
  selection: OutputSelection,
  emptySetUpdated: string,
): FeedMeta {
  const { config } = loaded;
  // The site URL as the feeds link it (RFC 3986 form, no fragment); feed sets live under siteRootUrl.
  const site = new URL(config.site.url);
  site.hash = "";
  const written = config.site.url.trim();
  const siteUrl = httpUri(written.includes("#") ? site.href : written) ?? uriString(site);
  const root = siteRootUrl(config.site.url);
  const baseUrl = selection.name ? uriString(new URL(`${selection.name}/`, root)) : root;
  return {
    title: selection.title,
    description: selection.description,
    siteUrl,
    baseUrl,
    // The form the feeds write (`zh_TW` → `zh-TW`), also for <html lang>, labels and dates on the pages.
    language: languageTag(config.site.language) ?? "en",
    author: config.site.author ?? { name: config.site.title },
    timezone: config.timezone,
    updated: newestDate(selection.articles) ?? emptySetUpdated,
    ttlMinutes: scheduleIntervalMinutes(config.schedule),
    generator: `crier ${VERSION}`,
    xsl: config.output.xsl,
  };
}

/** The newest date among the articles: "updated" moves only when the content does. */
function newestDate(articles: Article[]): string | null {
  let newest: string | null = null;
  for (const article of articles) {
    for (const date of [article.published, article.updated]) {
      if (date && (newest === null || date > newest)) newest = date;
    }
  }
  return newest;
}

function sourceTitleMap(
  loaded: LoadedConfig,
  selections: OutputSelection[],
  identities: PublishInput["identities"] = new Map(),
): Record<string, { title: string; url: string | null }> {
  const titles: Record<string, { title: string; url: string | null }> = {};
  for (const source of loaded.config.sources) {
    // The source's own word from its last read counts even when none of its articles is published.
    const identity = identities.get(source.id);
    titles[source.id] = {
      title: source.title ?? identity?.title ?? source.id,
      url:
        identity?.url ?? ("url" in source && isHttpUrl(source.url) ? withoutCredentials(source.url) : null),
    };
  }
  // A state written before crier kept a source's own word: what its published articles say of it.
  for (const article of selections.flatMap((s) => s.articles)) {
    const entry = titles[article.source.id];
    if (!entry || identities.has(article.source.id)) continue;
    const configured = loaded.config.sources.find((s) => s.id === article.source.id)?.title;
    titles[article.source.id] = {
      title: configured ?? article.source.title,
      url: article.source.url ?? entry.url,
    };
  }
  return titles;
}

function opmlSources(loaded: LoadedConfig, titles: Record<string, { title: string; url: string | null }>) {
  return loaded.config.sources
    .filter((source) => source.enabled)
    .map((source) => ({
      id: source.id,
      title: titles[source.id]?.title ?? source.id,
      type: source.type,
      url: "url" in source && isHttpUrl(source.url) ? withoutCredentials(source.url) : null,
      // A feed's own address is no home page: OPML's htmlUrl names the site a reader would visit.
      htmlUrl:
        source.type === "feed" && titles[source.id]?.url === withoutCredentials(source.url)
          ? null
          : (titles[source.id]?.url ?? null),
    }));
}
