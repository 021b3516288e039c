import { readdir, readFile, rename } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ensureDir, isNotFound, writeFileAtomic } from "./atomic.js";
import { emptySourceState } from "./record.js";
import { buildStatusSchema, describeIssues, STATE_FORMAT_VERSION, sourceStateSchema } from "./schema.js";
import type { BuildStatus, SourceState } from "./types.js";

// The state folder on disk:
//   <dir>/sources/<id>.json   one file per source ({ version, ...SourceState })
//   <dir>/status.json         the last build's BuildStatus
//   <dir>/crier.lock          the single-instance lock (src/worker/lock.ts)

const SOURCE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface LoadedSourceState {
  state: SourceState;
  /** Why the stored state could not be used (it was moved aside and a fresh state returned), else null. */
  problem: string | null;
}

export interface StateStore {
  readonly dir: string;
  /** Never throws on bad content: a corrupt file becomes a fresh state, a `problem` and a `.corrupt-*` copy. */
  loadSource(id: string): Promise<LoadedSourceState>;
  saveSource(state: SourceState): Promise<void>;
  /** Ids that have a state file (sources removed from the config included). */
  listSourceIds(): Promise<string[]>;
  /** The last build's status, or null when there is none or it is unreadable. */
  readStatus(): Promise<BuildStatus | null>;
  writeStatus(status: BuildStatus): Promise<void>;
}

export interface StateStoreOptions {
  /** Clock for `.corrupt-<timestamp>` names (tests). */
  now?: () => Date;
}

export function openStateStore(dir: string, options: StateStoreOptions = {}): StateStore {
  const root = resolve(dir);
  const sourcesDir = join(root, "sources");
  const statusFile = join(root, "status.json");
  const now = options.now ?? (() => new Date());

  const sourceFile = (id: string): string => {
    if (!SOURCE_ID.test(id)) throw new TypeError(`invalid source id ${JSON.stringify(id)} (expected a slug)`);
    return join(sourcesDir, `${id}.json`);
  };

  return {
    dir: root,

    async loadSource(id) {
      const file = sourceFile(id);
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        if (isNotFound(error)) return { state: emptySourceState(id), problem: null };
        return { state: emptySourceState(id), problem: `cannot read ${file}: ${errorMessage(error)}` };
      }
      const parsed = parseSourceState(id, text);
      if (typeof parsed !== "string") return { state: parsed, problem: null };
      const aside = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, "-")}`;
      const kept = await rename(file, aside).then(
        () => `kept as ${aside}`,
        (error) => `could not move it aside: ${errorMessage(error)}`,
      );
      return {
        state: emptySourceState(id),
        problem: `state file ${file} ${parsed}; starting fresh (${kept})`,
      };
    },

    async saveSource(state) {
      const file = sourceFile(state.id);
      await ensureDir(sourcesDir);
      await writeFileAtomic(
        file,
        `${JSON.stringify({ version: STATE_FORMAT_VERSION, ...state }, null, 2)}\n`,
      );
    },

    async listSourceIds() {
      try {
        const names = await readdir(sourcesDir);
        return names
          .filter((name) => name.endsWith(".json"))
          .map((name) => name.slice(0, -".json".length))
          .filter((id) => SOURCE_ID.test(id))
          .sort();
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
    },

    async readStatus() {
      try {
        const result = buildStatusSchema.safeParse(JSON.parse(await readFile(statusFile, "utf8")));
        return result.success ? result.data : null;
      } catch {
        return null;
      }
    },

    async writeStatus(status) {
      await ensureDir(root);
      await writeFileAtomic(statusFile, `${JSON.stringify(status, null, 2)}\n`);
    },
  };
}

/** The state, or a phrase saying what is wrong with the text ("is not valid JSON: …"). */
export function parseSourceState(id: string, text: string): SourceState | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return text.trim() === "" ? "is empty" : `is not valid JSON (${errorMessage(error)})`;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "is not a JSON object";
  const { version, ...rest } = json as { version?: unknown };
  if (typeof version !== "number" || !Number.isInteger(version)) return "has no format version";
  if (version > STATE_FORMAT_VERSION) {
    return `was written by a newer crier (format ${version}, this one reads ${STATE_FORMAT_VERSION})`;
  }
  const migrated = migrate(version, rest);
  const result = sourceStateSchema.safeParse(migrated);
  if (!result.success) return `has an unexpected shape (${describeIssues(result.error)})`;
  if (result.data.id !== id) return `belongs to source "${result.data.id}", not "${id}"`;
  return result.data;
}

/** Older formats → current. Only format 1 exists so far. */
function migrate(_version: number, data: Record<string, unknown>): Record<string, unknown> {
  return data;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
