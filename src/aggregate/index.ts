export { compareNewestFirst, resolveArticleDates } from "./dates.js";
export { dedupeArticles } from "./dedupe.js";
export { type CompiledFilter, compileFilter, matchesFilter, passesFilters } from "./filter.js";
export { type OutputSelection, selectOutputs } from "./select.js";
