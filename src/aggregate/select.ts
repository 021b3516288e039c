import type { Config, OutputConfig, SourceConfig } from "../config/index.js";
import type { Article } from "../model.js";
import { compareIds, compareNewestFirst } from "./dates.js";
import { dedupeBy, dedupeKeys, disambiguateIds, richness } from "./dedupe.js";
import { compileFilter, passesFilters } from "./filter.js";
import { type BareIds, qualifyNewcomers } from "./ids.js";

/** One feed set to write: the combined one (name null) or an `outputs[]` entry. */
export interface OutputSelection {
  name: string | null;
  title: string;
  description: string;
  articles: Article[];
}

/**
 * What selection needs to know of one article, without its content: a build keeps these for every source
 * and the full articles only of those picked (see src/worker/build.ts), so memory does not grow with them.
 */
export interface Candidate {
  sourceId: string;
  /** Position in the source's filtered list ({@link filterSourceArticles}). */
  index: number;
  id: string;
  /** Date.parse of `published` (0 when undated), as compareNewestFirst reads it. */
  time: number;
  keys: string[];
  richness: number;
  /** Per `config.outputs` entry: the article belongs to it and passes its filters. */
  outputs: boolean[];
}

/** A selection by candidates: `picks` in output order. */
export interface CandidateSelection {
  name: string | null;
  title: string;
  description: string;
  picks: Candidate[];
  /**
   * The stories to remember for the next build ({@link PublishedStories}): the dedupe keys of each pick,
   * and of each earlier published copy that is no candidate any more but still holds back another copy.
   */
  stories: Record<string, string[]>;
}

/**
 * Per-source filters and caps, then per-output selection, dedupe, order and maxItems. Pure: the
 * articles already carry resolved dates.
 */
export function selectOutputs(
  config: Config,
  articlesBySource: Map<string, Article[]>,
  namespaced: Set<string> = new Set(),
  published: PublishedPicks = new Map(),
  stories: PublishedStories = new Map(),
  bare: BareIds = new Map(),
): OutputSelection[] {
  const filtered = new Map<string, Article[]>();
  const candidates = new Map<string, Candidate[]>();
  for (const source of config.sources.filter((s) => s.enabled)) {
    const articles = filterSourceArticles(config, source, articlesBySource.get(source.id) ?? []);
    filtered.set(source.id, articles);
    candidates.set(source.id, sourceCandidates(config, source, articles));
  }
  const selections = selectCandidates(config, candidates, published, stories);
  qualifyNewcomers(
    selections.flatMap(({ picks }) => picks),
    namespaced,
    bare,
  );
  const sets = disambiguateIds(
    selections.map(({ picks }) => picks.map((pick) => filtered.get(pick.sourceId)![pick.index]!)),
    namespaced,
    new Set([...[...published.values()].flatMap((keys) => [...keys]), ...bare.keys()]),
  );
  return selections.map(({ picks: _, stories: _stories, ...selection }, index) => ({
    ...selection,
    articles: sets[index]!,
  }));
}

/** A source's own include/exclude, newest first, capped at its maxItems. */
export function filterSourceArticles(config: Config, source: SourceConfig, articles: Article[]): Article[] {
  const include = compileFilter(source.include);
  const exclude = compileFilter(source.exclude);
  const kept = articles.filter((a) => passesFilters(a, include, exclude, source.tags));
  return [...kept].sort(compareNewestFirst).slice(0, source.maxItems ?? config.output.maxItems);
}

/** Candidates of a source's filtered articles (the output of {@link filterSourceArticles}). */
export function sourceCandidates(config: Config, source: SourceConfig, filtered: Article[]): Candidate[] {
  const outputs = config.outputs.map((output) => ({
    output,
    include: compileFilter(output.include),
    exclude: compileFilter(output.exclude),
  }));
  const timeZone = source.timezone ?? config.timezone;
  return filtered.map((article, index) => ({
    sourceId: source.id,
    index,
    id: article.id,
    time: article.published ? Date.parse(article.published) : 0,
    keys: dedupeKeys(article, timeZone),
    richness: richness(article),
    outputs: outputs.map(
      ({ output, include, exclude }) =>
        belongsToOutput(article, source, output) && passesFilters(article, include, exclude, source.tags),
    ),
  }));
}

/**
 * Per feed set (name null: the combined one), the keys ({@link pickKey}) of the articles it published last
 * time: a story's copy already out there keeps its place against a richer copy arriving later, since
 * replacing it would change the item's id and deliver the story again.
 */
export type PublishedPicks = Map<string | null, ReadonlySet<string>>;

/**
 * Per feed set, the dedupe keys of the stories it published (by {@link pickKey}; see
 * {@link CandidateSelection.stories}). When a published copy is no candidate any more (its source's
 * maxItems pushed it out) while its source still feeds the set, another source's copy of the story is no
 * new item: readers have the story, under the first copy's id.
 */
export type PublishedStories = Map<string | null, ReadonlyMap<string, readonly string[]>>;

/** "<source>\u0000<id>": an article by its source's own id. */
export function pickKey(candidate: Pick<Candidate, "sourceId" | "id">): string {
  return `${candidate.sourceId}\u0000${candidate.id}`;
}

