import { createHash } from "node:crypto";
import { readFile, realpath, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { VERSION } from "../version.js";
import { DEFAULT_STATE_DIR } from "./defaults.js";
import { ConfigError } from "./errors.js";
import type { Config } from "./schema.js";
import { sourceConfigDigests } from "./sourceDigest.js";

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the config file. */
  file: string;
  /** Folder of the config file: relative paths in the config resolve against it. */
  dir: string;
  /**
   * Set by loadConfig: what a later run can reuse instead of validating this text again (the build stores
   * it in the state folder); `hit` when this run reused it.
   */
  validated?: { key: string; hit: boolean };
  /** Each source's sourceConfigDigest, when the validated config that was reused came with them. */
  sourceDigests?: Readonly<Record<string, string>>;
}

export interface LoadConfigOptions {
  /**
   * Reuse the validated config a build stored in the state folder (`config.cache.json`) when the text,
   * crier and its schema are unchanged. Only `build` asks: zod's ~95 modules and the validation cost
   * ~0.15 s, a large share of a no-change build. `state` is the --state override, if any.
   */
  reuseValidated?: { state?: string };
}

/** The file a build stores the validated config in, inside the state folder. */
export const VALIDATED_CONFIG_FILE = "config.cache.json";
const CACHE_FORMAT = "crier-validated-config";

export async function loadConfig(file: string, options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    throw new ConfigError(absolute, [{ path: "", message: await unreadableConfig(absolute, error) }]);
  }
  const dir = path.dirname(absolute);
  // The build compares local source paths with the folder's real path as well (a symlinked folder); the
  // verdict depends on the folder, so a copied project with its state is validated again.
  const real = await realpath(dir).catch(() => dir);
  const configDirs = real === dir ? [dir] : [dir, real];
  const key = await validationKey(text, undefined, configDirs);
  if (options.reuseValidated) {
    const cached = await readValidated(validatedConfigFile(text, dir, options.reuseValidated.state), key);
    if (cached) {
      return {
        config: cached.config,
        file: absolute,
        dir,
        validated: { key, hit: true },
        ...(cached.digests ? { sourceDigests: cached.digests } : {}),
      };
    }
  }
  const { parseConfigText } = await import("./validate.js");
  const config = parseConfigText(text, absolute, { configDirs });
  return { config, file: absolute, dir, validated: { key, hit: false } };
}

/** Why the config file cannot be read, and what to pass instead (`--config DIR`, `--config=` is the cwd). */
async function unreadableConfig(file: string, error: unknown): Promise<string> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "file not found; pass --config FILE or create feeds.config.json";
  if (code === "EISDIR") {
    const inside = path.join(file, "feeds.config.json");
    const found = await stat(inside).then(
      (s) => s.isFile(),
      () => false,
    );
    return `${file} is a folder, not a config file; ${found ? `pass --config ${inside}` : "pass --config FILE with the path of the JSON config file"}`;
  }
  if (code === "EACCES" || code === "EPERM") return `${file} cannot be read: permission denied`;
  if (code === "ENOTDIR")
    return `file not found: a part of ${file} is a file, not a folder; pass --config FILE`;
  return `${file} cannot be read: ${(error as Error)?.message ?? String(error)}`;
}

/**
 * What the build writes to `<state>/config.cache.json` once it holds the lock: the key (hash of the text,
 * crier's version, the schema module and the time zone data the zone check used) and the validated config.
 */
export function validatedConfigRecord(loaded: LoadedConfig): string | null {
  if (!loaded.validated || loaded.validated.hit) return null;
  const digests = sourceConfigDigests(loaded.config);
  return `${JSON.stringify({ format: CACHE_FORMAT, key: loaded.validated.key, config: loaded.config, digests })}\n`;
}

/**
 * Files whose change may change what validation accepts: the schema module (a rebuilt or upgraded crier)
 * and the entry files of the libraries it validates with (zod; node-cron for `schedule`; cheerio, whose
 * selector engine checks html selectors), which a reinstall or an upgrade rewrites even when crier itself
 * is not rebuilt.
 */
export function validatorFiles(): string[] {
  const files = [fileURLToPath(new URL("./schema.js", import.meta.url))];
  const require = createRequire(import.meta.url);
  for (const library of ["zod", "node-cron", "cheerio"]) {
    try {
      files.push(require.resolve(library));
    } catch {
      files.push(`missing:${library}`);
    }
  }
  return files;
}

/** The cache key of a config text: its hash with crier's version, the validator files' stamps and ICU/tz. */
export async function validationKey(
  text: string,
  files: readonly string[] = validatorFiles(),
  /** The config folder as written and its real path: local paths are judged against them. */
  configDirs: readonly string[] = [],
): Promise<string> {
  const stamps = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (s) => `${file}:${s.size}:${s.mtimeMs}`,
        () => `${file}:none`,
      ),
    ),
  );
  return createHash("sha256")
    .update(
      [VERSION, ...stamps, process.versions.icu ?? "", process.versions.tz ?? "", ...configDirs, text].join(
        "\u0000",
      ),
    )
    .digest("hex");
}

/** Where the state folder is, read from the unvalidated text (a wrong guess only means no reuse). */
function validatedConfigFile(text: string, dir: string, stateOverride: string | undefined): string | null {
  if (stateOverride) return path.join(path.resolve(stateOverride), VALIDATED_CONFIG_FILE);
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return null;
  }
  const state = (json as { state?: { dir?: unknown } } | null)?.state;
  const stateDir = state?.dir === undefined ? DEFAULT_STATE_DIR : state.dir;
  if (typeof stateDir !== "string" || stateDir === "") return null;
  return path.join(path.resolve(dir, stateDir), VALIDATED_CONFIG_FILE);
}

async function readValidated(
  file: string | null,
  key: string,
): Promise<{ config: Config; digests: Record<string, string> | null } | null> {
  if (!file) return null;
  try {
    const record = JSON.parse(await readFile(file, "utf8")) as {
      format?: unknown;
      key?: unknown;
      config?: unknown;
      digests?: unknown;
    };
    if (record.format !== CACHE_FORMAT || record.key !== key) return null;
    if (typeof record.config !== "object" || record.config === null) return null;
    const config = record.config as Config;
    return { config, digests: digestsFor(config, record.digests) };
  } catch {
    return null;
  }
}

/** The cached digests when they cover every source as strings (else the build computes them). */
function digestsFor(config: Config, digests: unknown): Record<string, string> | null {
  if (typeof digests !== "object" || digests === null || !Array.isArray(config.sources)) return null;
  const byId = digests as Record<string, unknown>;
  for (const source of config.sources) if (typeof byId[source?.id] !== "string") return null;
  return byId as Record<string, string>;
}
