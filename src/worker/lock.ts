import { randomBytes } from "node:crypto";
import { readFileSync, unlinkSync } from "node:fs";
import { link, open, readFile, stat, unlink } from "node:fs/promises";
import { hostname as osHostname } from "node:os";
import { join } from "node:path";
import { ensureDir, isNotFound, tempFileName, withPath } from "../store/atomic.js";
import { bootId, isProcessAlive, processStartTicks, startedAfter } from "../store/processAlive.js";

// Single-instance lock on the state folder: one build (or watch worker) at a time.
//
// The lock file is created complete and in one step (written to a private temp file, then hard-linked to
// crier.lock, which fails if it exists), so nobody ever reads a half-written lock. A lock whose holder is
// dead is taken over under a short-lived second lock (crier.lock.takeover) so that two processes that both
// found it stale cannot both win: only one can remove it, and the removal re-checks it is still the stale one.

export const LOCK_FILE = "crier.lock";
/** A takeover lock older than this belongs to a taker that died mid-takeover (it takes milliseconds). */
const TAKEOVER_ABANDONED_MS = 10_000;

export interface LockInfo {
  pid: number;
  hostname: string;
  /** ISO time the lock was taken. */
  startedAt: string;
  /** Random token: tells this holding apart from an earlier one with the same pid. */
  token: string;
  /**
   * Linux: the kernel's boot id and the holder's start time in clock ticks since boot. A live process with
   * the holder's pid but another start time (or a lock from an earlier boot) means the pid was reused.
   */
  bootId?: string;
  startTicks?: number;
}

export interface Lock {
  readonly path: string;
  readonly info: LockInfo;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): Promise<void>;
  /** Synchronous release for process "exit" handlers. */
  releaseSync(): void;
}

export interface AcquireLockOptions {
  /** The lock file's name in the state folder (default crier.lock, the build lock). */
  file?: string;
  /** How long to wait for a live holder to finish (default 0: fail at once). */
  waitMs?: number;
  signal?: AbortSignal;
  /** Tests: pretend to be on another host / at another time. */
  hostname?: string;
  now?: () => Date;
}

export class LockBusyError extends Error {
  override readonly name = "LockBusyError";
  constructor(
    readonly path: string,
    readonly holder: LockInfo | null,
    readonly heldMs: number | null,
    detail: string,
  ) {
    super(detail);
  }
}

/** Tokens of locks held by this process, so a leftover lock with our own pid (container restart) is stale. */
const heldTokens = new Set<string>();

/** This process's identity beyond its pid, where /proc has it. */
let identity: Pick<LockInfo, "bootId" | "startTicks"> | undefined;
function processIdentity(): Pick<LockInfo, "bootId" | "startTicks"> {
  if (identity === undefined) {
    const boot = bootId();
    const ticks = processStartTicks(process.pid);
    identity = boot !== null && ticks !== null ? { bootId: boot, startTicks: ticks } : {};
  }
  return identity;
}

export async function acquireLock(stateDir: string, options: AcquireLockOptions = {}): Promise<Lock> {
  const path = join(stateDir, options.file ?? LOCK_FILE);
  const host = options.hostname ?? osHostname();
  const now = options.now ?? (() => new Date());
  const waitMs = options.waitMs ?? 0;
  const deadline = Date.now() + waitMs;
  await ensureDir(stateDir);
  let delay = 50;
  for (;;) {
    options.signal?.throwIfAborted();
    const info: LockInfo = {
      pid: process.pid,
      hostname: host,
      startedAt: now().toISOString(),
      token: randomBytes(8).toString("hex"),
      ...processIdentity(),
    };
    if (await tryCreate(path, info)) return holdLock(path, info);
    const current = await readLockInfo(path);
    if (current === "missing") continue; // released between our attempt and the read: try again now
    if (current !== "unreadable" && isStale(current, host)) {
      // Another taker's guard is in the way: a live crier mid-takeover, or a guard it cannot attribute
      // (cleared once 10 s old). Waited for only as long as --wait allows, like any other holder.
      if (!(await takeOver(path, current)) && Date.now() >= deadline) {
        throw takeoverBusyError(path, current, waitMs);
      }
      continue;
    }
    if (Date.now() >= deadline) throw busyError(path, current, host, now(), waitMs);
    await sleep(Math.min(delay, Math.max(0, deadline - Date.now())), options.signal);
    delay = Math.min(delay * 2, 1000);
  }
}

/** Reads the lock file: its content, "missing", or "unreadable" (not crier's format). */
export async function readLockInfo(path: string): Promise<LockInfo | "missing" | "unreadable"> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (isNotFound(error)) return "missing";
    throw error;
  }
  return parseLockInfo(text) ?? "unreadable";
}

function parseLockInfo(text: string): LockInfo | null {
  try {
    const data = JSON.parse(text) as Partial<LockInfo>;
    if (
      typeof data.pid === "number" &&
      typeof data.hostname === "string" &&
      typeof data.startedAt === "string" &&
      typeof data.token === "string"
    ) {
      const { pid, hostname, startedAt, token } = data;
      const identity =
        typeof data.bootId === "string" && typeof data.startTicks === "number"
          ? { bootId: data.bootId, startTicks: data.startTicks }
          : {};
      return { pid, hostname, startedAt, token, ...identity };
    }
  } catch {
    // fall through
  }
  return null;
}

