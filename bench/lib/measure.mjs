import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const HOOK = fileURLToPath(new URL("./usage-hook.mjs", import.meta.url));

/**
 * Runs `node [nodeArgs] script [args]` as a child and measures it from the outside (wall time from spawn
 * to exit, so process start counts) and from the inside (CPU and peak RSS via the usage hook).
 */
export async function runMeasured({
  script,
  args = [],
  nodeArgs = [],
  cwd,
  usageFile,
  timeoutMs = 150_000,
  label,
}) {
  await rm(usageFile, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", HOOK, ...nodeArgs, script, ...args], {
    cwd,
    env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout = [];
  const stderr = [];
  child.stdout.on("data", (chunk) => stdout.push(chunk));
  child.stderr.on("data", (chunk) => stderr.push(chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode, signal) => resolve(signal ? `signal ${signal}` : exitCode));
  });
  const wallMs = performance.now() - started;
  clearTimeout(timer);
  const out = Buffer.concat(stdout).toString();
  const err = Buffer.concat(stderr).toString();
  if (code !== 0) {
    throw new Error(
      `${label ?? path.basename(script)} exited with ${code}\n${err.slice(-4000)}\n${out.slice(0, 2000)}`,
    );
  }
  const usage = JSON.parse(await readFile(usageFile, "utf8"));
  return {
    wallMs,
    cpuMs: usage.userMs + usage.systemMs,
    userMs: usage.userMs,
    systemMs: usage.systemMs,
    maxRssMb: usage.maxRssMb,
    stdout: out,
    stderr: err,
  };
}
