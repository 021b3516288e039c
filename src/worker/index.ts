import type { LoadedConfig } from "../config/index.js";
import { loadConfig } from "../config/load.js";
import { resolveDirs, runBuild } from "./build.js";
import { acquireLock, LockBusyError } from "./lock.js";
import { catchShutdownSignals, type SignalCatcher } from "./signals.js";

export {
  type BuildOptions,
  type BuildReport,
  resolveDirs,
  runBuild,
  type SourceReport,
  StateNotSavedError,
} from "./build.js";
export { acquireLock, LockBusyError } from "./lock.js";

export interface WatchOptions {
  loaded: LoadedConfig;
  outDir?: string;
  stateDir?: string;
  runNow: boolean;
  log: (line: string) => void;
  /**
   * Signals noted since the command started (the CLI catches them before loading the config); runWatch
   * releases it once the worker's own handlers are in. Default: noted from runWatch's start.
   */
  startup?: SignalCatcher;
}

/** `crier watch`: builds on the config's schedule until SIGTERM/SIGINT; resolves to the exit code. */
export async function runWatch(options: WatchOptions): Promise<number> {
  // Until the worker's own handlers are in, a SIGTERM/SIGINT is only noted: the default action would kill
  // the process holding watch.lock, leaving it behind.
  const startup = options.startup ?? catchShutdownSignals();
  try {
    // One worker per state folder (design §1: single-instance lock). Builds still take crier.lock each, so
    // a manual `crier build` can run between two ticks.
    const workerLock = await acquireLock(resolveDirs(options).stateDir, { file: "watch.lock" });
    try {
      return await watchUnderLock(options, startup);
    } finally {
      await workerLock.release();
    }
  } finally {
    startup.release();
  }
}

async function watchUnderLock(options: WatchOptions, startup: SignalCatcher): Promise<number> {
  const { config } = options.loaded;
  let current = options.loaded;
  let lastProblem: string | null = null;
  // Each tick builds with the config as it is on disk now, as a manual `crier build` between ticks does
  // (a worker on the start-up config reverted such a build). What the worker itself runs on — schedule,
  // zone, state folder — needs a restart; an invalid edit keeps the last good config.
  const currentConfig = async (): Promise<LoadedConfig> => {
    let next: LoadedConfig;
    try {
      next = await loadConfig(current.file);
    } catch (error) {
      // Once per problem, not once per tick.
      const problem = (error as Error).message.replace(/\s*\n\s*/g, "; ");
      if (problem !== lastProblem)
        options.log(`config not reloaded, building with the last good one: ${problem}`);
      lastProblem = problem;
      return current;
    }
    const was = current.config;
    const now = next.config;
    if (JSON.stringify(now) === JSON.stringify(was)) {
      lastProblem = null;
      return current;
    }
    // With --state the config's state.dir is not used: editing it changes nothing the worker runs on.
    const stateMoved = options.stateDir === undefined && now.state.dir !== was.state.dir;
    if (now.schedule !== was.schedule || now.timezone !== was.timezone || stateMoved) {
      const problem = "config changed its schedule, timezone or state.dir: restart crier watch to apply it";
      if (problem !== lastProblem) options.log(`${problem}; building with the last good config`);
      lastProblem = problem;
      return current;
    }
    options.log(`config reloaded: ${current.file}`);
    lastProblem = null;
    current = next;
    return current;
  };
  // node-cron (~45 ms to load, with child_process and worker_threads) only where it runs: not in a build.
  const { startWatch } = await import("./watch.js");
  if (startup.received) {
    options.log(`stopped (${startup.received}) before the first build`);
    return 0;
  }
  // From here on (no await in between) the worker's own handlers take signals.
  const handle = startWatch({
    schedule: config.schedule,
    timezone: config.timezone,
    runNow: options.runNow,
    log: options.log,
    runBuild: async (signal) => {
      // A manual `crier build` may hold the lock; wait for it rather than skipping the tick.
      let report: Awaited<ReturnType<typeof runBuild>>;
      try {
        report = await runBuild({
          ...options,
          loaded: await currentConfig(),
          signal,
          lockWaitMs: 60_000,
          log: options.log,
        });
      } catch (error) {
        // Another crier (a manual build) kept the lock past the wait: skip this tick, it is no crash.
        if (error instanceof LockBusyError) return { ok: false, summary: `build skipped: ${error.message}` };
        throw error;
      }
      const failed = report.sources.filter((s) => !s.ok);
      const written = report.outputs.reduce((n, o) => n + o.written.length, 0);
      return {
        ok: failed.length === 0,
        summary:
          `build: ${report.sources.length} sources, ${failed.length} failed` +
          (failed.length > 0
            ? ` (${failed.map((s) => `${s.id}${s.dead ? " [DEAD]" : ""}`).join(", ")})`
            : "") +
          `, ${report.outputs.reduce((n, o) => n + o.items, 0)} items, ${written} files rewritten, ${report.durationMs} ms`,
      };
    },
  });
  startup.release();
  options.log(`watching ${config.sources.length} sources on "${config.schedule}" (${config.timezone})`);
  return handle.done;
}
