import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { FeedSourceConfig } from "../../src/config/index.js";
import type { FeedJob } from "../../src/worker/feedJob.js";
import { runFeedJob } from "../../src/worker/feedJob.js";
import type * as PoolModule from "../../src/worker/parsePool.js";
import { defaultParseThreads } from "../../src/worker/parsePool.js";
import { makeProject, ROOT, runCrier } from "../helpers/cli.js";

// The threads run dist/worker/parseThread.js: `npm test` builds dist first (pretest). Loaded from dist so
// the pool finds its compiled thread entry, as it does in `npx crier`.
const { createParsePool } = (await import(
  pathToFileURL(path.join(ROOT, "dist", "worker", "parsePool.js")).href
)) as typeof PoolModule;

const source: FeedSourceConfig = {
  id: "pool",
  type: "feed",
  url: "https://pool.example/feed.xml",
  enabled: true,
  transforms: [{ pattern: "\\s*\\[ad\\]", replace: "" }],
} as FeedSourceConfig;

function rss(items: number, extra = ""): Uint8Array {
  const entries = Array.from(
    { length: items },
    (_, i) => `<item><title>第${i}号通告 [ad]</title><link>https://pool.example/n/${i}</link>
<pubDate>Thu, 30 May 2019 0${i % 10}:00:00 +0800</pubDate>
<description><![CDATA[<p onclick="x()">正文 ${i} ${extra}</p><script>alert(1)</script>]]></description></item>`,
  ).join("\n");
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Pool</title>
<link>https://pool.example/</link>${entries}</channel></rss>`,
  );
}

const job = (body: Uint8Array): FeedJob => ({
  source,
  body,
  contentType: "application/rss+xml; charset=utf-8",
  documentUrl: "https://pool.example/feed.xml",
  defaultTimezone: "Asia/Shanghai",
  now: Date.parse("2026-11-25T00:00:00Z"),
});

const pools: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe("parser pool", () => {
  it("returns on a thread exactly the articles the in-process job returns", async () => {
    const pool = createParsePool(2);
    pools.push(pool);
    expect(pool.threads).toBe(2);
    const body = rss(12);
    const inProcess = await runFeedJob(job(body));
    const [a, b] = await Promise.all([pool.run(job(body)), pool.run(job(rss(3)))]);
    expect(a.articles).toEqual(inProcess.articles);
    expect(a.articles).toHaveLength(12);
    // Normalized there: transform applied, HTML sanitized, date resolved.
    expect(a.articles[0]!.title).toBe("第0号通告");
    expect(a.articles[0]!.content).not.toMatch(/script|onclick/);
    expect(a.articles[0]!.published).toBe("2019-05-29T16:00:00.000Z");
    expect(b.articles.map((x) => x.url)).toEqual([0, 1, 2].map((i) => `https://pool.example/n/${i}`));
    expect(a.timings.parse).toBeGreaterThan(0);
  });

  it("passes a parse failure back with its name and message", async () => {
    const pool = createParsePool(1);
    pools.push(pool);
    const body = new TextEncoder().encode("<html><body>not a feed</body></html>");
    const expected = await runFeedJob(job(body)).then(
      () => null,
      (error: Error) => error,
    );
    expect(expected).toBeInstanceOf(Error);
    await expect(pool.run(job(body))).rejects.toMatchObject({
      name: expected!.name,
      message: expected!.message,
    });
    // The thread survives a failed job.
    expect((await pool.run(job(rss(1)))).articles).toHaveLength(1);
  });

  it("stops a document still parsing when its source's deadline passes, and goes on with the next", async () => {
    const pool = createParsePool(1);
    pools.push(pool);
    // About 5 MB of items: seconds of parsing, far longer than the 100 ms deadline.
    const huge = rss(300, "字".repeat(6000));
    const controller = new AbortController();
    const reason = new Error("source deadline of 100 ms exceeded");
    setTimeout(() => controller.abort(reason), 100);
    const started = Date.now();
    await expect(pool.run(job(huge), controller.signal)).rejects.toBe(reason);
    const stoppedAfter = Date.now() - started;
    const parsedFully = await runFeedJob(job(huge)).then(() => Date.now() - started);
    expect(stoppedAfter).toBeLessThan(parsedFully);
    // A fresh thread takes the next job.
    expect((await pool.run(job(rss(2)))).articles).toHaveLength(2);
  });

  it("drops a queued job whose signal fires before a thread is free", async () => {
    const pool = createParsePool(1);
    pools.push(pool);
    const busy = pool.run(job(rss(200)));
    const controller = new AbortController();
    const queued = pool.run(job(rss(1)), controller.signal);
    controller.abort(new Error("shutdown"));
    await expect(queued).rejects.toThrow("shutdown");
    expect((await busy).articles).toHaveLength(200);
  });

  it("runs jobs in-process with 0 threads", async () => {
    const pool = createParsePool(0);
    pools.push(pool);
    expect(pool.threads).toBe(0);
    const result = await pool.run(job(rss(2)));
    expect(result.articles.map((a) => a.title)).toEqual(["第0号通告", "第1号通告"]);
  });

  it("reads CRIER_PARSE_THREADS, and names it when it is not a count", () => {
    expect(defaultParseThreads({ CRIER_PARSE_THREADS: "0" })).toBe(0);
    expect(defaultParseThreads({ CRIER_PARSE_THREADS: "3" })).toBe(3);
    // By core count: none on small machines, one core left to the main thread, at most 4.
    expect([1, 2, 3, 4, 8, 64].map((cores) => defaultParseThreads({}, cores))).toEqual([0, 0, 2, 3, 4, 4]);
    expect(() => defaultParseThreads({ CRIER_PARSE_THREADS: "two" })).toThrow(/CRIER_PARSE_THREADS.*"two"/);
  });
});

describe("crier build with parser threads", () => {
  it("publishes the same items whether feeds are parsed on threads or in-process", async () => {
    const config = {
      site: { title: "Threads", url: "https://threads.example/" },
      sources: [
        { id: "rss", type: "feed", url: "examples/feeds/city-news.rss.xml" },
        { id: "atom", type: "feed", url: "examples/feeds/water-board.atom.xml" },
        { id: "json", type: "feed", url: "examples/feeds/school.json" },
      ],
    };
    const published: unknown[] = [];
    for (const threads of ["2", "0"]) {
      const dir = await makeProject(config, { withExamples: true });
      // A library printing inside a parser thread (--import also runs in threads) must not reach stdout.
      const chatty = path.join(ROOT, "test", "fixtures", "cli", "chatty-thread.mjs");
      const result = await runCrier(["build", "--json"], {
        cwd: dir,
        env: { CRIER_PARSE_THREADS: threads, NODE_OPTIONS: `--import=${chatty}` },
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr.includes("thread chatter")).toBe(threads !== "0");
      const report = JSON.parse(result.stdout);
      expect(report.sources.map((s: { id: string; items: number }) => [s.id, s.items > 0])).toEqual([
        ["rss", true],
        ["atom", true],
        ["json", true],
      ]);
      const feed = JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8"));
      // Everything but the build-time dates (undated items get the build's first-seen time).
      published.push(
        feed.items.map((item: Record<string, unknown>) => [item.id, item.title, item.url, item.content_html]),
      );
    }
    expect((published[0] as unknown[]).length).toBeGreaterThan(3);
    expect(published[0]).toEqual(published[1]);
  });
});
