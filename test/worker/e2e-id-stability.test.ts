import { readFile } from "node:fs/promises";
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
