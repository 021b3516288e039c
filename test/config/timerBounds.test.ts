import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";
import { runBuild } from "../../src/worker/index.js";
import { rssFeed } from "../fixtures/worker/kit.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// Node.js fires a timer longer than 2^31 − 1 ms after 1 ms: a generous fetch.timeoutMs or
// fetch.sourceDeadlineMs made every source fail at once ("source deadline of 2147483648 ms exceeded").

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function configFile(config: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "crier-timers-"));
  const file = path.join(dir, "feeds.config.json");
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

async function issuesOf(file: string): Promise<string[]> {
  const error = await loadConfig(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
}

const site = { title: "T", url: "https://feeds.example.org/" };

describe("fetch durations every timer can hold", () => {
  it("refuses a timeoutMs whose 3× attempt cap, or a sourceDeadlineMs, exceeds Node's timer limit", async () => {
    const file = await configFile({
      site,
      fetch: { timeoutMs: 715827883, sourceDeadlineMs: 2147483648 },
      sources: [{ id: "a", type: "feed", url: "https://a.example/rss" }],
    });
    expect(await issuesOf(file)).toEqual([
      "fetch.timeoutMs: must be at most 715827882 (about 8.3 days): a whole attempt may take 3 × timeoutMs, and Node.js cannot wait longer than 2147483647 ms (a longer timer fires at once)",
      "fetch.sourceDeadlineMs: must be at most 2147483647 (about 24.8 days): Node.js cannot wait longer (a longer timer fires at once)",
    ]);
  });

  it("builds with the largest accepted values: the source is fetched, not timed out at once", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(rssFeed("Slow Site", [{ guid: "1", title: "Kept", pubDate: "Mon, 03 Jun 2024 08:00:00 GMT" }]));
    });
    servers.push(server);
    const file = await configFile({
      site,
      fetch: { timeoutMs: 715827882, sourceDeadlineMs: 2147483647, retries: 0 },
      sources: [{ id: "a", type: "feed", url: server.url("/rss") }],
    });
    const loaded = await loadConfig(file);
    const report = await runBuild({ loaded, parseThreads: 0 });
    expect(report.sources).toMatchObject([{ id: "a", ok: true, items: 1 }]);
    expect(report.sources[0]!.error).toBeUndefined();
  });
});
