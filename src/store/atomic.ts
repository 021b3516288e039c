import { randomBytes } from "node:crypto";
import { lstat, mkdir, open, readdir, readFile, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import { isProcessAlive, startedAfter } from "./processAlive.js";

// Crash-safe file replacement: readers (web servers, the next build) see either the old or the new complete
// file, never a torn one, even when the writer is killed with -9 mid-write.

/** Temp files this process is writing right now; a temp file with our own pid but not in here is stale. */
const activeTempFiles = new Set<string>();

/** `.feed.xml.1234.9f3a1c2b.tmp`: hidden, names its target, the writer's pid and a random part. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.([0-9a-f]{8,})\.tmp$/;

export function tempFileName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Writes data to a temp file next to `file`, fsyncs it, renames it over `file` and fsyncs the folder. */
export async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  await (await stageFile(file, data)).commit();
}

/**
 * Writes only when the bytes differ from what is on disk, so an unchanged feed keeps its mtime (and web
 * servers keep answering 304). Returns whether the file was written.
 */
export async function writeFileIfChanged(file: string, data: string | Buffer): Promise<boolean> {
  const staged = await stageFileIfChanged(file, data);
  await staged?.commit();
  return staged !== null;
}

/** A file written to its temp name and fsynced, not yet renamed into place. */
export interface StagedFile {
  /** Renames it over its target and fsyncs the folder; on failure the temp file is gone too. */
  commit(): Promise<void>;
  /** Deletes the temp file; the target stays as it was. */
  discard(): Promise<void>;
}

/**
 * The first half of writeFileIfChanged: null when the bytes on disk are already `data`, else the new
 * bytes staged next to `file`. Staging every file of a publish before renaming any of them means a full
 * disk or a read-only folder found on the last file leaves every earlier file as it was.
 */
export async function stageFileIfChanged(file: string, data: string | Buffer): Promise<StagedFile | null> {
  const next = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  if (await holdsBytes(file, next)) return null;
  return stageFile(file, next);
}

/**
 * Whether `file` already holds exactly `bytes`. A FIFO, socket or device there is replaced without being
 * read: reading a FIFO waits for a writer, which held up the publish for good. A folder is read, to fail
 * (EISDIR) while staging, before any file of the publish is renamed.
 */
async function holdsBytes(file: string, bytes: Buffer): Promise<boolean> {
  let info: import("node:fs").Stats;
  try {
    info = await stat(file);
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
  if (info.isFile() ? info.size !== bytes.length : !info.isDirectory()) return false;
  return (await readFile(file)).equals(bytes);
}

/** `data` written to a temp file next to `file` and fsynced; the temp file is removed on any failure. */
export async function stageFile(file: string, data: string | Buffer): Promise<StagedFile> {
  const temp = tempFileName(file);
  activeTempFiles.add(temp);
  const discard = async () => {
    await unlink(temp).catch(() => undefined);
    activeTempFiles.delete(temp);
  };
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await discard();
    throw withPath(error, file, temp);
  }
  return {
    async commit() {
      try {
        await rename(temp, file);
      } catch (error) {
        await discard();
        throw withPath(error, file, temp);
      }
      activeTempFiles.delete(temp);
      await syncDirectory(dirname(file));
    },
    discard,
  };
}

/**
 * The error of writing `file` through its temp file `temp`, naming `file`: a write or fsync error names no
 * file at all ("ENOSPC: no space left on device, write"; it gets `file` in Node's own form), and one of the
 * temp file names a file the user has never heard of (its message keeps that name).
 */
export function withPath(error: unknown, file: string, temp?: string): unknown {
  const nodeError = error as NodeJS.ErrnoException | null;
  if (!(error instanceof Error) || typeof nodeError?.code !== "string") return error;
  if (nodeError.path === undefined) {
    nodeError.path = file;
    error.message = `${error.message} '${file}'`;
  } else if (nodeError.path === temp) {
    nodeError.path = file;
  }
  return error;
}

/**
 * Deletes temp files left behind by writers that died (a build killed with -9 mid-write). Temp files of
 * live processes are left alone. Returns the removed paths.
 */
