import type { Config, OutputConfig, SourceConfig } from "../config/index.js";
import type { Article } from "../model.js";
import { compareNewestFirst } from "./dates.js";
import { dedupeArticles } from "./dedupe.js";
import { compileFilter, passesFilters } from "./filter.js";

/** One feed set to write: the combined one (name null) or an `outputs[]` entry. */
export interface OutputSelection {
  name: string | null;
  title: string;
  description: string;
  articles: Article[];
}

/**
 * Per-source filters and caps, then per-output selection, dedupe, order and maxItems. Pure: the
 * articles already carry resolved dates.
 */
export function selectOutputs(config: Config, articlesBySource: Map<string, Article[]>): OutputSelection[] {
  const sources = config.sources.filter((s) => s.enabled);
  const filtered = new Map<string, Article[]>();
  for (const source of sources) {
    filtered.set(
      source.id,
      filterSource(source, articlesBySource.get(source.id) ?? [], config.output.maxItems),
    );
  }
  const combined: OutputSelection = {
    name: null,
    title: config.site.title,
    description: config.site.description,
    articles: finish([...filtered.values()].flat(), config.output.maxItems),
  };
  return [combined, ...config.outputs.map((output) => selectOutput(output, sources, filtered, config))];
}

function filterSource(source: SourceConfig, articles: Article[], fallbackMax: number): Article[] {
  const include = compileFilter(source.include);
  const exclude = compileFilter(source.exclude);
  const kept = articles.filter((a) => passesFilters(a, include, exclude, source.tags));
  return [...kept].sort(compareNewestFirst).slice(0, source.maxItems ?? fallbackMax);
}

function selectOutput(
  output: OutputConfig,
  sources: SourceConfig[],
  filtered: Map<string, Article[]>,
  config: Config,
): OutputSelection {
  const include = compileFilter(output.include);
  const exclude = compileFilter(output.exclude);
  const articles = sources.flatMap((source) =>
    (filtered.get(source.id) ?? []).filter(
      (a) => belongsToOutput(a, source, output) && passesFilters(a, include, exclude, source.tags),
    ),
  );
  return {
    name: output.name,
    title: output.title,
    description: output.description ?? config.site.description,
    articles: finish(articles, output.maxItems ?? config.output.maxItems),
  };
}

/**
 * `sources` and `tags` add up (design §4's example lists a tag-less source next to a tag): an article
 * belongs when its source is listed, or its source or the article itself carries one of the tags. With
 * neither given, every source belongs.
 */
export function belongsToOutput(article: Article, source: SourceConfig, output: OutputConfig): boolean {
  if (!output.sources && !output.tags) return true;
  if (output.sources?.includes(source.id)) return true;
  const tags = output.tags?.map((t) => t.toLowerCase()) ?? [];
  return [...source.tags, ...article.categories].some((tag) => tags.includes(tag.toLowerCase()));
}

function finish(articles: Article[], maxItems: number): Article[] {
  return dedupeArticles([...articles].sort(compareNewestFirst)).slice(0, maxItems);
}
