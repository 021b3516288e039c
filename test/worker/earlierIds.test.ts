import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import type { RawItem } from "../../src/model.js";
import { mintedId } from "../../src/normalize/ids.js";
import type { NormalizeContext } from "../../src/normalize/types.js";
import { emptySourceState, openStateStore } from "../../src/store/index.js";
import { keepEarlierIds } from "../../src/worker/earlierIds.js";
import { earlierReadings } from "../../src/worker/earlierReadings.js";
import { runBuild } from "../../src/worker/index.js";
import { makeArticle } from "../fixtures/article.js";
import { project, site } from "../fixtures/worker/kit.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// The feed adapter learned to read an RSS item's atom:link, a dc:title, feedburner:origLink and items of
// media alone. Items crier published before keep the ids they were published under (readers have them).

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<channel><title>Upgrade</title><link>https://example.org/</link><description>d</description>
<item><title>A</title><atom:link href="https://example.org/item"/></item>
<item><title>B</title><atom:link rel="payment" href="https://example.org/a"/><atom:link rel="alternate" href="https://example.org/b"/></item>
<item><dc:title>Dublin Core title</dc:title><description>Body text of the notice</description><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate></item>
<item><title>Via FeedBurner</title><link>http://feedproxy.google.com/~r/x/~3/abc/</link><feedburner:origLink>https://example.org/original</feedburner:origLink></item>
<item><enclosure url="https://example.org/only.mp3" type="audio/mpeg" length="1"/></item>
<item><media:thumbnail url="https://example.org/only-thumb.jpg"/></item>
</channel></rss>
`;

const SEEN = "2026-11-26T17:32:20.000Z";
const source = { id: "up", title: "Upgrade", url: "https://example.org/" };
/** The articles crier 0.1.0 (commit 9b7a49f) stored for FEED, ids and all, from a build with it. */
const STORED_BEFORE = [
  makeArticle("urn:crier:up:017cfff0ab29dc91", { title: "A", url: null, published: SEEN, source }),
  makeArticle("urn:crier:up:5b74a050a2803125", { title: "B", url: null, published: SEEN, source }),
  makeArticle("urn:crier:up:5b8bf3bfc91e0baf", {
    title: "Body text of the notice",
    url: null,
    published: "2024-01-01T10:00:00.000Z",
    source,
  }),
  makeArticle("http://feedproxy.google.com/~r/x/~3/abc/", {
    title: "Via FeedBurner",
    url: "http://feedproxy.google.com/~r/x/~3/abc/",
    published: SEEN,
    source,
  }),
  makeArticle("urn:crier:up:73f95f2404636b39", {
    title: "https://example.org/only.mp3",
    url: null,
    published: SEEN,
    source,
    enclosures: [{ url: "https://example.org/only.mp3", type: "audio/mpeg", length: 1 }],
  }),
];

async function feedItems(out: string): Promise<{ id: string; title: string; url: string }[]> {
  const feed = JSON.parse(await readFile(path.join(out, "feed.json"), "utf8"));
  return feed.items.map(({ id, title, url }: { id: string; title: string; url: string }) => ({
    id,
    title,
    url,
  }));
}

async function upgradeProject(stored: boolean) {
  const server = await startServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(FEED);
  });
  servers.push(server);
  const p = await project({
    site,
    fetch: { retries: 0 },
    sources: [{ id: "up", type: "feed", url: server.url("/feed") }],
  });
  if (stored) {
    // The state as the earlier crier left it.
    const firstSeen = Object.fromEntries(STORED_BEFORE.map((a) => [a.id, SEEN]));
    await openStateStore(p.state).saveSource({
      ...emptySourceState("up"),
      articles: STORED_BEFORE,
      firstSeen,
      lastSeen: { ...firstSeen },
      lastAttempt: SEEN,
      lastSuccess: SEEN,
      counters: { fetches: 1, notModified: 0, failures: 0 },
    });
  }
  const loaded = await loadConfig(p.config);
  let hour = 0;
  const build = () => runBuild({ loaded, now: () => new Date(Date.UTC(2026, 11, 1, hour++)) });
  return { p, build };
}

describe("ids across the feed adapter's upgrade", () => {
  it("keeps every id the earlier crier published, with the links it now reads; only the new item is new", async () => {
    const { p, build } = await upgradeProject(true);
    await build();
    const items = await feedItems(p.out);
    const byTitle = Object.fromEntries(items.map((i) => [i.title, i]));
    expect(byTitle.A).toMatchObject({ id: "urn:crier:up:017cfff0ab29dc91", url: "https://example.org/item" });
    expect(byTitle.B).toMatchObject({ id: "urn:crier:up:5b74a050a2803125", url: "https://example.org/b" });
    expect(byTitle["Dublin Core title"]?.id).toBe("urn:crier:up:5b8bf3bfc91e0baf");
    expect(byTitle["Via FeedBurner"]).toMatchObject({
      id: "http://feedproxy.google.com/~r/x/~3/abc/",
      url: "https://example.org/original",
    });
    expect(byTitle["https://example.org/only.mp3"]?.id).toBe("urn:crier:up:73f95f2404636b39");
    // The image-only item, skipped before, is the one new id: it takes none of the stored ones.
    const fresh = items.map((i) => i.id).filter((id) => !STORED_BEFORE.some((a) => a.id === id));
    expect(fresh).toEqual([mintedId("up", "https://example.org/only-thumb.jpg", null)]);
    expect(items).toHaveLength(6);

    // And so on, build after build.
    await build();
    expect(await feedItems(p.out)).toEqual(items);
  });

  it("gives a first build the ids the links and titles now make", async () => {
    const { p, build } = await upgradeProject(false);
    await build();
    const ids = (await feedItems(p.out)).map((i) => i.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "https://example.org/item",
        "https://example.org/b",
        "https://example.org/original",
        "urn:crier:up:73f95f2404636b39",
      ]),
    );
    expect(ids).not.toContain("urn:crier:up:5b8bf3bfc91e0baf");
  });
});

describe("earlierReadings and keepEarlierIds", () => {
  const context: NormalizeContext = {
    source: { id: "s", title: "S", url: null },
    documentUrl: "https://example.org/feed.xml",
    timezone: "UTC",
    now: new Date("2026-01-01T00:00:00Z"),
    transforms: [],
    language: null,
  };

  it("read nothing again when no item is marked", () => {
    expect(earlierReadings([{ title: "x", link: "https://example.org/x" }], context).size).toBe(0);
  });

  it("find the id an item's earlier reading gave, and the ids other items had beside it", () => {
    // Two links to one page: their ids keep the fragment; read without the atom:link, the first had none.
    const items: RawItem[] = [
      { title: "one", link: "https://example.org/p#a" },
      { title: "two", link: "https://example.org/p#b", earlier: { title: "two" } },
    ];
    const earlier = earlierReadings(items, context);
    expect(earlier.get("https://example.org/p#a")?.id).toBe("https://example.org/p");
    expect(earlier.get("https://example.org/p#b")?.id).toBe(mintedId("s", "two", null));
  });

  it("adopt a stored earlier id only when the fresh one is unknown and no other fresh article has it", () => {
    const stored = [makeArticle("old-1"), makeArticle("old-2"), makeArticle("https://example.org/kept")];
    const earlierOf = (id: string) => ({ id, title: "t", url: null, published: null, source: { id: "a" } });
    const earlier = new Map([
      ["new-1", earlierOf("old-1")],
      ["new-2", earlierOf("old-2")],
      ["http://example.org/kept", earlierOf("old-1")],
      ["new-3", earlierOf("gone")],
    ]);
    const fresh = ["new-1", "new-2", "old-2", "http://example.org/kept", "new-3"].map((id) =>
      makeArticle(id),
    );
    const ids = keepEarlierIds(fresh, earlier, stored).map((a) => a.id);
    // new-2's earlier id is a fresh article's own; the http id keeps its https form (keepStoredIds).
    expect(ids).toEqual(["old-1", "new-2", "old-2", "https://example.org/kept", "new-3"]);
  });
});
