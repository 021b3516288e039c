import { realpath } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type FilesSourceConfig, loadConfig, type SourceConfig } from "../config/index.js";
import { configSchema, sourceSchema } from "../config/schema.js";
import { createFetcher, defaultUserAgent } from "../fetch/index.js";
import type { Article } from "../model.js";
import { readSource, type SourceContext } from "../sources/index.js";
import { withoutCredentials } from "../uri.js";
import { VERSION } from "../version.js";
import { fetchSettings } from "../worker/build.js";
import { normalizeSourceItems } from "../worker/normalizeSource.js";
import { UsageError } from "./errors.js";
import { AD_HOC_OPTIONS, HTML_OPTIONS } from "./inspectOptions.js";
import type { CliIo, ParsedOptions } from "./run.js";

const INSPECT_DEADLINE_MS = 120_000;

/** `crier inspect`: read one source, print its normalized articles; nothing is stored or written. */
export async function runInspect(args: string[], values: ParsedOptions, io: CliIo): Promise<number> {
  const { source, configDir, timezone, settings, textFile } = await resolveInspectSource(args, values);
  const fetcher = createFetcher(settings);
  const now = new Date();
  try {
    const context: SourceContext = {
      configDir,
      fetcher,
      now,
      etag: null,
      lastModified: null,
      isKnownUrl: () => false,
      signal: AbortSignal.timeout(INSPECT_DEADLINE_MS),
      encoding: source.encoding,
      maxBytes: settings.maxBytes,
      log: (message) => io.stderr(`crier: ${withoutCredentials(message)}\n`),
    };
    const read =
      source.type === "files" && textFile !== null
        ? await readNamedFile(source, textFile, context)
        : await readSource(source, context);
    for (const warning of read.feed.warnings) io.stderr(`crier: warning: ${withoutCredentials(warning)}\n`);
    const articles = normalizeSourceItems(source, read, { defaultTimezone: timezone, now, stored: [] });
    if (values.json) io.stdout(`${JSON.stringify(articles, null, 2)}\n`);
    else io.stderr(formatArticles(articles, read.feed.title));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // The source itself failed (network, HTTP, parse): exit 2 like a failed source in `build --strict`.
    // Shown like build shows it: without credentials from the source's URL.
    const location = "url" in source ? source.url : source.path;
    const message = (error as Error).message;
    // Local path errors already start with the path.
    const prefix = message.startsWith(`${location}: `) ? "" : `${withoutCredentials(location)}: `;
    io.stderr(withoutCredentials(`crier: ${prefix}${message}\n`));
    return 2;
  } finally {
    await fetcher.close();
  }
}

/**
 * A file named on the command line: a path, not a files source's glob, so exactly that file is read. The
 * adapter loads on first use, as in readSource.
 */
async function readNamedFile(source: FilesSourceConfig, file: string, context: SourceContext) {
  const { readSingleFile } = await import("../sources/files/readFilesSource.js");
  return readSingleFile(source, file, context);
}

