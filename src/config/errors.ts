/** A config problem: `path` is a JSON path such as `sources[2].url`, `message` says what is expected. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    super(
      `${file}: invalid config\n${issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}
