import { spawn } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type CliResult, ROOT } from "../helpers/cli.js";

const WRAPPER = path.join(ROOT, "test", "fixtures", "hardening", "measured-cli.mjs");

export interface MeasuredRun extends CliResult {
  /** Wall time from spawn to exit, as the user sees it (process start included). */
  wallMs: number;
  /** Peak resident set size of the CLI process, in MiB. */
  peakRssMb: number;
}

/** Runs the compiled CLI through the measuring wrapper; kills it after `timeoutMs`. */
export function runMeasured(
  args: string[],
  options: { cwd: string; timeoutMs: number },
): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [WRAPPER, ...args], {
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const kb = /crier-peak-rss-kb: (\d+)/.exec(stderr);
      resolve({ code, signal, stdout, stderr, wallMs, peakRssMb: kb ? Number(kb[1]) / 1024 : Number.NaN });
    });
  });
}
