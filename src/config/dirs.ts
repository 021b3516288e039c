import { realpathSync } from "node:fs";
import path from "node:path";
import { DEFAULT_STATE_DIR } from "./defaults.js";
import { ConfigError } from "./errors.js";

// The output folder is what the web server publishes; the state folder holds config.cache.json (the whole
// config, credentials in source URLs included) and status.json. So the state folder may be neither the
// output folder nor inside it. `crier check` judges output.dir and state.dir as written; the build judges
// the folders it will use (--out/--state included), also by their real paths, before it writes anything.

/** Stands for the config folder when it is unknown: two relative folders compare alike under any folder. */
const SOME_FOLDER = "/crier-config-folder";

/** The check of `crier check`: output.dir and state.dir as written, against the config folder if known. */
export function stateDirIssues(
  input: unknown,
  dirs: readonly string[] | null,
): { path: (string | number)[]; message: string }[] {
  const root = (input ?? {}) as { output?: { dir?: unknown }; state?: { dir?: unknown } };
  const output = root.output?.dir ?? "output";
  const state = root.state?.dir ?? DEFAULT_STATE_DIR;
  if (typeof output !== "string" || typeof state !== "string" || output === "" || state === "") return [];
  const base = dirs?.[0] ?? SOME_FOLDER;
  const relation = containment(path.resolve(base, output), path.resolve(base, state));
  if (relation === null) return [];
  return [
    {
      path: ["state", "dir"],
      message: published(relation, JSON.stringify(state), `output.dir ${JSON.stringify(output)}`),
    },
  ];
}

/**
 * For the build, before it creates or writes anything: refuses a state folder the output folder would
 * publish, by the absolute paths it will use and by their real paths (a symlinked folder), as a config
 * error (exit 1). `overridden` says which folder came from --out/--state.
 */
export function assertStateNotPublished(
  dirs: { outDir: string; stateDir: string },
  overridden: { out: boolean; state: boolean },
  configFile: string,
): void {
  let { outDir, stateDir } = dirs;
  let relation = containment(outDir, stateDir);
  if (relation === null) {
    [outDir, stateDir] = [realOrSelf(outDir), realOrSelf(stateDir)];
    relation = containment(outDir, stateDir);
  }
  if (relation === null) return;
  const field = overridden.state ? "--state" : "state.dir";
  const message = published(relation, stateDir, `${outDir} (${overridden.out ? "--out" : "output.dir"})`);
  throw new ConfigError(configFile, [{ path: field, message }]);
}

function published(relation: "same" | "inside", state: string, output: string): string {
  return (
    `${state} is ${relation === "same" ? "the same folder as" : "inside"} the output folder ${output}, ` +
    "which is published: status.json and config.cache.json (the whole config, credentials in source URLs " +
    'included) would be served; keep them apart, e.g. output.dir "output" and state.dir ".crier"'
  );
}

function containment(outDir: string, stateDir: string): "same" | "inside" | null {
  const relative = path.relative(outDir, stateDir);
  if (relative === "") return "same";
  const climbs = relative === ".." || relative.startsWith(`..${path.sep}`);
  return climbs || path.isAbsolute(relative) ? null : "inside";
}

/** The real path of the deepest existing ancestor with the rest appended: the folders need not exist yet. */
function realOrSelf(dir: string): string {
  const rest: string[] = [];
  for (let existing = dir; ; existing = path.dirname(existing)) {
    try {
      return path.join(realpathSync(existing), ...rest);
    } catch {
      if (path.dirname(existing) === existing) return dir;
      rest.unshift(path.basename(existing));
    }
  }
}
