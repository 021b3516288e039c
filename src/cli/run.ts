import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../config/errors.js";
import { loadConfig } from "../config/load.js";
import { VERSION } from "../version.js";
import { catchShutdownSignals, type SignalCatcher, signalExitCode } from "../worker/signals.js";
import { UsageError } from "./errors.js";
import { describeFsError } from "./fsErrors.js";
import { limitHeapGrowth } from "./heapGrowth.js";
import { HELP } from "./help.js";
import { AD_HOC_OPTIONS } from "./inspectOptions.js";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const EXIT = { ok: 0, usage: 1, sourcesFailed: 2, internal: 70, busy: 75 } as const;

const OPTIONS = {
  config: { type: "string" },
  out: { type: "string" },
  state: { type: "string" },
  strict: { type: "boolean" },
  json: { type: "boolean" },
  offline: { type: "boolean" },
  wait: { type: "string" },
  "run-now": { type: "boolean" },
  type: { type: "string" },
  item: { type: "string" },
  title: { type: "string" },
  link: { type: "string" },
  date: { type: "string" },
  summary: { type: "string" },
  content: { type: "string" },
  encoding: { type: "string" },
  timezone: { type: "string" },
  transform: { type: "string", multiple: true },
  source: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** Which options each command accepts: anything else is a usage error, not silently ignored. */
const ALLOWED: Record<string, string[]> = {
  build: ["config", "out", "state", "strict", "json", "offline", "wait"],
  check: ["config", "json"],
  watch: ["config", "out", "state", "run-now"],
  inspect: ["config", "json", "source", ...AD_HOC_OPTIONS],
};

export type ParsedOptions = ReturnType<typeof parse>["values"];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`crier: ${(error as Error).message}\nRun "crier --help" for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === "help") {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (!command) {
    io.stderr(`crier: missing command\n\n${HELP}`);
    return EXIT.usage;
  }
  try {
    const allowed = ALLOWED[command];
    if (!allowed)
      throw new UsageError(`unknown command "${command}"; expected build, inspect, check or watch`);
    const unexpected = Object.keys(values).filter((key) => !allowed.includes(key));
    if (unexpected.length > 0) {
      throw new UsageError(`${command} does not take ${unexpected.map((k) => `--${k}`).join(", ")}`);
    }
    // `--config=` or `--out ""` would silently mean the working directory or the config's value.
    for (const key of ["config", "out", "state", "wait", "source"] as const) {
      if (values[key] !== undefined && values[key].trim() === "") {
        throw new UsageError(`--${key} needs a value (got an empty one)`);
      }
    }
    if (command !== "inspect" && rest.length > 0) {
      throw new UsageError(`${command} takes no arguments (got "${rest.join(" ")}")`);
    }
    switch (command) {
      case "build":
        return await commandBuild(values, io);
      case "check":
        return await commandCheck(values, io);
      case "watch":
        return await commandWatch(values, io);
      default:
        return await (await import("./inspect.js")).runInspect(rest, values, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`crier: ${error.message}\nRun "crier --help" for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.stderr(`crier: ${error.message}\n`);
      return EXIT.usage;
    }
    // By name: the worker module is loaded only by the commands that need it (fast --help/--version/check).
    if (error instanceof Error && error.name === "LockBusyError") {
      io.stderr(`crier: ${error.message}\n`);
      return EXIT.busy;
    }
    // A state write failed after the build published its output: said first, then the failure as usual.
    const published = error instanceof Error && error.name === "StateNotSavedError";
    const cause = published ? (error as Error).cause : error;
    const prefix = published ? "output was published, but the state could not be saved: " : "";
    const fsProblem = describeFsError(cause);
    if (fsProblem) {
      io.stderr(`crier: ${prefix}${fsProblem}\n`);
      return EXIT.usage;
    }
    io.stderr(`crier: ${prefix}internal error: ${(cause as Error)?.stack ?? String(cause)}\n`);
    return EXIT.internal;
  }
}

function configPath(values: ParsedOptions): string {
  return path.resolve(values.config ?? "feeds.config.json");
}

