import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_DETAIL_ATTEMPTS } from "../../src/worker/detailRetries.js";
import {
  buildReport,
  countBy,
  noticeList,
  noticePage,
  project,
  type Route,
  rssFeed,
  type SiteLogEntry,
  site,
  siteHandler,
} from "../fixtures/worker/kit.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// Issue 5, test 1: the second build asks every source conditionally, gets 304s, and does not re-fetch the
// detail pages of an html source; a changed list fetches only the new detail page. A detail page that
// failed is asked for again at the next builds (up to MAX_DETAIL_ATTEMPTS failures).

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const LIST_DATE = "Wed, 01 May 2024 08:00:00 GMT";
const notices = [
  { path: "/notices/1.html", title: "Water supply interrupted on Elm Street", date: "2024-05-01" },
  { path: "/notices/2.html", title: "Library closed for stocktaking", date: "2024-04-28" },
];

/** `missing`: detail pages not served (404) until the test adds them. */
async function setUp({ missing = [] as string[] } = {}) {
  const routes = new Map<string, Route>();
  const log: SiteLogEntry[] = [];
  routes.set("/news.xml", {
    type: "application/rss+xml",
    etag: '"news-v1"',
    body: rssFeed("City news", [
      {
        guid: "n1",
        title: "Council meets on Monday",
        link: "https://city.example/n1",
        pubDate: "Mon, 06 May 2024 10:00:00 GMT",
      },
    ]),
  });
  // The list page has no ETag: its Last-Modified alone must make the second request conditional.
  routes.set("/notices/", {
    type: "text/html; charset=utf-8",
    lastModified: LIST_DATE,
    body: noticeList(notices),
  });
  for (const n of notices) {
    if (missing.includes(n.path)) continue;
    routes.set(n.path, {
      type: "text/html; charset=utf-8",
      body: noticePage(n.title, `Full text: ${n.title}.`),
    });
  }
  const server = await startServer(siteHandler(routes, log));
  servers.push(server);
  const p = await project({
    site,
    fetch: { retries: 0, timeoutMs: 5000 },
    sources: [
      { id: "news", type: "feed", url: server.url("/news.xml") },
      {
        id: "notices",
        type: "html",
        url: server.url("/notices/"),
        list: { item: "ul.list li", title: "a", link: "a@href", date: "span.date" },
        detail: { content: "#article" },
      },
    ],
  });
  return { routes, log, server, p };
}

const build = async (config: string) => (await buildReport(config)).json;

const libraryItem = async (out: string) => {
  const feed = JSON.parse(await readFile(path.join(out, "feed.json"), "utf8"));
  return feed.items.find((i: { title: string }) => i.title.startsWith("Library closed"));
};

describe("conditional GET across builds (CLI, loopback site)", () => {
  it("second build: every source answered 304 to a conditional request; no detail page fetched again", async () => {
    const { log, p } = await setUp();
    const first = await build(p.config);
    expect(first.sources.map((s) => [s.id, s.ok, s.items])).toEqual([
      ["news", true, 1],
      ["notices", true, 2],
    ]);
    // First build: plain GETs for everything, each detail page once.
    expect(log.every((e) => e.status === 200 && !e.ifNoneMatch && !e.ifModifiedSince)).toBe(true);
    expect(countBy(log, "/notices/1.html")).toBe(1);
    expect(countBy(log, "/notices/2.html")).toBe(1);
    const firstRequests = log.length;

    const second = await build(p.config);
    const secondLog = log.slice(firstRequests);
    expect(secondLog.map((e) => e.path).sort()).toEqual(["/news.xml", "/notices/"]);
    expect(secondLog.find((e) => e.path === "/news.xml")).toMatchObject({
      status: 304,
      ifNoneMatch: '"news-v1"',
    });
    expect(secondLog.find((e) => e.path === "/notices/")).toMatchObject({
      status: 304,
      ifModifiedSince: LIST_DATE,
    });
    for (const source of second.sources) expect(source).toMatchObject({ ok: true, notModified: true });
    expect(second.sources.find((s) => s.id === "notices")?.items).toBe(2);
    // The stored detail content is still published after the 304.
    const feed = JSON.parse(await readFile(path.join(p.out, "feed.json"), "utf8"));
    const water = feed.items.find((i: { title: string }) => i.title.startsWith("Water supply"));
    expect(water.content_html).toContain("Full text: Water supply interrupted on Elm Street.");
    expect(second.outputs.flatMap((o) => o.written)).toEqual([]);
  });

  it("a changed list page is fetched again, but only the new item's detail page is requested", async () => {
    const { routes, log, server, p } = await setUp();
    await build(p.config);
    await build(p.config);
    const added = { path: "/notices/3.html", title: "Road works on Harbour Road", date: "2024-05-07" };
    routes.set(added.path, {
      type: "text/html; charset=utf-8",
      body: noticePage(added.title, "Full text: road works."),
    });
    routes.set("/notices/", {
      type: "text/html; charset=utf-8",
      lastModified: "Tue, 07 May 2024 08:00:00 GMT",
      body: noticeList([added, ...notices]),
    });
    const before = log.length;
    const third = await build(p.config);
    const thirdLog = log.slice(before);
    expect(thirdLog.map((e) => `${e.path} ${e.status}`).sort()).toEqual([
      "/news.xml 304",
      "/notices/ 200",
      "/notices/3.html 200",
    ]);
    // Over three builds each old detail page was fetched exactly once.
    expect(countBy(log, "/notices/1.html")).toBe(1);
    expect(countBy(log, "/notices/2.html")).toBe(1);
    expect(third.sources.find((s) => s.id === "notices")).toMatchObject({ ok: true, items: 3 });
    const feed = JSON.parse(await readFile(path.join(p.out, "feed.json"), "utf8"));
    const titles = feed.items.map((i: { title: string }) => i.title);
    expect(titles).toEqual(expect.arrayContaining([added.title, ...notices.map((n) => n.title)]));
    // The old items kept the content of their (not re-fetched) detail pages.
    const library = feed.items.find((i: { title: string }) => i.title.startsWith("Library closed"));
    expect(library.content_html).toContain("Full text: Library closed for stocktaking.");
    expect(library.url).toBe(server.url("/notices/2.html"));
  });
});

