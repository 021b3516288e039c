export { ConfigError, type ConfigIssue } from "./errors.js";
export { configJsonSchema } from "./json-schema.js";
export { type LoadConfigOptions, type LoadedConfig, loadConfig } from "./load.js";
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
export { configSchema } from "./schema.js";
export { isHttpUrl } from "./urls.js";
export { parseConfigText, type ValidateOptions, validateConfig } from "./validate.js";
