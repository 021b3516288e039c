import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_DETAIL_ATTEMPTS } from "../../src/worker/detailRetries.js";
import {
  type BuildJson,
  countBy,
  noticeList,
  noticePage,
  project,
  type Route,
  type SiteLogEntry,
  site,
  siteHandler,
} from "../fixtures/worker/kit.js";
import { runCrier } from "../helpers/cli.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// A detail page that failed is published with its list entry at once and asked for again at the next runs
// (a published item's page is otherwise never fetched again), up to MAX_DETAIL_ATTEMPTS failures.

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const LIST_DATE = "Wed, 01 May 2024 08:00:00 GMT";
const notices = [
  { path: "/notices/1.html", title: "Water supply interrupted on Elm Street", date: "2024-05-01" },
  { path: "/notices/2.html", title: "Library closed for stocktaking", date: "2024-04-28" },
];

/** The list and page 1 are served; page 2 is missing (404) until the test adds it. */
async function setUp() {
  const routes = new Map<string, Route>();
  const log: SiteLogEntry[] = [];
  routes.set("/notices/", {
    type: "text/html; charset=utf-8",
    lastModified: LIST_DATE,
    body: noticeList(notices),
  });
  routes.set(notices[0]!.path, {
    type: "text/html; charset=utf-8",
    body: noticePage(notices[0]!.title, "Full text: water."),
  });
  const server = await startServer(siteHandler(routes, log));
  servers.push(server);
  const p = await project({
    site,
    fetch: { retries: 0, timeoutMs: 5000 },
    sources: [
      {
        id: "notices",
        type: "html",
        url: server.url("/notices/"),
        list: { item: "ul.list li", title: "a", link: "a@href", date: "span.date" },
        detail: { content: "#article" },
      },
    ],
  });
  return { routes, log, p };
}

const build = async (config: string) => {
  const result = await runCrier(["build", "--config", config, "--json"], { timeoutMs: 30_000 });
  expect(result.code, result.stderr).toBe(0);
  return { json: JSON.parse(result.stdout) as BuildJson, stderr: result.stderr };
};

const libraryItem = async (out: string) => {
  const feed = JSON.parse(await readFile(path.join(out, "feed.json"), "utf8"));
  return feed.items.find((i: { title: string }) => i.title.startsWith("Library closed"));
};

describe("failed detail pages are tried again at later builds", () => {
  it("a page that failed once is fetched at the next build and its text published; then left alone", async () => {
    const { routes, log, p } = await setUp();
    const first = await build(p.config);
    expect(first.json.sources[0]).toMatchObject({ ok: true, items: 2 });
    expect(first.stderr).toMatch(/detail page \S+\/notices\/2\.html failed, kept the list entry/);
    expect((await libraryItem(p.out)).content_html ?? "").not.toContain("Full text: library");

    routes.set(notices[1]!.path, {
      type: "text/html; charset=utf-8",
      body: noticePage(notices[1]!.title, "Full text: library."),
    });
    const before = log.length;
    await build(p.config);
    const second = log.slice(before);
    // The list is read in full (a 304 would hide the item to retry), page 2 is asked for again, page 1 not.
    expect(second.find((e) => e.path === "/notices/")).toMatchObject({ status: 200 });
    expect(second.find((e) => e.path === "/notices/")?.ifModifiedSince).toBeUndefined();
    expect(second.map((e) => e.path).sort()).toEqual(["/notices/", "/notices/2.html"]);
    const library = await libraryItem(p.out);
    expect(library.content_html).toContain("Full text: library.");

    // Done with: the next build is a plain conditional 304 again.
    const third = log.length;
    await build(p.config);
    expect(log.slice(third)).toEqual([{ path: "/notices/", status: 304, ifModifiedSince: LIST_DATE }]);
    expect(countBy(log, "/notices/1.html")).toBe(1);
  });

  it(`a page that keeps failing is asked for ${MAX_DETAIL_ATTEMPTS} times in all, then given up with a warning`, async () => {
    const { log, p } = await setUp();
    const warnings: string[] = [];
    for (let run = 1; run <= MAX_DETAIL_ATTEMPTS + 2; run++) {
      const { json, stderr } = await build(p.config);
      expect(json.sources[0]).toMatchObject({ ok: true, items: 2 });
      warnings.push(stderr);
    }
    expect(countBy(log, "/notices/2.html")).toBe(MAX_DETAIL_ATTEMPTS);
    expect(countBy(log, "/notices/1.html")).toBe(1);
    const givenUp = new RegExp(`detail page \\S+/notices/2\\.html failed ${MAX_DETAIL_ATTEMPTS} times`);
    expect(warnings.map((w) => givenUp.test(w))).toEqual(
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