async function commandCheck(values: ParsedOptions, io: CliIo): Promise<number> {
  try {
    const loaded = await loadConfig(configPath(values));
    if (values.json) io.stdout(`${JSON.stringify({ ok: true, file: loaded.file, issues: [] })}\n`);
    io.stderr(`crier: ${loaded.file}: ok (${loaded.config.sources.length} sources)\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ConfigError && values.json) {
      io.stdout(`${JSON.stringify({ ok: false, file: error.file, issues: error.issues })}\n`);
    }
    throw error;
  }
}

async function commandBuild(values: ParsedOptions, io: CliIo): Promise<number> {
  // From the start: a first SIGTERM/SIGINT abandons the build (nothing further is published, the lock is
  // released), a second one exits at once.
  const shutdown = catchShutdownSignals({
    onFirst: (signal) => io.stderr(`crier: ${signal}: aborting the build (a second signal exits at once)\n`),
    onRepeat: (signal) => {
      io.stderr(`crier: ${signal} again: exiting now\n`);
      process.exit(signalExitCode(signal));
    },
  });
  try {
    return await buildUntilSignalled(values, io, shutdown);
  } catch (error) {
    if (shutdown.received === null || error !== shutdown.signal.reason) throw error;
    io.stderr(
      `crier: build aborted by ${shutdown.received}: no output file was changed; ` +
        "sources read before the signal keep what they saved, for the next build\n",
    );
    return signalExitCode(shutdown.received);
  } finally {
    shutdown.release();
  }
}

async function buildUntilSignalled(
  values: ParsedOptions,
  io: CliIo,
  shutdown: SignalCatcher,
): Promise<number> {
  limitHeapGrowth();
  // A one-off build may be one where nothing changed: TurboFan comes on once there is work for it.
  (await import("../worker/optimizingCompiler.js")).deferOptimizingCompiler();
  // `check` always validates; a build reuses what the last build of the same text validated.
  const loaded = await loadConfig(configPath(values), { reuseValidated: { state: values.state } });
  const waitSeconds = values.wait === undefined ? 30 : Number(values.wait);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) {
    throw new UsageError(`--wait expects a number of seconds, got "${values.wait}"`);
  }
  const { runBuild } = await import("../worker/index.js");
  const report = await runBuild({
    loaded,
    parseThreads: await parseThreadsFromEnv(),
    outDir: values.out,
    stateDir: values.state,
    offline: values.offline ?? false,
    lockWaitMs: waitSeconds * 1000,
    signal: shutdown.signal,
    log: (line) => io.stderr(`crier: ${line}\n`),
  });
  const failed = report.sources.filter((s) => !s.ok);
  // One write for the whole summary: a line per source is a write per source, 1000 of them in a big build.
  const lines = report.sources.map((source) => {
    // A skipped source was not asked this time: it says so, with its stored health when that is a failure.
    const how = source.skipped
      ? `skipped (${source.skipped})${source.ok ? "" : `, ${source.neverRead ? "" : "last attempt FAILED: "}${source.error}`}`
      : source.ok
        ? source.notModified
          ? "not modified"
          : "ok"
        : `FAILED: ${source.error}`;
    return `crier: source ${source.id}: ${how}, ${source.items} article${source.items === 1 ? "" : "s"}${source.dead ? " [DEAD]" : ""}\n`;
  });
  const written = report.outputs.reduce((n, o) => n + o.written.length, 0);
  lines.push(
    `crier: build done in ${report.durationMs} ms: ${report.sources.length} sources (${failed.length} failed), ` +
      `${report.outputs.length} feed set(s), ${written} file(s) rewritten\n`,
  );
  // Past the last point where it could be abandoned, the build completed: its output is published.
  if (shutdown.received)
    lines.push(`crier: ${shutdown.received} came too late to abort the build: its output is published\n`);
  io.stderr(lines.join(""));
  if (values.json) {
    const json = {
      sources: report.sources.map((s) => ({
        id: s.id,
        ok: s.ok,
        items: s.items,
        ...(s.error !== undefined ? { error: s.error } : {}),
        ...(s.notModified ? { notModified: true } : {}),
        ...(s.skipped ? { skipped: s.skipped } : {}),
        ...(s.dead ? { dead: true } : {}),
        ...(s.warnings ? { warnings: s.warnings } : {}),
      })),
      outputs: report.outputs.map((o) => ({ name: o.name, dir: o.dir, items: o.items, written: o.written })),
      durationMs: report.durationMs,
      timings: report.timings,
    };
    io.stdout(`${JSON.stringify(json)}\n`);
  }
  return values.strict && failed.length > 0 ? EXIT.sourcesFailed : EXIT.ok;
}

async function commandWatch(values: ParsedOptions, io: CliIo): Promise<number> {
  // Noted from the start (a service stopped right after it started), until the worker's handlers take over.
  const startup = catchShutdownSignals();
  // And never left to Node's default action, which ends the process with 143: a signal that comes once the
  // worker has stopped, while the process exits (main.ts ends it within 2 s), changes nothing.
  catchShutdownSignals();
  try {
    limitHeapGrowth();
    const loaded = await loadConfig(configPath(values));
    await parseThreadsFromEnv();
    const { runWatch } = await import("../worker/index.js");
    return await runWatch({
      loaded,
      outDir: values.out,
      stateDir: values.state,
      runNow: values["run-now"] ?? false,
      log: (line) => io.stderr(`crier: ${new Date().toISOString()} ${line}\n`),
      startup,
    });
  } finally {
    startup.release();
  }
}

/** CRIER_PARSE_THREADS (or the default), as a usage error when it is not a count. */
async function parseThreadsFromEnv(): Promise<number> {
  const { defaultParseThreads } = await import("../worker/parsePool.js");
  try {
    return defaultParseThreads();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
