import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  boardItems,
  cleanedUpAfterEach,
  isTempFile,
  listFiles,
  mtimes,
  project,
  rssFeed,
  site,
  spawnCrier,
} from "../fixtures/worker/kit.js";
import { ROOT } from "../helpers/cli.js";
import { startServer } from "../helpers/server.js";

// `crier build` and `crier watch` as real processes receiving SIGTERM/SIGINT: a build is abandoned (no
// output file changes, the lock goes, a line says so, exit 130/143 as a shell reports a signal), and a
// signal that arrives before the config is even loaded is honoured too.

const { servers, children } = cleanedUpAfterEach();
const SIGNAL_ON_CONFIG_READ = path.join(ROOT, "test", "fixtures", "cli", "signalOnConfigRead.mjs");
const HOLD_EVENT_LOOP = path.join(ROOT, "test", "fixtures", "worker", "holdEventLoop.mjs");

/** A board whose feed answers at once, or holds each request (`hold`) until the test ends. */
async function boardProject() {
  let hold = false;
  let arrived!: () => void;
  const heldRequest = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  let count = 0;
  const server = await startServer(async (_req, res) => {
    count += 1;
    if (hold) {
      arrived();
      await new Promise<void>(() => undefined);
    }
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed("Board", boardItems(count)));
  });
  servers.push(server);
  const p = await project({
    site,
    fetch: { retries: 0, timeoutMs: 30_000 },
    sources: [{ id: "board", type: "feed", url: server.url("/rss") }],
  });
  return { p, heldRequest, holdRequests: () => (hold = true) };
}

const lockFiles = async (state: string) =>
  (await readdir(state).catch(() => [] as string[])).filter((name) => name.startsWith("crier.lock"));

describe("crier build stopped by a signal", () => {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    it(`abandons the build on ${signal}: exit ${code}, output as it was, no lock left`, async () => {
      const { p, heldRequest, holdRequests } = await boardProject();
      const first = spawnCrier(["build"], p.dir);
      children.push(first);
      expect((await first.exited).code).toBe(0);
      const before = await mtimes(p.out);

      holdRequests();
      const child = spawnCrier(["build"], p.dir);
      children.push(child);
      await heldRequest;
      child.process.kill(signal);
      const exit = await child.exited;
      expect(exit, child.stderrLines.join("\n")).toMatchObject({ code, signal: null });
      expect(child.stderrLines.at(-1)).toBe(
        `crier: build aborted by ${signal}: no output file was changed; sources read before the signal keep what they saved, for the next build`,
      );
      expect(child.stderrLines.join("\n")).not.toMatch(/FAILED|internal error/);
      expect(await mtimes(p.out)).toEqual(before);
      expect(await lockFiles(p.state)).toEqual([]);
      expect((await listFiles(p.dir)).filter(isTempFile)).toEqual([]);
    }, 60_000);
  }

  it("exits at once on a second signal, still releasing the lock", async () => {
    const { p, heldRequest, holdRequests } = await boardProject();
    holdRequests();
    const child = spawnCrier(["build"], p.dir);
    children.push(child);
    await heldRequest;
    child.process.kill("SIGTERM");
    child.process.kill("SIGTERM");
    // Whether the build was abandoned before the second signal came or not, the exit is the same.
    expect(await child.exited).toMatchObject({ code: 143, signal: null });
    expect(await lockFiles(p.state)).toEqual([]);
    expect(await listFiles(p.out)).toEqual([]);
  }, 60_000);

  it("honours a signal that arrives while the config is being read", async () => {
    const { p } = await boardProject();
    const child = spawnCrier(["build"], p.dir, [`--import=${SIGNAL_ON_CONFIG_READ}`]);
    children.push(child);
    expect(await child.exited).toMatchObject({ code: 143, signal: null });
    expect(child.stderrLines.at(-1)).toMatch(/^crier: build aborted by SIGTERM: no output file was changed/);
    expect(await listFiles(p.out)).toEqual([]);
    expect(await lockFiles(p.state)).toEqual([]);
  }, 60_000);
});

describe("crier watch stopped by a signal at its start", () => {
  it("exits 0 on a SIGTERM that arrives while the config is being read", async () => {
    const { p } = await boardProject();
    const child = spawnCrier(["watch", "--run-now"], p.dir, [`--import=${SIGNAL_ON_CONFIG_READ}`]);
    children.push(child);
    const exit = await child.exited;
    expect(exit, child.stderrLines.join("\n")).toMatchObject({ code: 0, signal: null });
    expect(child.stderrLines.join("\n")).toMatch(/stopped \(SIGTERM\) before the first build/);
    expect(await listFiles(p.out)).toEqual([]);
  }, 60_000);

  it("still exits 0 when another SIGTERM comes while it exits after stopping", async () => {
    const { p } = await boardProject();
    // Something left holding the event loop: the process lingers (up to 2 s) after its "stopped" line.
    const child = spawnCrier(["watch"], p.dir, [`--import=${HOLD_EVENT_LOOP}`]);
    children.push(child);
    await child.waitForStderr(/watching 1 sources/, 20_000);
    child.process.kill("SIGTERM");
    await child.waitForStderr(/stopped \(SIGTERM\) after 0 build\(s\)/, 20_000);
    child.process.kill("SIGTERM");
    expect(await child.exited).toMatchObject({ code: 0, signal: null });
  }, 60_000);
});
