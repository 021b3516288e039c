import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startWatch } from "../../src/worker/watch.js";
import { buildChildModules, type Child, spawnChild } from "../store/childModules.js";

let modules: Awaited<ReturnType<typeof buildChildModules>>;
const children: Child[] = [];

beforeAll(async () => {
  modules = await buildChildModules();
});
afterAll(async () => {
  await modules?.cleanup();
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    child.process.kill("SIGKILL");
    await child.exited;
  }
});

const watcher = (buildMs: number, graceMs: number) => {
  const child = spawnChild(modules.dir, "watcher.mjs", [String(buildMs), String(graceMs)]);
  children.push(child);
  return child;
};
const summary = (child: Child) =>
  JSON.parse(child.lines.at(-1) ?? "{}") as {
    code: number;
    builds: number;
    started: number;
    maxConcurrent: number;
  };

describe("watch (every-second schedule, in a child process)", () => {
  it("never overlaps builds, logs each one, and exits 0 after SIGTERM lets the running build finish", async () => {
    const child = watcher(1600, 5000);
    // A 1.6 s build on a 1 s schedule: the tick during it must be skipped, not re-entered.
    await child.waitForLine((line) => line.startsWith("log: skipped scheduled build"), 8000);
    await child.waitForLine((line) => line.startsWith("log: build ok (scheduled, "), 8000);
    await child.waitForLine((line) => line === "build-start 2", 8000);
    child.process.kill("SIGTERM");
    const { code } = await child.exited;
    expect(code).toBe(0);
    const result = summary(child);
    expect(result).toMatchObject({ code: 0, maxConcurrent: 1 });
    expect(result.builds).toBeGreaterThanOrEqual(2);
    expect(result.builds).toBe(result.started);
    const log = child.lines.filter((line) => line.startsWith("log: "));
    // The build running at SIGTERM finished (no abort) and was logged with its summary and duration.
    expect(log).toContainEqual(
      expect.stringMatching(/^log: SIGTERM: waiting up to 5\.0s for the running build/),
    );
    expect(
      log.filter((line) => /^log: build ok \(scheduled, \d+\.\ds\): build \d+ wrote nothing$/.test(line)),
    ).toHaveLength(result.builds);
    expect(log.some((line) => line.includes("abort"))).toBe(false);
    expect(log.at(-1)).toMatch(/^log: stopped \(SIGTERM\) after \d+ build\(s\)$/);
  });

  it("aborts a build that outlasts the shutdown grace period and still exits 0", async () => {
    const child = watcher(60_000, 300);
    await child.waitForLine((line) => line === "build-start 1", 8000);
    child.process.kill("SIGINT");
    const { code } = await child.exited;
    expect(code).toBe(0);
    expect(summary(child)).toMatchObject({ code: 0, builds: 1, maxConcurrent: 1 });
    const log = child.lines.join("\n");
    expect(log).toMatch(/SIGINT: build still running after 0\.3s; aborting it/);
    expect(log).toMatch(
      /build aborted \(scheduled, [\d.]+s\): aborted by SIGINT after the shutdown grace period/,
    );
  });
});

describe("startWatch (in process)", () => {
  it("runs at once with runNow, skips a tick during that build, and stops without signal handlers", async () => {
    const lines: string[] = [];
    const before = process.listenerCount("SIGTERM");
    let release!: () => void;
    const handle = startWatch({
      schedule: "* * * * * *",
      timezone: "UTC",
      runNow: true,
      log: (line) => lines.push(line),
      runBuild: () =>
        new Promise((resolve) => {
          release = () => resolve({ ok: false, summary: "1 source failed" });
        }),
    });
    expect(process.listenerCount("SIGTERM")).toBe(before + 1);
    expect(handle.builds).toBe(1);
    await waitUntil(() => lines.some((line) => line.startsWith("skipped scheduled build")), 4000);
    expect(handle.builds).toBe(1);
    release();
    await handle.stop("test");
    expect(await handle.done).toBe(0);
    expect(lines).toContainEqual(
      expect.stringMatching(/^build with failures \(startup, [\d.]+s\): 1 source failed$/),
    );
    expect(process.listenerCount("SIGTERM")).toBe(before);
  });

  it("resolves done with 1 when the last build crashed", async () => {
    const lines: string[] = [];
    const handle = startWatch({
      schedule: "0 0 1 1 *",
      timezone: "Asia/Shanghai",
      runNow: true,
      handleSignals: false,
      log: (line) => lines.push(line),
      runBuild: async () => {
        throw new Error("disk full");
      },
    });
    await waitUntil(() => lines.some((line) => line.startsWith("build crashed")), 2000);
    await handle.stop();
    expect(await handle.done).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(/^build crashed \(startup, [\d.]+s\): disk full$/));
  });

  it("rejects an invalid schedule up front", () => {
    expect(() =>
      startWatch({
        schedule: "0 25 * * *",
        timezone: "UTC",
        handleSignals: false,
        log: () => undefined,
        runBuild: async () => ({ ok: true, summary: "" }),
      }),
    ).toThrow(/invalid schedule "0 25 \* \* \*": .*hour/);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("startWatch with a synchronously throwing build", () => {
  it("counts it as a crash and is ready for the next build", async () => {
    const lines: string[] = [];
    let calls = 0;
    const handle = startWatch({
      schedule: "* * * * * *",
      timezone: "UTC",
      runNow: true,
      handleSignals: false,
      log: (line) => lines.push(line),
      runBuild: () => {
        calls += 1;
        if (calls === 1) throw new Error("sync boom");
        return Promise.resolve({ ok: true, summary: "fine" });
      },
    });
    await waitUntil(() => lines.some((line) => line.startsWith("build ok (scheduled")), 4000);
    await handle.stop();
    expect(lines[0]).toMatch(/^build crashed \(startup, [\d.]+s\): sync boom$/);
    expect(await handle.done).toBe(0); // the last build succeeded
  });
});
