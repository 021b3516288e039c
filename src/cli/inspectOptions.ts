// The options of `crier inspect` that describe an ad-hoc source (with --source the config gives all of
// them). A module of its own: run.ts lists them among inspect's accepted options without loading
// inspect.ts, which it imports only when the command runs.

export const AD_HOC_OPTIONS = [
  "type",
  "item",
  "title",
  "link",
  "date",
  "summary",
  "content",
  "encoding",
  "timezone",
  "transform",
] as const;

/** The ad-hoc options that are html list selectors (`--type html` only). */
export const HTML_OPTIONS = ["item", "title", "link", "date", "summary", "content"] as const;
