import { readFile, rm, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type BuildJson,
  cleanedUpAfterEach,
  type FeedItem,
  project,
  rssFeed,
  site,
  sleep,
  spawnCrier,
} from "../fixtures/worker/kit.js";
import { runCrier } from "../helpers/cli.js";
import { startServer } from "../helpers/server.js";

// Recovery from state that no longer matches the output: lost articles files, and a build killed between
// saving a source's new articles and publishing them.

const { servers, children } = cleanedUpAfterEach();

const items = (prefix: string, count: number): FeedItem[] =>
  Array.from({ length: count }, (_, k) => ({
    guid: `${prefix}-${k}`,
    title: `${prefix} notice ${k}`,
    link: `https://${prefix}.example/${k}`,
    pubDate: new Date(Date.UTC(2024, 4, 1 + k)).toUTCString(),
  }));

/** A feed server with ETags: a conditional request for the current version gets 304. */
async function etagServer(feeds: Record<string, FeedItem[]>, hold: Set<string> = new Set()) {
  const server = await startServer(async (req, res) => {
    const name = req.url!.slice(1);
    const list = feeds[name];
    if (!list) return void res.writeHead(404).end();
    while (hold.has(name)) await sleep(20);
    const etag = `"${name}-${list.length}"`;
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
    res
      .writeHead(200, { "content-type": "application/rss+xml", etag })
      .end(rssFeed(name, [...list].reverse()));
  });
  servers.push(server);
  return server;
}

const itemCount = async (file: string) =>
  (JSON.parse(await readFile(file, "utf8")) as { items: unknown[] }).items.length;

describe("a source whose articles file is lost", () => {
  for (const damage of ["truncated", "deleted"] as const) {
    it(`is downloaded again in the same build when its articles file is ${damage}`, async () => {
      const server = await etagServer({ news: items("news", 3) });
      const p = await project({ site, sources: [{ id: "news", type: "feed", url: server.url("/news") }] });
      const build = async () => {
        const result = await runCrier(["build", "--config", p.config, "--json"], { cwd: p.dir });
        expect(result.code, result.stderr).toBe(0);
        return { json: JSON.parse(result.stdout) as BuildJson, stderr: result.stderr };
      };
      await build();
      expect(await itemCount(path.join(p.out, "feed.json"))).toBe(3);

      const file = path.join(p.state, "sources", "news.articles.json");
      if (damage === "truncated") await truncate(file, 40);
      else await rm(file);
      // A changed site title makes the build render (a no-change build never reads articles back).
      const config = JSON.parse(await readFile(p.config, "utf8"));
      await writeFile(p.config, JSON.stringify({ ...config, site: { ...site, title: "E2E again" } }));
      const before = server.requests.length;
      const second = await build();
      expect(second.stderr).toMatch(/news\.articles\.json (is not valid JSON|is missing)/);
      // The 304 to the conditional request, then an unconditional download.
      const sent = server.requests.slice(before);
      expect(sent.map((r) => Boolean(r.headers["if-none-match"]))).toEqual([true, false]);
      expect(second.json.sources[0]).toMatchObject({ id: "news", ok: true, items: 3 });
      expect(await itemCount(path.join(p.out, "feed.json"))).toBe(3);

      const status = JSON.parse(await readFile(path.join(p.state, "status.json"), "utf8"));
      expect(status.sources[0].items).toBe(3);
    }, 60_000);
  }
});

