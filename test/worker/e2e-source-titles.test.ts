import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { runBuild } from "../../src/worker/index.js";
import { project, rssFeed, site } from "../fixtures/worker/kit.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// README: a source's title defaults to "the feed's own title, else the id", in sources.opml and on the
// index page alike, whether or not any of its articles made it into the feed set.

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("source titles in sources.opml and index.html", () => {
  it("come from what each source said of itself, also when none of its articles is published", async () => {
    const server = await startServer((req, res) => {
      const feeds: Record<string, string> = {
        "/a": rssFeed("Alpha News", [
          {
            guid: "a1",
            title: "Old alpha",
            link: "https://alpha.example/1",
            pubDate: "Mon, 01 Jan 2024 00:00:00 GMT",
          },
        ]),
        "/b": rssFeed("Beta News", [
          {
            guid: "b1",
            title: "New beta",
            link: "https://beta.example/1",
            pubDate: "Fri, 05 Jan 2024 00:00:00 GMT",
          },
        ]),
        "/w": rssFeed("City Water Board", []),
      };
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(feeds[req.url ?? ""] ?? "");
    });
    servers.push(server);
    const p = await project({
      site,
      output: { maxItems: 1 },
      fetch: { retries: 0 },
      sources: [
        { id: "a", type: "feed", url: server.url("/a") },
        { id: "b", type: "feed", url: server.url("/b") },
        { id: "water", type: "feed", url: server.url("/w") },
      ],
    });
    const loaded = await loadConfig(p.config);
    const outlines = async () => {
      const opml = await readFile(path.join(p.out, "sources.opml"), "utf8");
      // The source outlines: those subscribing to the sources' own feeds (on the loopback server).
      return opml
        .split("\n")
        .filter((line) => line.includes('xmlUrl="http://127.0.0.1'))
        .map((line) => [/ text="([^"]*)"/.exec(line)?.[1], / htmlUrl="([^"]*)"/.exec(line)?.[1] ?? null]);
    };
    await runBuild({ loaded, now: () => new Date("2024-01-06T00:00:00Z") });
    const expected = [
      ["Alpha News", "https://alpha-news.example/"],
      ["Beta News", "https://beta-news.example/"],
      ["City Water Board", "https://city-water-board.example/"],
    ];
    expect(await outlines()).toEqual(expected);
    const index = await readFile(path.join(p.out, "index.html"), "utf8");
    for (const title of ["Alpha News", "City Water Board"]) expect(index).toContain(`>${title}<`);
    // A later build where the sources answer the same (read from the stored state) keeps them.
    await runBuild({ loaded, now: () => new Date("2024-01-06T01:00:00Z") });
    expect(await outlines()).toEqual(expected);
  });
});
