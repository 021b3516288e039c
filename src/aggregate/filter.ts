import type { FilterConfig } from "../config/index.js";
import type { Article } from "../model.js";
import { filterRegexFlags } from "../normalize/regexSafety.js";
import { htmlToText } from "../normalize/text.js";

export interface CompiledFilter {
  title?: RegExp;
  content?: RegExp;
  tags?: Set<string>;
}

// Per filter of the config: selection asks for each output's filters once per source (1000 sources, a
// handful of filters). The regexes have no `g` flag, so sharing them is safe.
const compiledFilters = new WeakMap<FilterConfig, CompiledFilter>();

export function compileFilter(filter: FilterConfig | undefined): CompiledFilter | undefined {
  if (!filter) return undefined;
  let compiled = compiledFilters.get(filter);
  if (!compiled) {
    compiled = {
      title:
        filter.title === undefined ? undefined : new RegExp(filter.title, filterRegexFlags(filter.title)),
      content:
        filter.content === undefined
          ? undefined
          : new RegExp(filter.content, filterRegexFlags(filter.content)),
      tags: filter.tags === undefined ? undefined : new Set(filter.tags.map((t) => t.toLowerCase())),
    };
    compiledFilters.set(filter, compiled);
  }
  return compiled;
}

// An article's body text, computed once however many filters (source, include, exclude, every output) read it.
const bodyTexts = new WeakMap<Article, string>();

function bodyText(article: Article): string {
  let text = bodyTexts.get(article);
  if (text === undefined) {
    text = htmlToText(article.content);
    bodyTexts.set(article, text);
  }
  return text;
}

/** A filter matches when any of its conditions matches. Tags are the source's tags plus the categories. */
export function matchesFilter(
  article: Article,
  filter: CompiledFilter,
  sourceTags: readonly string[],
): boolean {
  if (filter.title?.test(article.title)) return true;
  if (filter.content && (filter.content.test(article.summary) || filter.content.test(bodyText(article)))) {
    return true;
  }
  if (filter.tags) {
    for (const tag of [...sourceTags, ...article.categories])
      if (filter.tags.has(tag.toLowerCase())) return true;
  }
  return false;
}

export function passesFilters(
  article: Article,
  include: CompiledFilter | undefined,
  exclude: CompiledFilter | undefined,
  sourceTags: readonly string[],
): boolean {
  if (include && !matchesFilter(article, include, sourceTags)) return false;
  if (exclude && matchesFilter(article, exclude, sourceTags)) return false;
  return true;
}