describe("kill -9 after a source's new articles were saved, before publishing", () => {
  it("the next build publishes them, although every source then answers 304", async () => {
    const feeds = { changing: items("changing", 3), slow: items("slow", 2) };
    const hold = new Set<string>();
    const server = await etagServer(feeds, hold);
    const p = await project({
      site,
      fetch: { concurrency: 2, retries: 0 },
      sources: [
        { id: "changing", type: "feed", url: server.url("/changing") },
        { id: "slow", type: "feed", url: server.url("/slow") },
      ],
    });
    const build = async () => {
      const result = await runCrier(["build", "--config", p.config, "--json"], { cwd: p.dir });
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as BuildJson;
    };
    await build();
    expect(await itemCount(path.join(p.out, "feed.json"))).toBe(5);

    // New items on one source; the other answers only when released, so the build is caught in between.
    feeds.changing = items("changing", 7);
    hold.add("slow");
    const child = spawnCrier(["build", "--config", p.config], p.dir);
    children.push(child);
    // The state file is written after the articles file: once it has the new ETag, both are saved.
    const stateFile = path.join(p.state, "sources", "changing.json");
    for (let waited = 0; ; waited += 25) {
      const text = await readFile(stateFile, "utf8").catch(() => "");
      if (text.includes('changing-7\\"')) break;
      if (waited > 20_000) throw new Error("the new articles were never saved");
      await sleep(25);
    }
    child.process.kill("SIGKILL");
    await child.exited;
    hold.clear();
    expect(await itemCount(path.join(p.out, "feed.json"))).toBe(5);

    const next = await build();
    expect(next.sources.map((s) => s.notModified)).toEqual([true, true]);
    expect(await itemCount(path.join(p.out, "feed.json"))).toBe(9);
  }, 60_000);
});

describe("a source whose config changed", () => {
  /** A static server: Last-Modified per document, 304 when If-Modified-Since is not older (RFC 9110). */
  async function staticServer(docs: Record<string, { modified: string; items: FeedItem[] }>) {
    const server = await startServer((req, res) => {
      const doc = docs[req.url!.slice(1)];
      if (!doc) return void res.writeHead(404).end();
      const since = Date.parse(String(req.headers["if-modified-since"] ?? ""));
      if (since >= Date.parse(doc.modified)) return void res.writeHead(304).end();
      res
        .writeHead(200, { "content-type": "application/rss+xml", "last-modified": doc.modified })
        .end(rssFeed(req.url!.slice(1), doc.items));
    });
    servers.push(server);
    return server;
  }

  const titles = async (file: string) =>
    (JSON.parse(await readFile(file, "utf8")) as { items: { title: string }[] }).items.map((i) => i.title);

  it("is downloaded in full: the old URL's validators are not sent to the new one", async () => {
    const server = await staticServer({
      old: { modified: "Sat, 01 Jun 2024 00:00:00 GMT", items: items("old", 1) },
      new: { modified: "Mon, 01 Jan 2024 00:00:00 GMT", items: items("new", 1) },
    });
    const source = { id: "news", type: "feed", url: server.url("/old") };
    const p = await project({ site, sources: [source] });
    const build = async () => {
      const result = await runCrier(["build", "--config", p.config], { cwd: p.dir });
      expect(result.code, result.stderr).toBe(0);
      return result.stderr;
    };
    await build();
    await writeFile(p.config, JSON.stringify({ site, sources: [{ ...source, url: server.url("/new") }] }));
    const before = server.requests.length;
    expect(await build()).toMatch(/news: its config changed since the last download/);
    const sent = server.requests.slice(before);
    expect(sent.map((r) => [r.url, r.headers["if-modified-since"]])).toEqual([["/new", undefined]]);
    expect(await titles(path.join(p.out, "feed.json"))).toContain("new notice 0");
    // From then on, conditional again.
    await build();
    expect(server.requests.at(-1)!.headers["if-modified-since"]).toBe("Mon, 01 Jan 2024 00:00:00 GMT");
  }, 60_000);

  it("is read again with its new transforms, although the server would answer 304", async () => {
    const server = await staticServer({
      feed: { modified: "Sat, 01 Jun 2024 00:00:00 GMT", items: items("feed", 1) },
    });
    const source = { id: "news", type: "feed", url: server.url("/feed") };
    const p = await project({ site, sources: [source] });
    expect((await runCrier(["build", "--config", p.config], { cwd: p.dir })).code).toBe(0);
    expect(await titles(path.join(p.out, "feed.json"))).toEqual(["feed notice 0"]);
    const transforms = [{ pattern: "notice", replace: "NOTICE", field: "title" }];
    await writeFile(p.config, JSON.stringify({ site, sources: [{ ...source, transforms }] }));
    expect((await runCrier(["build", "--config", p.config], { cwd: p.dir })).code).toBe(0);
    expect(await titles(path.join(p.out, "feed.json"))).toEqual(["feed NOTICE 0"]);
  }, 60_000);
});
