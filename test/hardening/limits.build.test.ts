import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeProject, runCrier } from "../helpers/cli.js";
import { type FaultServer, startFaultServer } from "./faultServer.js";
import { storedArticles } from "./outputFiles.js";
import { runMeasured } from "./runMeasured.js";

// Limits found missing by the hardening tests (they ran as it.fails until fixed).

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("limits: huge item counts", () => {
  // A 1 MiB feed (within fetch.maxBytes) holding 20,000 minimal items peaks at ~250 MB RSS and stores all
  // 20,000 articles (~10 MB of state) though the source says maxItems: 50, and every later build loads them
  // again. src/worker/build.ts mergeWithPrevious keeps Math.max(cap, fresh.length) articles; the feed
  // reader (src/sources/feed) has no cap on entries per document. Fix: keep at most a fixed number of
  // entries per document (e.g. 1000, with a warning), and cap fresh items in mergeWithPrevious too.
  it("bounds what one source of 20,000 tiny items stores and costs", async () => {
    server = await startFaultServer({ gzipBomb: Buffer.alloc(0) });
    const dir = await makeProject({
      site: { title: "Many", url: "https://many.example/" },
      fetch: { maxBytes: 1024 * 1024 },
      sources: [{ id: "many", type: "feed", url: server.url("/fault/many"), maxItems: 50 }],
    });
    const run = await runMeasured(["build", "--config", path.join(dir, "feeds.config.json"), "--json"], {
      cwd: dir,
      timeoutMs: 60_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect((await storedArticles(path.join(dir, ".crier"), "many")).length).toBeLessThanOrEqual(1000);
    expect(run.peakRssMb).toBeLessThan(300);
  });
});

describe("limits: deeply nested HTML", () => {
  // src/sources/html (readHtmlSource.ts and extractList.ts both call cheerio `load`, i.e. parse5): parse5 is
  // quadratic in nesting depth (10,000 divs ≈ 1.3 s, 20,000 ≈ 14 s, a 2 MB page of 200,000 ran > 10 min),
  // and the synchronous parse cannot be interrupted by the source deadline, so one hostile list or detail
  // page stalls the whole build. Fix: before `load`, a linear depth pre-scan (like
  // sources/feed/xml/maxElementDepth.ts, skipping void elements) that refuses pages nested deeper than ~512
  // with a clear error; parse the list page once and hand the CheerioAPI to extractList.
  it("a deeply nested list page fails the source within its deadline", async () => {
    server = await startFaultServer({ gzipBomb: Buffer.alloc(0) });
    const dir = await makeProject({
      site: { title: "Deep", url: "https://deep.example/" },
      fetch: { sourceDeadlineMs: 3000, retries: 0 },
      sources: [
        {
          id: "deep-list",
          type: "html",
          url: server.url("/html/deep-list"),
          list: { item: "ul.list li", title: "a", link: "a@href", date: "span.date" },
        },
        { id: "good", type: "feed", url: server.url("/good/rss.xml") },
      ],
    });
    const result = await runCrier(["build", "--config", path.join(dir, "feeds.config.json"), "--json"], {
      cwd: dir,
      timeoutMs: 120_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    // Without the depth check the source succeeded after ~12 s of parsing, long past its 3 s deadline.
    expect(report.sources[0]).toMatchObject({ id: "deep-list", ok: false });
    expect(report.sources[0].error).toMatch(/nest|deep/i);
    expect(report.durationMs).toBeLessThan(3000 + 4500);
    expect(report.sources[1]).toMatchObject({ id: "good", ok: true, items: 3 });
  }, 120_000);
});
