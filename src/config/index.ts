export { configJsonSchema } from "./json-schema.js";
export {
  ConfigError,
  type ConfigIssue,
  type LoadedConfig,
  loadConfig,
  parseConfigText,
  validateConfig,
} from "./load.js";
export type {
  Config,
  FeedSourceConfig,
  FetchConfig,
  FilesSourceConfig,
  FilterConfig,
  HtmlSourceConfig,
  OutputConfig,
  SourceConfig,
  TransformConfig,
} from "./schema.js";
export { configSchema, isHttpUrl } from "./schema.js";