function isStale(info: LockInfo, host: string): boolean {
  // On another host we cannot see the process: never steal (a shared state folder on NFS, say).
  if (info.hostname !== host) return false;
  if (info.pid === process.pid) return !heldTokens.has(info.token);
  if (!isProcessAlive(info.pid)) return true;
  // The pid is in use, by the holder or by an unrelated process that got it after a reboot or a pid wrap.
  const boot = bootId();
  if (info.bootId !== undefined && info.startTicks !== undefined && boot !== null) {
    return info.bootId !== boot || processStartTicks(info.pid) !== info.startTicks;
  }
  // A lock without them (an older crier): a process that started after the lock was taken is not its holder.
  return startedAfter(info.pid, Date.parse(info.startedAt));
}

async function tryCreate(path: string, info: LockInfo): Promise<boolean> {
  // A dotted temp name that removeStaleTempFiles recognizes if we are killed right here.
  const temp = tempFileName(path);
  const handle = await open(temp, "wx").catch((error) => {
    throw withPath(error, path, temp);
  });
  try {
    await handle.writeFile(`${JSON.stringify(info)}\n`);
    await handle.sync();
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw withPath(error, path);
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // File systems without hard links: exclusive create; a reader may then briefly see it empty, which
    // counts as "unreadable" (busy), never as stale.
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP") return createExclusive(path, info);
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function createExclusive(path: string, info: LockInfo): Promise<boolean> {
  let handle: import("node:fs/promises").FileHandle;
  try {
    handle = await open(path, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    await handle.writeFile(`${JSON.stringify(info)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Removes the stale lock `stale` unless someone else already replaced it. The caller then retries. False
 * when another taker's guard was in the way and is still there.
 */
async function takeOver(path: string, stale: LockInfo): Promise<boolean> {
  const guard = `${path}.takeover`;
  const mine: LockInfo = {
    pid: process.pid,
    hostname: stale.hostname,
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString("hex"),
    ...processIdentity(),
  };
  if (!(await tryCreate(guard, mine))) {
    // Another taker is at it; if it died mid-takeover, clear its guard so we do not wait: at once when its
    // process is gone (a pid reused since counts as alive), else once the guard is TAKEOVER_ABANDONED_MS old.
    const taker = await readLockInfo(guard).catch(() => "unreadable" as const);
    const dead =
      typeof taker === "object" &&
      taker.hostname === stale.hostname &&
      taker.pid !== process.pid &&
      !isProcessAlive(taker.pid);
    const age = await stat(guard).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (dead || age > TAKEOVER_ABANDONED_MS) {
      await unlink(guard).catch(() => undefined);
      return true;
    }
    await sleep(20);
    return false;
  }
  try {
    const current = await readLockInfo(path);
    if (current !== "missing" && current !== "unreadable" && current.token === stale.token) {
      await unlink(path).catch((error) => {
        if (!isNotFound(error)) throw error;
      });
    }
  } finally {
    await unlink(guard).catch(() => undefined);
  }
  return true;
}

function holdLock(path: string, info: LockInfo): Lock {
  heldTokens.add(info.token);
  let released = false;
  const isOurs = (text: string) => parseLockInfo(text)?.token === info.token;
  const releaseSync = () => {
    if (released) return;
    released = true;
    process.off("exit", releaseSync);
    heldTokens.delete(info.token);
    try {
      if (isOurs(readFileSync(path, "utf8"))) unlinkSync(path);
    } catch {
      // Already gone (or the folder was removed): nothing to release.
    }
  };
  // Covers process.exit() and a normal end; signals are the worker's job (it stops, then releases).
  process.on("exit", releaseSync);
  return {
    path,
    info,
    releaseSync,
    async release() {
      if (released) return;
      released = true;
      process.off("exit", releaseSync);
      heldTokens.delete(info.token);
      try {
        if (isOurs(await readFile(path, "utf8"))) await unlink(path);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}

function busyError(path: string, holder: LockInfo | "unreadable", host: string, now: Date, waitMs: number) {
  const waited = waitMs > 0 ? ` after waiting ${formatDuration(waitMs)}` : "";
  if (holder === "unreadable") {
    return new LockBusyError(
      path,
      null,
      null,
      `state folder is locked by ${path}, which crier cannot read${waited}; if no crier is running, delete it`,
    );
  }
  const since = Date.parse(holder.startedAt);
  const heldMs = Number.isNaN(since) ? null : Math.max(0, now.getTime() - since);
  const held = heldMs === null ? "" : ` for ${formatDuration(heldMs)} (since ${holder.startedAt})`;
  const who =
    holder.hostname === host
      ? `pid ${holder.pid}`
      : `pid ${holder.pid} on host ${holder.hostname} (crier cannot check other hosts)`;
  return new LockBusyError(
    path,
    holder,
    heldMs,
    `another crier is running: ${who} has held ${path}${held}${waited}; ` +
      "wait for it to finish, or delete the lock file if that process is gone",
  );
}

function takeoverBusyError(path: string, stale: LockInfo, waitMs: number): LockBusyError {
  const waited = waitMs > 0 ? ` after waiting ${formatDuration(waitMs)}` : "";
  return new LockBusyError(
    path,
    stale,
    null,
    `another crier is taking over ${path} (left by pid ${stale.pid}, which is gone): ${path}.takeover is still there${waited}; ` +
      "if no crier is running, delete it",
  );
}

export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
