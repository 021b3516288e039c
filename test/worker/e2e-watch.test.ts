import { stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  assertComplete,
  boardItems,
  type CrierChild,
  cleanedUpAfterEach,
  isTempFile,
  listFiles,
  project,
  readJson,
  rssFeed,
  site,
  spawnCrier,
} from "../fixtures/worker/kit.js";
import { startServer } from "../helpers/server.js";

// Issue 5, test 7: `crier watch` as a real process: scheduled builds over a loopback source, one log line
// per build, SIGTERM → exit 0 with complete output; --run-now; SIGTERM during a build lets it finish.

const { servers, children } = cleanedUpAfterEach();

const BUILD_LINE =
  /^crier: \S+ build ok \((scheduled|startup), \d+\.\ds\): build: 1 sources, 0 failed, (\d+) items, (\d+) files rewritten, (\d+) ms$/;

async function boardSite(options: { holdFirst?: boolean } = {}) {
  let count = 0;
  let release: (() => void) | null = null;
  let arrived!: () => void;
  const firstArrived = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const server = await startServer(async (_req, res) => {
    count += 1;
    if (options.holdFirst && count === 1) {
      arrived();
      await new Promise<void>((resolve) => {
        release = resolve;
        setTimeout(resolve, 20_000);
      });
    }
    // A new item per request: every build has something to write.
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed("Board", boardItems(count)));
  });
  servers.push(server);
  return { server, firstArrived, release: () => release?.() };
}

/**
 * A board site and a project that watches it on a schedule that never fires during a test (builds come
 * from --run-now); a held first request gets a generous timeout and no retries.
 */
async function boardProject(options: { holdFirst?: boolean } = {}) {
  const board = await boardSite(options);
  const p = await project({
    site,
    schedule: "0 0 1 1 *",
    ...(options.holdFirst ? { fetch: { retries: 0, timeoutMs: 30_000 } } : {}),
    sources: [{ id: "board", type: "feed", url: board.server.url("/rss") }],
  });
  return { ...board, p };
}

/** `crier watch` building the board every second (extra CLI arguments from the project), after its first build. */
async function watchEverySecond(extraArgs: (p: Awaited<ReturnType<typeof project>>) => string[] = () => []) {
  const { server } = await boardSite();
  const config = {
    site,
    schedule: "* * * * * *",
    sources: [{ id: "board", type: "feed", url: server.url("/rss") }],
  };
  const p = await project(config);
  const child = spawnCrier(["watch", "--config", p.config, ...extraArgs(p)], p.dir);
  children.push(child);
  await waitForBuildLines(child, 1, 40_000);
  return { config, p, child };
}

async function expectCompleteOutput(out: string, state: string) {
  const files = await listFiles(out);
  expect(files).toEqual(
    expect.arrayContaining(["feed.xml", "atom.xml", "feed.json", "index.html", "sources.opml"]),
  );
  for (const root of [out, state]) {
    for (const file of await listFiles(root)) {
      expect(isTempFile(file), file).toBe(false);
      await assertComplete(path.join(root, file));
    }
  }
  await expect(stat(path.join(state, "crier.lock"))).rejects.toMatchObject({ code: "ENOENT" });
}

