import type { Config, OutputConfig, SourceConfig } from "../config/index.js";
import type { Article } from "../model.js";
import { compareIds, compareNewestFirst } from "./dates.js";
import { dedupeBy, dedupeKeys, disambiguateIds, richness } from "./dedupe.js";
import { compileFilter, passesFilters } from "./filter.js";

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
): OutputSelection[] {
  const filtered = new Map<string, Article[]>();
  const candidates = new Map<string, Candidate[]>();
  for (const source of config.sources.filter((s) => s.enabled)) {
    const articles = filterSourceArticles(config, source, articlesBySource.get(source.id) ?? []);
    filtered.set(source.id, articles);
    candidates.set(source.id, sourceCandidates(config, source, articles));
  }
  const selections = selectCandidates(config, candidates, published);
  const sets = disambiguateIds(
    selections.map(({ picks }) => picks.map((pick) => filtered.get(pick.sourceId)![pick.index]!)),
    namespaced,
    new Set([...published.values()].flatMap((keys) => [...keys])),
  );
  return selections.map(({ picks: _, ...selection }, index) => ({ ...selection, articles: sets[index]! }));
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

/** "<source>\u0000<id>": an article by its source's own id. */
export function pickKey(candidate: Pick<Candidate, "sourceId" | "id">): string {
  return `${candidate.sourceId}\u0000${candidate.id}`;
}

/** The selection of every output set, from the candidates of each enabled source. */
export function selectCandidates(
  config: Config,
  candidatesBySource: Map<string, Candidate[]>,
  published: PublishedPicks = new Map(),
): CandidateSelection[] {
  const sources = config.sources.filter((s) => s.enabled);
  const all = sources.map((source) => candidatesBySource.get(source.id) ?? []);
  const combined: CandidateSelection = {
    name: null,
    title: config.site.title,
    description: config.site.description,
    picks: finish(all.flat(), config.output.maxItems, published.get(null)),
  };
  return [
    combined,
    ...config.outputs.map((output, position) => ({
      name: output.name,
      title: output.title,
      description: output.description ?? config.site.description,
      picks: finish(
        all.flatMap((candidates) => candidates.filter((c) => c.outputs[position])),
        output.maxItems ?? config.output.maxItems,
        published.get(output.name),
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

function finish(candidates: Candidate[], maxItems: number, published?: ReadonlySet<string>): Candidate[] {
  // Sorted before dedupe so the newest copy claims a story; again after, because a richer copy that wins
  // may carry an older date than the one whose place it takes.
  return dedupeBy(
    [...candidates].sort(newestFirst),
    (c) => c.keys,
    // A published copy outranks any richness.
    published && published.size > 0
      ? (c) => (published.has(pickKey(c)) ? PUBLISHED_RANK : 0) + c.richness
      : (c) => c.richness,
    (c) => c.sourceId,
  )
    .sort(newestFirst)
    .slice(0, maxItems);
}