async function resolveInspectSource(args: string[], values: ParsedOptions) {
  if (values.source !== undefined) {
    const misplaced = AD_HOC_OPTIONS.filter((key) => values[key] !== undefined).map((key) => `--${key}`);
    if (args.length > 0 || misplaced.length > 0) {
      const extra = [...args.map((arg) => `"${arg}"`), ...misplaced].join(", ");
      throw new UsageError(
        `inspect --source ID takes the source from the config: no URL or file and no ${AD_HOC_OPTIONS.map((k) => `--${k}`).join("/")} (got ${extra})`,
      );
    }
    const loaded = await loadConfig(path.resolve(values.config ?? "feeds.config.json"));
    const source = loaded.config.sources.find((s) => s.id === values.source);
    if (!source) {
      const ids = loaded.config.sources.map((s) => s.id).join(", ");
      throw new UsageError(`no source "${values.source}" in ${loaded.file}; expected one of: ${ids}`);
    }
    return {
      source,
      configDir: loaded.dir,
      timezone: loaded.config.timezone,
      settings: fetchSettings(loaded.config),
      textFile: null,
    };
  }
  const target = args[0];
  if (!target || args.length > 1) {
    throw new UsageError("inspect takes exactly one URL or file (or --source ID)");
  }
  if (values.config !== undefined) {
    throw new UsageError(
      "inspect reads --config only with --source ID; a URL or file is inspected without one",
    );
  }
  const local = await localTarget(target);
  const location = local ? path.basename(local) : target;
  const configDir = local ? path.dirname(local) : process.cwd();
  const type =
    values.type ?? (values.item ? "html" : local && /\.(txt|md|markdown)$/i.test(local) ? "text" : "feed");
  const selectors = HTML_OPTIONS.filter((key) => values[key] !== undefined).map((key) => `--${key}`);
  if (type !== "html" && selectors.length > 0) {
    const verb = selectors.length > 1 ? "apply" : "applies";
    throw new UsageError(
      values.type === undefined
        ? `${selectors.join(", ")} only ${verb} to an html list: add --item SEL (or --type html)`
        : `${selectors.join(", ")} only ${verb} to --type html (got --type ${type})`,
    );
  }
  const common = {
    id: "inspect",
    encoding: values.encoding,
    timezone: values.timezone,
    transforms: (values.transform ?? []).map((pattern) => ({ pattern })),
  };
  let candidate: unknown;
  if (type === "feed") candidate = { type: "feed", url: location, ...common };
  else if (type === "text") {
    if (!local) throw new UsageError("--type text reads a local file, not a URL");
    candidate = { type: "files", path: location, ...common };
  } else if (type === "html") {
    if (!values.item || !values.title) throw new UsageError("--type html needs --item and --title selectors");
    candidate = {
      type: "html",
      url: location,
      ...common,
      list: {
        item: values.item,
        title: values.title,
        link: values.link,
        date: values.date,
        summary: values.summary,
      },
      ...(values.content ? { detail: { content: values.content } } : {}),
    };
  } else {
    throw new UsageError(`--type must be feed, html or text (got "${type}")`);
  }
  const parsed = sourceSchema.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join(".") || "source"}: ${i.message}`)
      .join("; ");
    throw new UsageError(`invalid inspect options: ${problems}`);
  }
  const fetchDefaults = configSchema.shape.fetch.parse(undefined);
  return {
    source: parsed.data as SourceConfig,
    configDir,
    textFile: type === "text" ? location : null,
    timezone: values.timezone ?? "UTC",
    settings: {
      ...fetchDefaults,
      userAgent: fetchDefaults.userAgent ?? defaultUserAgent(VERSION, "https://www.npmjs.com/package/crier"),
    },
  };
}

/**
 * The file an inspect argument names (null for an http(s) URL): a path or a file: URL, wherever it is. It
 * has no config folder to stay in, so the file's real folder serves as one: a symlink to a file elsewhere
 * is read like the file itself.
 */
async function localTarget(target: string): Promise<string | null> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1]?.toLowerCase();
  if (scheme === "http" || scheme === "https") return null;
  let file: string;
  if (scheme === "file") {
    try {
      file = fileURLToPath(target);
    } catch (error) {
      throw new UsageError(`${target}: not a usable file: URL (${(error as Error).message})`);
    }
  } else if (scheme !== undefined) {
    const hint = target.includes("://") ? "" : ` (a local file whose name has a colon: ./${target})`;
    throw new UsageError(`inspect reads http(s) URLs, file: URLs and local files, not "${scheme}:"${hint}`);
  } else {
    file = path.resolve(target);
  }
  // A missing file keeps its path: reading it then reports "no such file" like any unreadable source.
  return realpath(file).catch(() => file);
}

function formatArticles(articles: Article[], feedTitle: string | undefined): string {
  const lines = [`${feedTitle ? `${feedTitle}: ` : ""}${articles.length} article(s)`, ""];
  for (const article of articles) {
    lines.push(`* ${article.title || "(untitled)"}`);
    lines.push(`  date: ${article.published ?? "(undated)"}   id: ${article.id}`);
    if (article.url) lines.push(`  url:  ${article.url}`);
    if (article.summary)
      lines.push(`  ${article.summary.slice(0, 160)}${article.summary.length > 160 ? "…" : ""}`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
