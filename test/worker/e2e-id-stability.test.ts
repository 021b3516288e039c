import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { runBuild } from "../../src/worker/index.js";
import { type FeedItem, project, rssFeed, site } from "../fixtures/worker/kit.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// Ids readers already have never change between builds: a later arrival or a change elsewhere must not
// re-deliver a published item under a new id.

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function feedIds(out: string): Promise<Record<string, string>> {
  const feed = JSON.parse(await readFile(path.join(out, "feed.json"), "utf8"));
  return Object.fromEntries(feed.items.map((i: { id: string; title: string }) => [i.title, i.id]));
}

describe("id stability across builds", () => {
  it("keeps a published bare guid when another source later brings the same guid", async () => {
    const feeds: Record<string, FeedItem[]> = {
      "/a": [
        { guid: "5", title: "A five", link: "http://a.example/5", pubDate: "Mon, 01 Jan 2024 10:00:00 GMT" },
      ],
      "/b": [],
    };
    const server = await startServer((req, res) => {
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(rssFeed("F", feeds[req.url ?? ""] ?? []));
    });
    servers.push(server);
    const p = await project({
      site,
      fetch: { retries: 0 },
      sources: [
        { id: "a", type: "feed", url: server.url("/a") },
        { id: "b", type: "feed", url: server.url("/b") },
      ],
    });
    const loaded = await loadConfig(p.config);
    await runBuild({ loaded, now: () => new Date("2024-01-03T00:00:00Z") });
    expect(await feedIds(p.out)).toEqual({ "A five": "5" });
    feeds["/b"] = [
      { guid: "5", title: "B five", link: "http://b.example/5", pubDate: "Tue, 02 Jan 2024 10:00:00 GMT" },
    ];
    await runBuild({ loaded, now: () => new Date("2024-01-03T01:00:00Z") });
    expect(await feedIds(p.out)).toEqual({ "A five": "5", "B five": "urn:crier:b:guid:5" });
    await runBuild({ loaded, now: () => new Date("2024-01-03T02:00:00Z") });
    expect(await feedIds(p.out)).toEqual({ "A five": "5", "B five": "urn:crier:b:guid:5" });
  });
});

describe("a bare guid published once never names another item", () => {
  // README (Dedupe, Ids): an item already published under a bare id keeps it, also once it has left the
  // feed or its source is gone; another source's item of that guid is written urn:crier:<source>:guid:<id>.
  const day = (d: number) => `${new Date(Date.UTC(2024, 0, d)).toUTCString()}`;
  const aSeven = (d = 1): FeedItem => ({
    guid: "7",
    title: "A seven",
    link: "http://a.example/7",
    pubDate: day(d),
  });
  const bOne: FeedItem = { guid: "b1", title: "B one", link: "http://b.example/1", pubDate: day(2) };
  const bSeven: FeedItem = { guid: "7", title: "B seven", link: "http://b.example/7", pubDate: day(3) };

  async function twoSources(output: object = {}) {
    const feeds: Record<string, FeedItem[]> = { "/a": [aSeven()], "/b": [bOne] };
    const server = await startServer((req, res) => {
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(rssFeed("F", feeds[req.url ?? ""] ?? []));
    });
    servers.push(server);
    const config = (ids: string[]) => ({
      site,
      output,
      fetch: { retries: 0 },
      sources: ids.map((id) => ({ id, type: "feed", url: server.url(`/${id}`) })),
    });
    const p = await project(config(["a", "b"]));
    let hour = 0;
    const build = async (ids = ["a", "b"]) => {
      await writeFile(p.config, JSON.stringify(config(ids)));
      await runBuild({
        loaded: await loadConfig(p.config),
        now: () => new Date(Date.UTC(2024, 0, 10, hour++)),
      });
    };
    return { feeds, p, build };
  }

  it("qualifies another source's guid 7 once the item published as 7 is past maxItems, and gives 7 back to it", async () => {
    const { feeds, p, build } = await twoSources({ maxItems: 2 });
    await build();
    expect(await feedIds(p.out)).toEqual({ "B one": "b1", "A seven": "7" });
    feeds["/b"] = [bSeven, bOne];
    await build();
    expect(await feedIds(p.out)).toEqual({ "B seven": "urn:crier:b:guid:7", "B one": "b1" });
    expect(await rssGuids(p.out)).toEqual({ "B seven": "urn:crier:b:guid:7", "B one": "b1" });
    // a's item comes back (re-dated): it keeps the id readers have; b's stays qualified.
    feeds["/a"] = [aSeven(5)];
    await build();
    expect(await feedIds(p.out)).toEqual({ "A seven": "7", "B seven": "urn:crier:b:guid:7" });
    expect(await rssGuids(p.out)).toEqual({ "A seven": "urn:crier:7", "B seven": "urn:crier:b:guid:7" });
  });

  it("qualifies it after the source of the item published as 7 was removed from the config, and re-added", async () => {
    const { feeds, p, build } = await twoSources();
    await build();
    expect(await feedIds(p.out)).toEqual({ "B one": "b1", "A seven": "7" });
    await build(["b"]);
    feeds["/b"] = [bSeven, bOne];
    await build(["b"]);
    expect(await feedIds(p.out)).toEqual({ "B seven": "urn:crier:b:guid:7", "B one": "b1" });
    await build(["a", "b"]);
    expect(await feedIds(p.out)).toEqual({ "B seven": "urn:crier:b:guid:7", "B one": "b1", "A seven": "7" });
  });

  it("reads a status.json written before crier remembered bare ids as it did: published ids stay", async () => {
    const { feeds, p, build } = await twoSources({ maxItems: 2 });
    const status = path.join(p.state, "status.json");
    const olderStatus = async () => {
      const { bareIds, ...rest } = JSON.parse(await readFile(status, "utf8"));
      expect(bareIds).toBeDefined();
      await writeFile(status, JSON.stringify(rest));
    };
    await build();
    await olderStatus();
    // The last build's picks still tell that a's item went out as 7.
    feeds["/b"] = [bSeven, bOne];
    await build();
    expect(await feedIds(p.out)).toEqual({ "B seven": "urn:crier:b:guid:7", "B one": "b1" });
    await olderStatus();
    feeds["/b"] = [bSeven, { ...bOne, title: "B one, corrected" }];
    await build();
    expect(await feedIds(p.out)).toEqual({ "B seven": "urn:crier:b:guid:7", "B one, corrected": "b1" });
  });
});

