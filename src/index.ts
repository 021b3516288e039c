// The package entry (`main`): what `crier build` does, for use from code.
//   const loaded = await loadConfig("feeds.config.json");
//   const report = await runBuild({ loaded });

export {
  type Config,
  ConfigError,
  type ConfigIssue,
  type LoadedConfig,
  loadConfig,
  validateConfig,
} from "./config/index.js";
export type { Article } from "./model.js";
export { type BuildOptions, type BuildReport, runBuild, type SourceReport } from "./worker/index.js";
