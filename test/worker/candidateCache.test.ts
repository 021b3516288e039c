import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { openStateStore } from "../../src/store/index.js";
import { runBuild } from "../../src/worker/index.js";
import { makeArticle } from "../fixtures/article.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// Selection candidates of unchanged sources come from `candidates.cache.json` while their articles file is
// the one they were computed from; a replaced articles file or a damaged cache falls back to the file.

const opened = vi.hoisted(() => ({ paths: [] as string[] }));
vi.mock("node:fs/promises", async (importOriginal) =>
  (await import("../helpers/recordOpens.js")).recordOpens(
    await importOriginal<typeof import("node:fs/promises")>(),
    opened.paths,
  ),
);

interface Item {
  guid: string;
  date: string;
}

const feeds: Record<string, { version: number; items: Item[] }> = {};

function rss(items: Item[]): string {
  const entries = items
    .map(
      (i) =>
        `<item><title>${i.guid}</title><guid isPermaLink="false">${i.guid}</guid><link>https://news.example/${i.guid}</link><pubDate>${new Date(i.date).toUTCString()}</pubDate><description>body of ${i.guid}</description></item>`,
    )
    .join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://news.example/</link>${entries}</channel></rss>`;
}

let dir: string;
let server: LoopbackServer;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crier-candidates-"));
  for (const [id, year] of [
    ["s0", 2024],
    ["s1", 2023],
    ["s2", 2022],
    ["old", 2019],
  ] as const) {
    feeds[id] = {
      version: 1,
      items: [1, 2, 3].map((n) => ({ guid: `${id}-${n}`, date: `${year}-05-0${n}T08:00:00Z` })),
    };
  }
  server = await startServer((req, res) => {
    const id = (req.url ?? "").replace(/^\/feed\//, "");
    const feed = feeds[id];
    if (!feed) return void res.writeHead(404).end();
    const etag = `"${id}-v${feed.version}"`;
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { "content-type": "application/rss+xml", etag }).end(rss(feed.items));
  });
  await writeFile(
    path.join(dir, "feeds.config.json"),
    JSON.stringify({
      site: { title: "Cache", url: "https://cache.example/" },
      output: { maxItems: 4 },
      fetch: { retries: 0 },
      sources: Object.keys(feeds).map((id) => ({ id, type: "feed", url: server.url(`/feed/${id}`) })),
    }),
  );
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const build = async () => runBuild({ loaded: await loadConfig(path.join(dir, "feeds.config.json")) });
const publishedIds = async () =>
  JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8")).items.map(
    (i: { id: string }) => i.id,
  );
const articlesRead = () =>
  opened.paths.filter((p) => p.endsWith(".articles.json")).map((p) => path.basename(p, ".articles.json"));
function addItem(id: string, item: Item) {
  const feed = feeds[id]!;
  feed.items = [item, ...feed.items];
  feed.version++;
}

describe("candidate cache", () => {
  it("spares an incremental build the articles files of unchanged sources it does not publish", async () => {
    await build();
    const cache = JSON.parse(await readFile(path.join(dir, ".crier", "candidates.cache.json"), "utf8"));
    expect(Object.keys(cache.entries).sort()).toEqual(["old", "s0", "s1", "s2"]);

    addItem("s0", { guid: "s0-new", date: "2024-06-01T08:00:00Z" });
    opened.paths.length = 0;
    await build();
    // s0 changed (its new articles are in memory); s1, s2 and old come from the cache, and only the
    // articles files of sources with a published article are read back.
    expect(new Set(articlesRead())).toEqual(new Set(["s0"]));
    expect(await publishedIds()).toEqual(["s0-new", "s0-3", "s0-2", "s0-1"]);
  });

  it("does not trust an entry once the articles file was replaced behind crier's back", async () => {
    await build();
    // Another tool rewrites old's articles with a notice newer than everything else.
    const store = openStateStore(path.join(dir, ".crier"));
    const { state } = await store.loadSource("old");
    const newest = makeArticle("old-rewritten", {
      title: "rewritten",
      published: "2025-01-01T00:00:00.000Z",
      source: { id: "old", title: "t", url: null },
    });
    await store.saveSource({ ...state, articles: [newest, ...state.articles] });

    addItem("s1", { guid: "s1-new", date: "2023-06-01T08:00:00Z" });
    await build();
    expect((await publishedIds())[0]).toBe("old-rewritten");
  });

  it("ignores a damaged cache and writes a good one", async () => {
    await build();
    const file = path.join(dir, ".crier", "candidates.cache.json");
    await writeFile(file, '{"format":1,"entries":{"s1":{"key":"x","candidates":[{"id":');
    addItem("s2", { guid: "s2-new", date: "2024-07-01T08:00:00Z" });
    await build();
    expect(await publishedIds()).toEqual(["s2-new", "s0-3", "s0-2", "s0-1"]);
    expect(Object.keys(JSON.parse(await readFile(file, "utf8")).entries).sort()).toEqual([
      "old",
      "s0",
      "s1",
      "s2",
    ]);
  });
});
