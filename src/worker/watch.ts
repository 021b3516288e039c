import cron, { type ScheduledTask } from "node-cron";
import { errorMessage } from "../errorMessage.js";
import { validateSchedule } from "./schedule.js";

// `crier watch`: builds on a cron schedule, one at a time, until SIGTERM/SIGINT.

export interface BuildOutcome {
  ok: boolean;
  summary: string;
}

export interface StartWatchOptions {
  schedule: string;
  timezone: string;
  /** One build. It must honour `signal` (abort = leave the previous output as it is). */
  runBuild: (signal: AbortSignal) => Promise<BuildOutcome>;
  log: (line: string) => void;
  /** Build once right away, then on schedule. */
  runNow?: boolean;
  /** How long a running build may take to finish after a stop request before it is aborted (default 20 s). */
  shutdownGraceMs?: number;
  /** How long to wait for an aborted build to settle before giving up on it (default 5 s). */
  abortGraceMs?: number;
  /** Install SIGTERM/SIGINT handlers (default true); removed again when the worker stops. */
  handleSignals?: boolean;
}

export interface WatchHandle {
  /** Stops scheduling, lets a running build finish (or aborts it after the grace period). */
  stop(reason?: string): Promise<void>;
  /**
   * Resolves once stopped, with the exit code: 0, or 1 when the last build threw (crashed, as opposed to
   * returning ok: false) or an aborted build did not settle within `abortGraceMs`.
   */
  done: Promise<number>;
  /** Builds started so far. */
  readonly builds: number;
}

export function startWatch(options: StartWatchOptions): WatchHandle {
  const problem = validateSchedule(options.schedule);
  if (problem) throw new Error(`invalid schedule "${options.schedule}": ${problem}`);
  const { log } = options;
  const shutdownGraceMs = options.shutdownGraceMs ?? 20_000;
  const abortGraceMs = options.abortGraceMs ?? 5_000;

  let running: { promise: Promise<void>; controller: AbortController; startedAt: number } | null = null;
  let builds = 0;
  let lastCrashed = false;
  let stopping: Promise<void> | null = null;
  let hung = false;
  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });

  const runOnce = (trigger: string): Promise<void> => {
    if (stopping) return Promise.resolve();
    if (running) {
      log(
        `skipped ${trigger} build: the previous build is still running (${seconds(Date.now() - running.startedAt)})`,
      );
      return Promise.resolve();
    }
    const controller = new AbortController();
    const startedAt = Date.now();
    builds += 1;
    const run = async () => {
      try {
        const outcome = await options.runBuild(controller.signal);
        lastCrashed = false;
        log(
          `${outcome.ok ? "build ok" : "build with failures"} (${trigger}, ${seconds(Date.now() - startedAt)}): ${outcome.summary}`,
        );
      } catch (error) {
        if (controller.signal.aborted) {
          lastCrashed = false;
          log(`build aborted (${trigger}, ${seconds(Date.now() - startedAt)}): ${errorMessage(error)}`);
        } else {
          lastCrashed = true;
          log(`build crashed (${trigger}, ${seconds(Date.now() - startedAt)}): ${errorMessage(error)}`);
        }
      } finally {
        running = null;
      }
    };
    // Yield once so `running` is set before runBuild starts, even if it throws synchronously.
    const promise = Promise.resolve().then(run);
    running = { promise, controller, startedAt };
    return promise;
  };

  // noOverlap is node-cron's own guard; runOnce guards as well because the runNow build is not its task.
  const task: ScheduledTask = cron.schedule(options.schedule, () => runOnce("scheduled"), {
    timezone: options.timezone,
    noOverlap: true,
    name: "crier-build",
    logger: {
      info: () => undefined,
      // The overlap warning is replaced by our own line (execution:overlap below).
      warn: (text) => {
        if (!text.includes("overlap")) log(`scheduler: ${text}`);
      },
      error: (text) => log(`scheduler: ${errorMessage(text)}`),
      debug: () => undefined,
    },
  });
  task.on("execution:overlap", () => {
    const since = running ? ` (${seconds(Date.now() - running.startedAt)})` : "";
    log(`skipped scheduled build: the previous build is still running${since}`);
  });

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal: do not wait out the grace period.
      log(`${signal} again: aborting the running build now`);
      running?.controller.abort(new Error(`aborted by ${signal}`));
      return;
    }
    void stop(signal);
  };
  const handleSignals = options.handleSignals ?? true;
  if (handleSignals) {
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  }

  const stop = (reason = "stop"): Promise<void> => {
    stopping ??= (async () => {
      await task.stop();
      await task.destroy();
      const current = running;
      if (current) {
        log(`${reason}: waiting up to ${seconds(shutdownGraceMs)} for the running build to finish`);
        if (!(await settlesWithin(current.promise, shutdownGraceMs))) {
          log(`${reason}: build still running after ${seconds(shutdownGraceMs)}; aborting it`);
          current.controller.abort(new Error(`aborted by ${reason} after the shutdown grace period`));
          if (!(await settlesWithin(current.promise, abortGraceMs))) {
            hung = true;
            log(`${reason}: the aborted build did not stop within ${seconds(abortGraceMs)}; giving up on it`);
          }
        }
      }
      if (handleSignals) {
        process.off("SIGTERM", onSignal);
        process.off("SIGINT", onSignal);
      }
      log(`stopped (${reason}) after ${builds} build(s)`);
      resolveDone(hung || lastCrashed ? 1 : 0);
    })();
    return stopping;
  };

  if (options.runNow) void runOnce("startup");

  return {
    stop,
    done,
    get builds() {
      return builds;
    },
  };
}

function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
