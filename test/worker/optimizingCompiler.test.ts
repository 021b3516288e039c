import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { deferOptimizingCompiler, optimizingCompilerDeferred } from "../../src/worker/optimizingCompiler.js";
import { ROOT } from "../helpers/cli.js";

// `crier build` starts with TurboFan off and turns it on once a source changed or outputs are rendered
// (src/worker/optimizingCompiler.ts). V8 flags are process-wide, so this runs in a child (with dist, built
// by pretest) and asks V8 itself whether a hot function got optimized.

describe("deferred optimizing compiler", () => {
  it("holds TurboFan back until asked, then optimizes; only builds with work let it go", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--allow-natives-syntax",
      path.join(ROOT, "test/fixtures/worker/optimizer-child.mjs"),
      path.join(ROOT, "dist"),
    ]);
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(result.deferred).toBe(true);
    expect(result.optimizedWhileDeferred).toBe(false);
    expect(result.optimizedAfter).toBe(true);
    // changed → let go; 304 (nothing to render) → still held; changed again → let go.
    expect(result.deferredAfterBuilds).toEqual([false, true, false]);
  }, 60_000);

  it("leaves an operator's own --turbofan / --no-turbofan alone", () => {
    deferOptimizingCompiler(["--no-turbofan"]);
    expect(optimizingCompilerDeferred()).toBe(false);
    deferOptimizingCompiler(["--max-old-space-size=512", "--opt"]);
    expect(optimizingCompilerDeferred()).toBe(false);
  });
});
