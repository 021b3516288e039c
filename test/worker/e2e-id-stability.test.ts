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
