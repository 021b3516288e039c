import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runMeasured } from "../hardening/runMeasured.js";
import { ROOT } from "../helpers/cli.js";

// Linux keeps ru_maxrss across exec: a child's `resourceUsage().maxRSS` is at least the size its parent had
// when it spawned it. The bench's usage hook and the hardening tests' wrapper must report the child's own
// peak, or a small build spawned by a large process reads as large (and a large one hides behind it).

const HOOK = fileURLToPath(new URL("../../bench/lib/usage-hook.mjs", import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("peak RSS of a measured child", () => {
  it("is the child's own, not the size of the process that spawned it", async () => {
    // 400 MiB made resident in this (parent) process before spawning.
    const ballast = Buffer.alloc(400 * 2 ** 20, 1);
    const dir = await mkdtemp(path.join(os.tmpdir(), "crier-rss-"));
    dirs.push(dir);
    const usageFile = path.join(dir, "usage.json");
    await promisify(execFile)(process.execPath, ["--import", HOOK, "-e", "globalThis.x = 1"], {
      env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    });
    const usage = JSON.parse(await readFile(usageFile, "utf8"));
    expect(usage.maxRssMb).toBeGreaterThan(10);
    expect(usage.maxRssMb).toBeLessThan(200);

    const cli = await runMeasured(["--version"], { cwd: ROOT, timeoutMs: 30_000 });
    expect(cli.code).toBe(0);
    expect(cli.peakRssMb).toBeGreaterThan(10);
    expect(cli.peakRssMb).toBeLessThan(200);
    expect(ballast[ballast.length - 1]).toBe(1);
  });
});
