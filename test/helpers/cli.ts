import { spawn } from "node:child_process";
import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The compiled CLI: `npm test` builds it first (pretest), exactly what `npx crier` runs. */
export const CLI = path.join(ROOT, "dist", "cli", "main.js");

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCrier(
  args: string[],
  options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
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
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A temp folder holding a config (and optionally a copy of examples/) for one test. */
export async function makeProject(
  config: unknown,
  options: { withExamples?: boolean } = {},
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "crier-e2e-"));
  if (options.withExamples)
    await cp(path.join(ROOT, "examples"), path.join(dir, "examples"), { recursive: true });
  await writeFile(path.join(dir, "feeds.config.json"), JSON.stringify(config, null, 2));
  return dir;
}
