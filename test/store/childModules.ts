import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

// Child processes (kill -9, a second lock holder, SIGTERM to a watcher) need the store/worker code as plain
// JS. Transpiling just these files keeps the tests independent of the state of dist/ and of other stages.

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const childScripts = join(root, "test/fixtures/store/children");

const SOURCES = [
  "src/store",
  "src/errorMessage.ts",
  "src/worker/lock.ts",
  "src/worker/watch.ts",
  "src/worker/schedule.ts",
];

/** Transpiles the store and worker modules into a temp folder; returns it and a cleanup. */
export async function buildChildModules(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "crier-child-"));
  // Bare imports (node-cron, zod) resolve through the project's node_modules.
  await symlink(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  for (const entry of SOURCES) {
    const files = entry.endsWith(".ts")
      ? [entry]
      : (await readdir(join(root, entry))).filter((n) => n.endsWith(".ts")).map((n) => `${entry}/${n}`);
    for (const file of files) {
      const output = ts.transpileModule(await readFile(join(root, file), "utf8"), {
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: true,
        },
        fileName: file,
      });
      const target = join(dir, file.replace(/^src\//, "").replace(/\.ts$/, ".js"));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, output.outputText);
    }
  }
  await writeFile(join(dir, "package.json"), '{"type":"module"}\n');
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface Child {
  process: ChildProcess;
  /** stdout lines so far. */
  lines: string[];
  stderr: () => string;
  /** Resolves with the first stdout line matching, or rejects after timeoutMs. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs test/fixtures/store/children/<script> with the transpiled modules at CRIER_MODULES. */
export function spawnChild(modulesDir: string, script: string, args: string[] = []): Child {
  const child = spawn(process.execPath, [join(childScripts, script), ...args], {
    env: { ...process.env, CRIER_MODULES: modulesDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let stderr = "";
  let pending = "";
  const waiters = new Set<() => void>();
  let exitedFlag = false;
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    pending += chunk;
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    lines.push(...parts);
    for (const wake of waiters) wake();
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on("exit", (code, signal) => {
      if (pending) lines.push(pending);
      pending = "";
      exitedFlag = true;
      for (const wake of waiters) wake();
      resolveExit({ code, signal });
    });
  });
  return {
    process: child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine(match, timeoutMs = 10_000) {
      return new Promise((resolveLine, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (found !== undefined) {
            done();
            resolveLine(found);
          } else if (exitedFlag) {
            done();
            reject(
              new Error(`child exited before the line; stdout:\n${lines.join("\n")}\nstderr:\n${stderr}`),
            );
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for a line; stdout:\n${lines.join("\n")}\nstderr:\n${stderr}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