export async function removeStaleTempFiles(
  dir: string,
  options: { recursive?: boolean } = {},
): Promise<string[]> {
  const removed: string[] = [];
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isNotFound(error)) return removed;
    throw error;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (options.recursive) removed.push(...(await removeStaleTempFiles(join(dir, entry.name), options)));
      continue;
    }
    if (!entry.isFile()) continue;
    const match = TEMP_NAME.exec(entry.name);
    if (!match) continue;
    const path = join(dir, entry.name);
    const pid = Number(match[2]);
    // Our own pid: stale unless we are writing it now (a restarted container often reuses the same pid).
    // Another live pid: stale if that process started after the file was last written (a reused pid).
    const stale =
      pid === process.pid
        ? !activeTempFiles.has(path)
        : !isProcessAlive(pid) || startedAfter(pid, await modifiedAt(path));
    if (!stale) continue;
    try {
      await unlink(path);
      removed.push(path);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return removed;
}

/** A file's mtime in ms, or NaN when it is gone. */
async function modifiedAt(path: string): Promise<number> {
  return stat(path).then(
    (info) => info.mtimeMs,
    () => Number.NaN,
  );
}

/**
 * A file-system problem the user can fix, shaped like Node's own errors (code, path), so the CLI reports it
 * as one line with exit 1 instead of an internal error.
 */
export function fsProblem(code: string, path: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${path} ${message}`), { code, path, detail: message });
}

/**
 * Creates `dir` (and parents). Refuses a path that exists as something other than a folder, and — when
 * `within` is given — a folder that is, or resolves through a symlink to, a place outside `within`.
 */
export async function ensureDir(dir: string, options: { within?: string } = {}): Promise<void> {
  const absolute = resolve(dir);
  try {
    const info = await lstat(absolute);
    if (info.isSymbolicLink()) {
      const target = await stat(absolute).catch(() => null);
      if (!target?.isDirectory()) {
        throw fsProblem("ENOTDIR", absolute, "is a symlink that does not point to a folder");
      }
    } else if (!info.isDirectory()) {
      throw fsProblem("ENOTDIR", absolute, "exists and is not a folder");
    }
  } catch (error) {
    if (isNotDirectory(error) && !(error as { detail?: string }).detail) {
      throw fsProblem("ENOTDIR", absolute, "cannot be created: a parent is not a folder");
    }
    if (!isNotFound(error)) throw error;
    try {
      await mkdir(absolute, { recursive: true });
    } catch (mkdirError) {
      if ((mkdirError as NodeJS.ErrnoException).code === "EEXIST" || isNotDirectory(mkdirError)) {
        throw fsProblem("ENOTDIR", absolute, "cannot be created: a parent is not a folder");
      }
      // A recursive mkdir on a read-only file system says ENOENT: one level at a time says EROFS.
      if (isNotFound(mkdirError)) await mkdirLevels(absolute);
      else throw mkdirError;
    }
  }
  if (options.within !== undefined) {
    const root = await realpath(resolve(options.within));
    const real = await realpath(absolute);
    if (real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep)) {
      throw fsProblem("EXDEV", absolute, `resolves to ${real}, outside ${root}`);
    }
  }
}

/** Makes the rename durable. Some platforms cannot fsync a folder; that is not worth failing a write for. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: import("node:fs/promises").FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // EISDIR/EPERM/EINVAL on some systems: the data itself is already synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
}

function isNotDirectory(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOTDIR";
}

/** Creates the missing folders of `absolute` one level at a time, so a failure carries its real cause. */
async function mkdirLevels(absolute: string): Promise<void> {
  const missing: string[] = [];
  for (let dir = absolute; ; dir = dirname(dir)) {
    if (
      await lstat(dir).then(
        () => true,
        () => false,
      )
    )
      break;
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
  }
}

/** Throws (as ensureDir would) when `dir` exists but is not a folder or a symlink to one. */
export async function assertFolderOrAbsent(dir: string): Promise<void> {
  const info = await lstat(dir).catch((error) => {
    if (isNotFound(error)) return null;
    throw error;
  });
  if (info && !info.isDirectory()) await ensureDir(dir);
}
