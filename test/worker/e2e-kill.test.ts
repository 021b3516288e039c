import { watch } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  assertComplete,
  type BuildJson,
  cleanedUpAfterEach,
  type FeedItem,
  isTempFile,
  listFiles,
  project,
  readJson,
  rssFeed,
  seededRandom,
  site,
  sleep,
  spawnCrier,
} from "../fixtures/worker/kit.js";
import { runCrier } from "../helpers/cli.js";
import { startServer } from "../helpers/server.js";

// Issue 5, test 5: `kill -9` at random moments of a real build (fetching, rendering, writing) never leaves a
// torn file in output/ or the state folder, and the next build cleans up and is correct.

const { servers, children } = cleanedUpAfterEach();

const SOURCES = 6;
const ITEMS = 40;
const KILLS = 5;
const SEED = 20240506;

describe("kill -9 in the middle of a build (CLI)", () => {
  it("leaves only complete files; the next build removes temp files and publishes every item", async () => {
    // Every request adds one item, so each build has new bytes to write (large feeds: a long write phase).
    const generation = new Array<number>(SOURCES).fill(0);
    const random = seededRandom(SEED);
    const filler = "Lorem ipsum dolor sit amet, 公告內容 consectetur adipiscing elit. ".repeat(12);
    const server = await startServer(async (req, res) => {
      const index = Number(/^\/feed\/(\d+)\.xml$/.exec(req.url ?? "")?.[1] ?? Number.NaN);
      if (!(index >= 0 && index < SOURCES)) return void res.writeHead(404).end();
      const gen = ++generation[index]!;
      const items: FeedItem[] = [];
      for (let k = 0; k < ITEMS + gen; k++) {
        items.push({
          guid: `s${index}-${k}`,
          title: `Source ${index} notice ${k}`,
          link: `https://s${index}.example/${k}`,
          pubDate: new Date(Date.UTC(2024, 0, 1) + (k * SOURCES + index) * 3_600_000).toUTCString(),
          description: `${k}: ${filler}`,
        });
      }
      await sleep(Math.floor(random() * 200));
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(rssFeed(`Source ${index}`, items.reverse()));
    });
    servers.push(server);
    const ids = Array.from({ length: SOURCES }, (_, i) => `s${i}`);
    const p = await project({
      site,
      output: { maxItems: 5000 },
      fetch: { retries: 0 },
      sources: ids.map((id, i) => ({ id, type: "feed", url: server.url(`/feed/${i}.xml`), maxItems: 1000 })),
      outputs: [
        { name: "first-half", title: "First half", sources: ids.slice(0, SOURCES / 2) },
        { name: "second-half", title: "Second half", sources: ids.slice(SOURCES / 2) },
        { name: "everything", title: "Everything", maxItems: 5000 },
      ],
    });
    const checkAllComplete = async () => {
      const temps: string[] = [];
      for (const root of [p.out, p.state]) {
        for (const file of await listFiles(root)) {
          if (isTempFile(file)) temps.push(file);
          else await assertComplete(path.join(root, file));
        }
      }
      return temps;
    };

    // A full build to start from, and a second one to time a build that has output to replace.
    expect((await runCrier(["build", "--config", p.config], { timeoutMs: 60_000 })).code).toBe(0);
    const timed = Date.now();
    expect((await runCrier(["build", "--config", p.config], { timeoutMs: 60_000 })).code).toBe(0);
    const buildMs = Date.now() - timed;

    let killed = 0;
    const leftovers: string[] = [];
    for (let round = 0; round < KILLS; round++) {
      // Spread over startup, fetching, rendering and writing; within 70% of the timed build, because under
      // load (the whole suite in parallel) that build can take twice as long as the ones killed here.
      const delay = Math.floor(buildMs * (0.1 + 0.6 * ((round + random()) / KILLS)));
      const child = spawnCrier(["build", "--config", p.config], p.dir);
      children.push(child);
      await sleep(delay);
      child.process.kill("SIGKILL");
      const exit = await child.exited;
      if (exit.signal === "SIGKILL") killed++;
      leftovers.push(...(await checkAllComplete()));
    }
    // Most kills must land inside a build, or this test proves nothing.
    expect(killed, `build took ${buildMs} ms`).toBeGreaterThanOrEqual(3);

    // And at least one exactly mid-write: kill the moment a temp file appears in output/ (bounded tries).
    let caughtMidWrite = 0;
    for (let attempt = 0; attempt < 3 && caughtMidWrite === 0; attempt++) {
      const child = spawnCrier(["build", "--config", p.config], p.dir);
      children.push(child);
      const watcher = watch(p.out, (_event, name) => {
        if (name && isTempFile(String(name))) child.process.kill("SIGKILL");
      });
      try {
        await child.exited;
      } finally {
        watcher.close();
      }
      const temps = await checkAllComplete();
      leftovers.push(...temps);
      if ((await listFiles(p.out)).some(isTempFile)) caughtMidWrite++;
    }
    expect(caughtMidWrite, "no kill landed while an output file was being written").toBe(1);

    const next = await runCrier(["build", "--config", p.config, "--json"], { timeoutMs: 60_000 });
    expect(next.code, next.stderr).toBe(0);
    expect(await checkAllComplete()).toEqual([]);
    const report = JSON.parse(next.stdout) as BuildJson;
    expect(report.sources.every((s) => s.ok)).toBe(true);

    // Every source's newest item (served to this last build) and its oldest one are published.
    const feed = await readJson<{ items: { title: string }[] }>(path.join(p.out, "feed.json"));
    const titles = new Set(feed.items.map((i) => i.title));
    for (let i = 0; i < SOURCES; i++) {
      const newest = ITEMS + generation[i]! - 1;
      expect(titles.has(`Source ${i} notice ${newest}`), `source ${i} item ${newest}`).toBe(true);
      expect(titles.has(`Source ${i} notice 0`)).toBe(true);
    }
    expect(feed.items).toHaveLength(sum(generation.map((g) => ITEMS + g)));
    const everything = await readJson<{ items: unknown[] }>(path.join(p.out, "everything", "feed.json"));
    expect(everything.items).toHaveLength(feed.items.length);
    const status = await readJson<{ sources: { ok: boolean }[] }>(path.join(p.state, "status.json"));
    expect(status.sources.map((s) => s.ok)).toEqual(ids.map(() => true));
    // Not an assertion target, but a useful line when the test is tuned: did kills hit the write phase?
    console.info(
      `kill -9: ${killed}/${KILLS} mid-build (build ≈ ${buildMs} ms, ${JSON.stringify(report.timings)}), temp files left: ${leftovers.length}`,
    );
  }, 240_000);
});

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
