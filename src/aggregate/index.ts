export { compareNewestFirst, resolveArticleDates } from "./dates.js";
export { dedupeArticles, disambiguateIds, namespacedKey } from "./dedupe.js";
export { type CompiledFilter, compileFilter, matchesFilter, passesFilters } from "./filter.js";
export {
  type BareIds,
  bareIdsOfPicks,
  type PickedId,
  qualifyNewcomers,
  REMEMBERED_BARE_IDS,
  rememberBareIds,
} from "./ids.js";
export {
  type Candidate,
  type CandidateSelection,
  filterSourceArticles,
  type OutputSelection,
  type PublishedPicks,
  type PublishedStories,
  pickKey,
  selectCandidates,
  selectOutputs,
  sourceBelongsToOutput,
  sourceCandidates,
} from "./select.js";
