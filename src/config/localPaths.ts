import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isHttpUrl } from "./urls.js";

// Local sources must stay inside the config folder. The build enforces it on the real files
// (src/sources/load.ts resolveLocalPath, src/sources/files/readFilesSource.ts containedPattern); the config
// check applies the same rules to the path text only, so `crier check` refuses what every build refuses. It
// cannot see symlinks: one pointing out is still refused by the build alone.

/** Stands for the config folder when it is unknown: a relative path that leaves it leaves any folder. */
const SOME_FOLDER = "/crier-config-folder";

/**
 * Why a feed/html `url` that is a local path or file: URL, or a files `path` glob, would be refused by the
 * build, or null. `dirs` are the config folder as written and its real path (what the build compares
 * with); without them, absolute paths are not judged.
 */
export function localPathProblem(
  kind: "url" | "files",
  value: string,
  dirs: readonly string[] | null,
): string | null {
  const where = dirs ? `the config folder ${dirs[0]}` : "the config folder";
  if (kind === "files") {
    if (globClimbsOut(value)) {
      return `".." is not allowed: the glob must stay inside ${where}`;
    }
    if (!path.isAbsolute(value) || !dirs) return null;
    const inside = dirs.some((dir) => {
      const relative = path.relative(dir, value);
      return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
    });
    return inside ? null : `absolute path outside ${where}; use a path relative to it`;
  }
  if (isHttpUrl(value)) return null;
  const isFileUrl = value.startsWith("file:");
  const absolute = isFileUrl ? /^file:[\\/]/i.test(value) : path.isAbsolute(value);
  if (absolute && !dirs) return null;
  const base = dirs?.[0] ?? SOME_FOLDER;
  let candidate: string;
  try {
    candidate = isFileUrl
      ? fileURLToPath(new URL(value, pathToFileURL(`${base}${path.sep}`)))
      : path.resolve(base, value);
  } catch (error) {
    return `not a usable file: URL (${(error as Error).message})`;
  }
  const inside = (dirs ?? [SOME_FOLDER]).some((dir) => isInside(candidate, dir));
  return inside ? null : `resolves outside ${where}; local sources must stay inside it`;
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** The problems of every source's local path, with their JSON paths (sources that are not objects are skipped). */
export function localPathIssues(
  input: unknown,
  dirs: readonly string[] | null,
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const sources = (input as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(sources)) return issues;
  sources.forEach((source: unknown, index) => {
    const s = (source ?? {}) as { type?: unknown; url?: unknown; path?: unknown };
    const field =
      (s.type === "feed" || s.type === "html") && typeof s.url === "string" && s.url !== ""
        ? { key: "url", kind: "url" as const, value: s.url }
        : s.type === "files" && typeof s.path === "string" && s.path !== ""
          ? { key: "path", kind: "files" as const, value: s.path }
          : null;
    if (!field) return;
    const problem = localPathProblem(field.kind, field.value, dirs);
    if (problem) issues.push({ path: ["sources", index, field.key], message: problem });
  });
  return issues;
}

/**
 * Whether a files glob has a `..` segment, with `\` read as a separator or as the glob escape (the glob
 * reads `\.\.` as `..`). `crier check` and the files reader refuse such patterns alike.
 */
export function globClimbsOut(pattern: string): boolean {
  const unescaped = pattern.split("/").map((segment) => segment.replace(/\\(.)/g, "$1"));
  return pattern.split(/[\\/]+/).includes("..") || unescaped.includes("..");
}
