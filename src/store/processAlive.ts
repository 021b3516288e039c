import { readFileSync } from "node:fs";

/** Whether a process with this pid exists on this machine (EPERM means it exists but is not ours). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// A live pid may belong to an unrelated process: after a reboot, or once pids wrapped around. Where Linux's
// /proc says when a process started, a process that started after a lock or temp file was written cannot
// be the one that wrote it. Without /proc (macOS, Windows) these return null and callers trust the pid.

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux architecture node runs on). */
const CLK_TCK = 100;
/** btime is whole seconds, and the wall clock may have been adjusted since: compare loosely. */
const START_SLACK_MS = 2000;

/** This boot of the kernel (Linux), or null: a lock written under another boot id predates a reboot. */
export function bootId(): string | null {
  const id = readProc("/proc/sys/kernel/random/boot_id")?.trim();
  return id ? id : null;
}

/** When the process started, in clock ticks since boot (field 22 of /proc/<pid>/stat), or null. */
export function processStartTicks(pid: number): number | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // Field 2 (the command name, in parentheses) may hold spaces and ")": count from the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[22 - 3]);
  return Number.isSafeInteger(ticks) && ticks >= 0 ? ticks : null;
}

/**
 * True when /proc shows that the process now holding `pid` started after `time` (ms since the epoch), so
 * it is not the process that was running then. False when it started earlier or nobody can tell.
 */
export function startedAfter(pid: number, time: number): boolean {
  if (!Number.isFinite(time)) return false;
  const ticks = processStartTicks(pid);
  const btime = /^btime (\d+)$/m.exec(readProc("/proc/stat") ?? "")?.[1];
  if (ticks === null || btime === undefined) return false;
  const started = Number(btime) * 1000 + (ticks * 1000) / CLK_TCK;
  return started > time + START_SLACK_MS;
}

function readProc(path: string): string | null {
  if (process.platform !== "linux") return null;
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}
