import { readFile, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { isNotFound, syncDirectory, writeFileAtomic } from "./atomic.js";
import { type IndexEntry, parseIndex, serializeIndex } from "./sourceIndex.js";

// The sources index on disk, for one store (one build). Protocol, so that it is never trusted stale:
//  - it is read once, lazily, and trusted only if it names the current format and the sources folder's
//    stamp (inode + mtime) is the one it recorded;
//  - before the store first changes anything in the sources folder, the index file is deleted (and the
//    deletion made durable), so a build killed at any later moment leaves no index at all;
//  - flush() writes it back (atomically) from what this store read and wrote, only when that differs from
//    the file, so a build that changed nothing writes nothing.

export interface IndexFile {
  /**
   * The index file's entry for `id` when the file is trusted and this store has not read or written that
   * source's file itself (then the file is newer news: the caller reads it).
   */
  lookup(id: string): Promise<IndexEntry | undefined>;
  /** Records what the per-source file of `id` now holds; null: unknown (it is left out of the index). */
  remember(id: string, entry: IndexEntry | null): void;
  /** Runs a change of the sources folder: the index file is gone before `change` starts. */
  changing<T>(change: () => Promise<T>): Promise<T>;
  /** Writes the index of every source read or written so far. True when the file was written. */
  flush(): Promise<boolean>;
}

export function openIndexFile(file: string, sourcesDir: string): IndexFile {
  // What the per-source files hold, for the next index: from the index file, or what this store read or
  // wrote (null: unknown, left out).
  const known = new Map<string, IndexEntry | null>();
  const touched = new Set<string>();
  let onDisk: Promise<Map<string, IndexEntry> | null> | undefined;
  /** The index file's text as this store last saw or left it (null: none; undefined: not read yet). */
  let diskText: string | null | undefined;
  /** False once this store deleted the file (until flush writes it again). */
  let mayExist = true;
  let deleting: Promise<void> | undefined;
  let changesInFlight = 0;

  const read = async (): Promise<Map<string, IndexEntry> | null> => {
    const [text, stamp] = await Promise.all([
      readFile(file, "utf8").catch(() => null),
      sourcesStamp(sourcesDir),
    ]);
    diskText ??= text;
    if (text === null || stamp === null) return null;
    const index = parseIndex(text);
    return index !== null && index.sourcesStamp === stamp ? index.entries : null;
  };

  const deleteOnce = (): Promise<void> => {
    if (!mayExist) return deleting ?? Promise.resolve();
    mayExist = false;
    deleting = (async () => {
      try {
        await unlink(file);
      } catch (error) {
        if (isNotFound(error)) {
          diskText = null;
          return;
        }
        mayExist = true;
        throw error;
      }
      diskText = null;
      // Durable before any per-source file changes: power loss must not bring the index back.
      await syncDirectory(dirname(file));
    })();
    return deleting;
  };

  return {
    async lookup(id) {
      if (touched.has(id)) return undefined;
      // Read while this store has changed nothing yet; once it deleted the file, there is none.
      onDisk ??= mayExist ? read() : Promise.resolve(null);
      const fromFile = (await onDisk)?.get(id);
      // A source this store read or wrote meanwhile: the index file is older news.
      if (!fromFile || touched.has(id)) return undefined;
      known.set(id, fromFile);
      return fromFile;
    },

    remember(id, entry) {
      touched.add(id);
      known.set(id, entry);
    },

    async changing(change) {
      changesInFlight++;
      try {
        await deleteOnce();
        return await change();
      } finally {
        changesInFlight--;
      }
    },

    async flush() {
      // Never describe a folder that is still changing.
      if (changesInFlight > 0) return false;
      const stamp = await sourcesStamp(sourcesDir);
      if (stamp === null) return false;
      const entries = new Map<string, IndexEntry>();
      for (const [id, entry] of known) if (entry) entries.set(id, entry);
      const text = serializeIndex({ sourcesStamp: stamp, entries });
      if (mayExist) {
        diskText ??= await readFile(file, "utf8").catch(() => null);
        if (diskText === text) return false;
      }
      diskText = undefined;
      await writeFileAtomic(file, text);
      diskText = text;
      mayExist = true;
      deleting = undefined;
      return true;
    },
  };
}

/** Inode and mtime (ns) of the sources folder, or null when it does not exist. */
async function sourcesStamp(dir: string): Promise<string | null> {
  try {
    const info = await stat(dir, { bigint: true });
    return `${info.ino}:${info.mtimeNs}`;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
