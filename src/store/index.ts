export {
  assertFolderOrAbsent,
  ensureDir,
  removeStaleTempFiles,
  type StagedFile,
  stageFileIfChanged,
  writeFileAtomic,
  writeFileIfChanged,
} from "./atomic.js";
export { assignFirstSeen, type FirstSeenOptions } from "./firstSeen.js";
export { STATE_FORMAT_VERSION } from "./format.js";
export {
  emptySourceState,
  isDeferred,
  notModifiedChangesNothing,
  recordFailure,
  recordNotModified,
  recordSuccess,
  sourceStatus,
  storedArticleCount,
} from "./record.js";
export {
  type LoadedSourceState,
  openStateStore,
  parseSourceState,
  type StateStore,
  type StateStoreOptions,
} from "./state.js";
export type { BuildStatus, SourceState, SourceStatus } from "./types.js";