async function rssGuids(out: string): Promise<Record<string, string>> {
  const xml = await readFile(path.join(out, "feed.xml"), "utf8");
  return Object.fromEntries(
    [...xml.matchAll(/<item>[\s\S]*?<\/item>/g)].map((m) => [
      /<title>([^<]*)/.exec(m[0])![1],
      /<guid[^>]*>([^<]*)/.exec(m[0])![1],
    ]),
  );
}

/** An RSS feed of guid-less items (or with the given guids), n newest first. */
function guidlessFeed(items: { title: string; link: string; guid?: string; day: number }[]): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link>${i.guid ? `<guid isPermaLink="false">${i.guid}</guid>` : ""}` +
        `<pubDate>${new Date(Date.UTC(2024, 0, i.day)).toUTCString()}</pubDate><description>${i.title}</description></item>`,
    )
    .join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>C</title><link>http://c.example/</link><description>d</description>${body}</channel></rss>`;
}

describe("a source that changes its links or guids", () => {
  const items = (scheme: string, guid?: string) =>
    Array.from({ length: 6 }, (_, k) => {
      const n = 6 - k;
      return {
        title: `Item ${n}`,
        link: `${scheme}://c.example/n/${n}`,
        day: n,
        ...(guid ? { guid: `${guid}-${n}` } : {}),
      };
    });

  it.each([
    [
      "moves its links from http to https (no guids): ids stay",
      items("http"),
      items("https"),
      "http://c.example/n/",
    ],
    [
      "changes its guids, links unchanged: the new ids, once",
      items("http", "old"),
      items("http", "new"),
      "new-",
    ],
  ])("%s, and every listed item stays published", async (_name, before, after, idPrefix) => {
    let current = before;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(guidlessFeed(current));
    });
    servers.push(server);
    const p = await project({
      site,
      output: { maxItems: 4 },
      fetch: { retries: 0 },
      sources: [{ id: "c", type: "feed", url: server.url("/c") }],
    });
    const loaded = await loadConfig(p.config);
    await runBuild({ loaded, now: () => new Date("2024-02-01T00:00:00Z") });
    current = after;
    for (const hour of [1, 2]) {
      const report = await runBuild({ loaded, now: () => new Date(`2024-02-01T0${hour}:00:00Z`) });
      expect(report.sources[0]).toMatchObject({ ok: true, items: 6 });
      const ids = await feedIds(p.out);
      expect(Object.keys(ids)).toEqual(["Item 6", "Item 5", "Item 4", "Item 3"]);
      expect(Object.values(ids)).toEqual([6, 5, 4, 3].map((n) => `${idPrefix}${n}`));
    }
  });
});