describe("failed detail pages are tried again at later builds", () => {
  const page2 = notices[1]!.path;

  it("a page that failed once is fetched at the next build and its text published; then left alone", async () => {
    const { routes, log, p } = await setUp({ missing: [page2] });
    const first = await buildReport(p.config);
    expect(first.json.sources[1]).toMatchObject({ id: "notices", ok: true, items: 2 });
    expect(first.stderr).toMatch(/detail page \S+\/notices\/2\.html failed, kept the list entry/);
    expect((await libraryItem(p.out)).content_html ?? "").not.toContain("Full text: Library");

    routes.set(page2, {
      type: "text/html; charset=utf-8",
      body: noticePage(notices[1]!.title, "Full text: Library."),
    });
    const before = log.length;
    await build(p.config);
    const second = log.slice(before).filter((e) => e.path !== "/news.xml");
    // The list is read in full (a 304 would hide the item to retry), page 2 is asked for again, page 1 not.
    expect(second.map((e) => `${e.path} ${e.status} ${e.ifModifiedSince ?? "-"}`).sort()).toEqual([
      "/notices/ 200 -",
      "/notices/2.html 200 -",
    ]);
    expect((await libraryItem(p.out)).content_html).toContain("Full text: Library.");

    // Done with: the next build is a plain conditional 304 again.
    const third = log.length;
    await build(p.config);
    expect(log.slice(third).find((e) => e.path === "/notices/")).toMatchObject({
      status: 304,
      ifModifiedSince: LIST_DATE,
    });
    expect(countBy(log, "/notices/1.html")).toBe(1);
  });

  it(`a page that keeps failing is asked for ${MAX_DETAIL_ATTEMPTS} times in all, then given up with a warning`, async () => {
    const { log, p } = await setUp({ missing: [page2] });
    const givenUp = new RegExp(`detail page \\S+/notices/2\\.html failed ${MAX_DETAIL_ATTEMPTS} times`);
    const warned: boolean[] = [];
    for (let run = 1; run <= MAX_DETAIL_ATTEMPTS + 2; run++) {
      const { json, stderr } = await buildReport(p.config);
      expect(json.sources[1]).toMatchObject({ id: "notices", ok: true, items: 2 });
      warned.push(givenUp.test(stderr));
    }
    expect(countBy(log, page2)).toBe(MAX_DETAIL_ATTEMPTS);
    expect(countBy(log, "/notices/1.html")).toBe(1);
    expect(warned).toEqual(
      Array.from({ length: MAX_DETAIL_ATTEMPTS + 2 }, (_, i) => i === MAX_DETAIL_ATTEMPTS - 1),
    );
    // Once given up, the list is revalidated again instead of re-read.
    expect(log.filter((e) => e.path === "/notices/").map((e) => e.status)).toEqual([
      ...Array.from({ length: MAX_DETAIL_ATTEMPTS }, () => 200),
      304,
      304,
    ]);
    // The item stays published with its list fields all along.
    expect((await libraryItem(p.out)).url).toMatch(/\/notices\/2\.html$/);
  });
});