const waitForBuildLines = async (child: CrierChild, n: number, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (child.stderrLines.filter((l) => BUILD_LINE.test(l)).length < n) {
    if (Date.now() > deadline)
      throw new Error(`fewer than ${n} builds logged:\n${child.stderrLines.join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe("crier watch (real process)", () => {
  it("builds every second, logs one line per build, and exits 0 on SIGTERM with complete output", async () => {
    const { server } = await boardSite();
    const p = await project({
      site,
      schedule: "* * * * * *",
      fetch: { retries: 0 },
      sources: [{ id: "board", type: "feed", url: server.url("/rss") }],
    });
    const child = spawnCrier(["watch", "--config", p.config], p.dir);
    children.push(child);
    await child.waitForStderr(/watching 1 sources on "\* \* \* \* \* \*"/, 20_000);
    await waitForBuildLines(child, 2, 40_000);

    const stopAt = Date.now();
    child.process.kill("SIGTERM");
    const exit = await child.exited;
    expect(exit.code, child.stderrLines.join("\n")).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(25_000);

    const builds = child.stderrLines.filter((l) => BUILD_LINE.test(l));
    const stopped = child.stderrLines.find((l) => /stopped \(SIGTERM\) after \d+ build\(s\)$/.test(l)) ?? "";
    expect(stopped).not.toBe("");
    // One line per build: as many build lines as builds started (a build running at SIGTERM finished).
    expect(builds).toHaveLength(Number(/after (\d+) build/.exec(stopped)?.[1]));
    expect(builds.length).toBeGreaterThanOrEqual(2);
    for (const line of builds) expect(BUILD_LINE.exec(line)?.[1]).toBe("scheduled");
    // Each build fetched once and its item count is in the line.
    expect(server.requests).toHaveLength(builds.length);
    expect(builds.map((l) => Number(BUILD_LINE.exec(l)?.[2]))).toEqual(builds.map((_, i) => i + 1));
    expect(child.stderrLines.some((l) => /build crashed|internal error/.test(l))).toBe(false);

    await expectCompleteOutput(p.out, p.state);
    const feed = await readJson<{ items: unknown[] }>(path.join(p.out, "feed.json"));
    expect(feed.items).toHaveLength(builds.length);
    const status = await readJson<{ sources: { id: string; ok: boolean }[] }>(
      path.join(p.state, "status.json"),
    );
    expect(status.sources).toMatchObject([{ id: "board", ok: true }]);
  }, 90_000);

  it("--run-now builds at startup even when the schedule is far away", async () => {
    const { server, p } = await boardProject();
    const child = spawnCrier(["watch", "--config", p.config, "--run-now"], p.dir);
    children.push(child);
    const line = await child.waitForStderr(BUILD_LINE, 40_000);
    expect(BUILD_LINE.exec(line)?.[1]).toBe("startup");
    child.process.kill("SIGTERM");
    expect((await child.exited).code).toBe(0);
    expect(child.stderrLines.filter((l) => BUILD_LINE.test(l))).toHaveLength(1);
    expect(child.stderrLines.at(-1)).toMatch(/stopped \(SIGTERM\) after 1 build\(s\)$/);
    expect(server.requests).toHaveLength(1);
    await expectCompleteOutput(p.out, p.state);
  }, 60_000);

  it("SIGTERM during a build lets it finish and publish before exiting 0", async () => {
    const { firstArrived, release, p } = await boardProject({ holdFirst: true });
    const child = spawnCrier(["watch", "--config", p.config, "--run-now"], p.dir);
    children.push(child);
    await firstArrived;
    child.process.kill("SIGTERM");
    await child.waitForStderr(/SIGTERM: waiting up to 20\.0s for the running build to finish/, 20_000);
    release();
    const exit = await child.exited;
    expect(exit.code, child.stderrLines.join("\n")).toBe(0);
    expect(child.stderrLines.some((l) => BUILD_LINE.test(l))).toBe(true);
    expect(child.stderrLines.some((l) => /abort/.test(l))).toBe(false);
    await expectCompleteOutput(p.out, p.state);
    const feed = await readJson<{ items: { title: string }[] }>(path.join(p.out, "feed.json"));
    expect(feed.items.map((i) => i.title)).toEqual(["Board notice 0"]);
  }, 60_000);

  it("a second SIGTERM abandons the build: nothing published, the source's health untouched", async () => {
    const { firstArrived, p } = await boardProject({ holdFirst: true });
    const child = spawnCrier(["watch", "--config", p.config, "--run-now"], p.dir);
    children.push(child);
    await firstArrived;
    child.process.kill("SIGTERM");
    await child.waitForStderr(/SIGTERM: waiting up to/, 20_000);
    child.process.kill("SIGTERM");
    const exit = await child.exited;
    expect(exit.code, child.stderrLines.join("\n")).toBe(0);
    const log = child.stderrLines.join("\n");
    expect(log).toMatch(/build aborted \(startup/);
    expect(log).not.toMatch(/FAILED|build with failures/);
    // Neither published nor recorded as a failure of the source.
    expect(await stat(path.join(p.out, "feed.xml")).catch(() => null)).toBeNull();
    const saved = await stat(path.join(p.state, "sources", "board.json")).catch(() => null);
    expect(saved).toBeNull();
  }, 60_000);

  it("builds each tick with the config as it is on disk; an invalid edit keeps the last good one", async () => {
    const { config, p, child } = await watchEverySecond();
    const title = async () => (await readJson<{ title: string }>(path.join(p.out, "feed.json"))).title;
    expect(await title()).toBe("E2E");

    await writeFile(p.config, JSON.stringify({ ...config, site: { ...site, title: "Edited" } }));
    await child.waitForStderr(/config reloaded: .*feeds\.config\.json$/, 20_000);
    const reloaded = child.stderrLines.length;
    await waitForBuildLines(child, child.stderrLines.filter((l) => BUILD_LINE.test(l)).length + 1, 20_000);
    expect(await title()).toBe("Edited");

    await writeFile(p.config, "{ not json");
    await child.waitForStderr(/config not reloaded, building with the last good one: .*line 1/, 20_000);
    const builds = child.stderrLines.slice(reloaded).filter((l) => BUILD_LINE.test(l)).length;
    await waitForBuildLines(child, child.stderrLines.filter((l) => BUILD_LINE.test(l)).length + 1, 20_000);
    expect(builds).toBeGreaterThan(0);
    expect(await title()).toBe("Edited");

    child.process.kill("SIGTERM");
    expect((await child.exited).code).toBe(0);
  }, 90_000);

  it("with --state, an edit of the config's state.dir (unused then) does not block a reload", async () => {
    const { config, p, child } = await watchEverySecond((q) => ["--state", q.state]);
    await writeFile(
      p.config,
      JSON.stringify({ ...config, site: { ...site, title: "Edited" }, state: { dir: "elsewhere" } }),
    );
    await child.waitForStderr(/config reloaded: .*feeds\.config\.json$/, 20_000);
    await waitForBuildLines(child, child.stderrLines.filter((l) => BUILD_LINE.test(l)).length + 1, 20_000);
    expect((await readJson<{ title: string }>(path.join(p.out, "feed.json"))).title).toBe("Edited");
    expect(child.stderrLines.some((l) => l.includes("restart crier watch"))).toBe(false);
    child.process.kill("SIGTERM");
    expect((await child.exited).code).toBe(0);
  }, 90_000);

  it("stops cleanly on a SIGTERM sent as soon as it says it is watching", async () => {
    const { p } = await boardProject();
    const child = spawnCrier(["watch", "--config", p.config], p.dir);
    children.push(child);
    await child.waitForStderr(/watching 1 sources/, 20_000);
    child.process.kill("SIGTERM");
    const exit = await child.exited;
    expect(exit.signal).toBeNull();
    expect(exit.code).toBe(0);
    expect(child.stderrLines.at(-1)).toMatch(/stopped \(SIGTERM\) after 0 build\(s\)$/);
  }, 60_000);

  it("says in its log when a source is dead: on the source's FAILED line and in the build line", async () => {
    const { server } = await boardSite();
    const p = await project({
      site,
      schedule: "0 0 1 1 *",
      state: { failureThreshold: 1 },
      fetch: { retries: 0 },
      sources: [
        { id: "board", type: "feed", url: server.url("/rss") },
        { id: "gone", type: "feed", url: `${server.origin.replace(/:\d+$/, ":1")}/rss` },
      ],
    });
    const child = spawnCrier(["watch", "--config", p.config, "--run-now"], p.dir);
    children.push(child);
    const built = await child.waitForStderr(/build with failures/, 40_000);
    expect(built).toMatch(/build: 2 sources, 1 failed \(gone \[DEAD\]\)/);
    expect(child.stderrLines.find((l) => l.includes("source gone: FAILED:"))).toMatch(
      /1 consecutive failure\(s\)\) \[DEAD\]$/,
    );
    child.process.kill("SIGTERM");
    expect((await child.exited).code).toBe(0);
  }, 60_000);

  it("a SIGTERM during start-up, once it holds watch.lock, stops it with exit 0 and releases the lock", async () => {
    const { p } = await boardProject();
    const signalOnLock = fileURLToPath(new URL("../fixtures/worker/signalOnWatchLock.mjs", import.meta.url));
    const child = spawnCrier(["watch", "--config", p.config, "--run-now"], p.dir, ["--import", signalOnLock]);
    children.push(child);
    const exit = await child.exited;
    expect(exit.signal).toBeNull();
    expect(exit.code, child.stderrLines.join("\n")).toBe(0);
    expect(child.stderrLines.at(-1)).toMatch(/stopped \(SIGTERM\) before the first build$/);
    await expect(stat(path.join(p.state, "watch.lock"))).rejects.toMatchObject({ code: "ENOENT" });
    // Stopped before it started: nothing was built.
    await expect(stat(p.out)).rejects.toMatchObject({ code: "ENOENT" });
  }, 60_000);

  it("exits once stopped even when something still holds the event loop (work it gave up on)", async () => {
    const { p } = await boardProject();
    // Stands in for a build stuck in a read that cannot be aborted: a handle that never closes.
    const holdOpen = fileURLToPath(new URL("../fixtures/worker/holdEventLoop.mjs", import.meta.url));
    const child = spawnCrier(["watch", "--config", p.config, "--run-now"], p.dir, ["--import", holdOpen]);
    children.push(child);
    await child.waitForStderr(BUILD_LINE, 40_000);
    child.process.kill("SIGTERM");
    await child.waitForStderr(/stopped \(SIGTERM\) after 1 build\(s\)/, 20_000);
    const exit = await Promise.race([
      child.exited,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000)),
    ]);
    expect(exit, "still running 15 s after it stopped").not.toBeNull();
    expect(exit!.code).toBe(0);
    await expect(stat(path.join(p.state, "watch.lock"))).rejects.toMatchObject({ code: "ENOENT" });
  }, 60_000);

  it("a second watch on the same state folder exits 75 while the first keeps running", async () => {
    const { p } = await boardProject();
    const first = spawnCrier(["watch", "--config", p.config], p.dir);
    children.push(first);
    await first.waitForStderr(/watching 1 sources/, 20_000);
    const second = spawnCrier(["watch", "--config", p.config], p.dir);
    children.push(second);
    const exit = await second.exited;
    expect(exit.code).toBe(75);
    expect(second.stderrLines.join("\n")).toMatch(/another crier is running: pid \d+ has held .*watch\.lock/);
    // The first one is untouched, and a manual build still runs beside it.
    expect(first.process.exitCode).toBeNull();
    const build = spawnCrier(["build", "--config", p.config], p.dir);
    children.push(build);
    expect((await build.exited).code).toBe(0);
    first.process.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);
  }, 60_000);
});