/** The selection of every output set, from the candidates of each enabled source. */
export function selectCandidates(
  config: Config,
  candidatesBySource: Map<string, Candidate[]>,
  published: PublishedPicks = new Map(),
  stories: PublishedStories = new Map(),
): CandidateSelection[] {
  const sources = config.sources.filter((s) => s.enabled);
  const all = sources.map((source) => candidatesBySource.get(source.id) ?? []);
  const combined: CandidateSelection = {
    name: null,
    title: config.site.title,
    description: config.site.description,
    ...finish(all.flat(), config.output.maxItems, published.get(null), stories.get(null)),
  };
  return [
    combined,
    ...config.outputs.map((output, position) => ({
      name: output.name,
      title: output.title,
      description: output.description ?? config.site.description,
      ...finish(
        all.flatMap((candidates) => candidates.filter((c) => c.outputs[position])),
        output.maxItems ?? config.output.maxItems,
        published.get(output.name),
        stories.get(output.name),
      ),
    })),
  ];
}

/**
 * `sources` and `tags` add up (design §4's example lists a tag-less source next to a tag): an article
 * belongs when its source is listed, or its source or the article itself carries one of the tags. With
 * neither given, every source belongs.
 */
export function belongsToOutput(article: Article, source: SourceConfig, output: OutputConfig): boolean {
  if (sourceBelongsToOutput(source, output)) return true;
  const tags = output.tags?.map((t) => t.toLowerCase()) ?? [];
  return article.categories.some((tag) => tags.includes(tag.toLowerCase()));
}

/** The source-level part: no narrowing at all, the source listed, or one of its tags named. */
export function sourceBelongsToOutput(source: SourceConfig, output: OutputConfig): boolean {
  if (!output.sources && !output.tags) return true;
  if (output.sources?.includes(source.id)) return true;
  const tags = output.tags?.map((t) => t.toLowerCase()) ?? [];
  return source.tags.some((tag) => tags.includes(tag.toLowerCase()));
}

const PUBLISHED_RANK = 2 ** 40;

/** compareNewestFirst on precomputed times (no Date.parse per comparison). */
function newestFirst(a: Candidate, b: Candidate): number {
  if (a.time !== b.time) return b.time - a.time;
  return compareIds(a.id, a.sourceId, b.id, b.sourceId);
}

function finish(
  candidates: Candidate[],
  maxItems: number,
  published?: ReadonlySet<string>,
  stories?: ReadonlyMap<string, readonly string[]>,
): Pick<CandidateSelection, "picks" | "stories"> {
  const gone = goneStories(candidates, stories);
  // Sorted before dedupe so the newest copy claims a story; again after, because a richer copy that wins
  // may carry an older date than the one whose place it takes. The gone copies come last: they only join
  // stories, which they then win (any candidate's richness is below PUBLISHED_RANK), so a published
  // candidate of the story keeps it.
  const realInSlot: boolean[] = [];
  const slots = dedupeBy<Candidate>(
    [...[...candidates].sort(newestFirst), ...gone],
    (c) => c.keys,
    // A published copy outranks any richness.
    (c) => (c.index < 0 || published?.has(pickKey(c)) ? PUBLISHED_RANK : 0) + c.richness,
    (c) => c.sourceId,
    gone.length > 0
      ? (slot, c) => {
          if (c.index >= 0) realInSlot[slot] = true;
        }
      : undefined,
  );
  const picks = slots
    .filter((c) => c.index >= 0)
    .sort(newestFirst)
    .slice(0, maxItems);
  const kept: Record<string, string[]> = {};
  for (const pick of picks) kept[pickKey(pick)] = pick.keys;
  // A gone copy that held back another copy is remembered for as long as it does.
  for (const [slot, c] of slots.entries()) if (c.index < 0 && realInSlot[slot]) kept[pickKey(c)] = c.keys;
  return { picks, stories: kept };
}

/**
 * Copies the set published that are no candidates now (index -1), of sources that still have candidates in
 * the set: a source removed from the config, or from the set, gives its stories up to the other copies.
 */
function goneStories(
  candidates: Candidate[],
  stories: ReadonlyMap<string, readonly string[]> | undefined,
): Candidate[] {
  if (!stories || stories.size === 0) return [];
  // Only the sources of the stories matter (a set may have many thousands of candidates).
  const storySources = new Set([...stories.keys()].map((key) => key.slice(0, key.indexOf("\u0000"))));
  const sources = new Set<string>();
  const present = new Set<string>();
  for (const c of candidates) {
    if (!storySources.has(c.sourceId)) continue;
    sources.add(c.sourceId);
    present.add(pickKey(c));
  }
  const gone: Candidate[] = [];
  for (const [key, keys] of stories) {
    const cut = key.indexOf("\u0000");
    if (cut < 0 || present.has(key) || !sources.has(key.slice(0, cut))) continue;
    gone.push({
      sourceId: key.slice(0, cut),
      index: -1,
      id: key.slice(cut + 1),
      time: 0,
      keys: [...keys],
      richness: 0,
      outputs: [],
    });
  }
  return gone;
}
