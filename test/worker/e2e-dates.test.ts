import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { runBuild } from "../../src/worker/index.js";
import { type FeedItem, project, rssFeed, site } from "../fixtures/worker/kit.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// Issue 5, test 3: an undated item is dated by when crier first saw it — and keeps that date in every later
// build; an item dated far in the future is clamped to its first sighting. runBuild in process, with a clock.

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const T1 = new Date("2024-05-01T06:00:00.000Z");
const T2 = new Date(T1.getTime() + 3 * 24 * 60 * 60 * 1000);

/** entry title → its <published> (or <updated>) in atom.xml */
function atomDates(xml: string): Record<string, string> {
  const dates: Record<string, string> = {};
  for (const entry of xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? []) {
    const title = /<title[^>]*>(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?<\/title>/.exec(entry)?.[1] ?? "";
    const date =
      /<published>([^<]+)<\/published>/.exec(entry)?.[1] ?? /<updated>([^<]+)<\/updated>/.exec(entry)?.[1];
    if (date) dates[title] = new Date(date).toISOString();
  }
  return dates;
}

async function jsonDates(file: string): Promise<Record<string, string>> {
  const feed = JSON.parse(await readFile(file, "utf8"));
  return Object.fromEntries(
    feed.items.map((i: { title: string; date_published: string }) => [
      i.title,
      new Date(i.date_published).toISOString(),
    ]),
  );
}

/** An html notice list (Asia/Shanghai) served from `page()` as it is at each request, and its project. */
async function htmlListProject(page: () => string, list: Record<string, string>) {
  const server = await startServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page());
  });
  servers.push(server);
  const p = await project({
    site,
    timezone: "Asia/Shanghai",
    fetch: { retries: 0 },
    sources: [{ id: "gaj", type: "html", url: server.url("/list.html"), list }],
  });
  return { p, loaded: await loadConfig(p.config) };
}

describe("first-seen dates across builds (runBuild with an injected clock)", () => {
  it("keeps an undated item's date at T1 three days later, and clamps a far-future date to first-seen", async () => {
    let items: FeedItem[] = [
      { guid: "undated-1", title: "Undated notice", link: "https://board.example/u1" },
      {
        guid: "future-1",
        title: "Notice from the future",
        link: "https://board.example/f1",
        pubDate: "Sat, 01 Jun 2024 00:00:00 GMT",
      },
      {
        guid: "dated-1",
        title: "Dated notice",
        link: "https://board.example/d1",
        pubDate: "Sat, 20 Apr 2024 09:00:00 GMT",
      },
    ];
    const requests: number[] = [];
    const server = await startServer((_req, res) => {
      requests.push(Date.now());
      // No validators: every build re-reads and re-normalizes the feed, so the date must come from state.
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed("Board", items));
    });
    servers.push(server);
    const p = await project({
      site,
      fetch: { retries: 0 },
      sources: [{ id: "board", type: "feed", url: server.url("/rss") }],
    });
    const loaded = await loadConfig(p.config);

    const first = await runBuild({ loaded, now: () => T1 });
    expect(first.sources[0]).toMatchObject({ id: "board", ok: true, items: 3 });
    const expectedT1 = {
      "Undated notice": T1.toISOString(),
      // Second in the feed: first seen a second before the first, so the two keep the feed's order.
      "Notice from the future": new Date(T1.getTime() - 1000).toISOString(),
      "Dated notice": "2024-04-20T09:00:00.000Z",
    };
    expect(await jsonDates(path.join(p.out, "feed.json"))).toEqual(expectedT1);
    expect(atomDates(await readFile(path.join(p.out, "atom.xml"), "utf8"))).toEqual(expectedT1);

    // Three days later the same items come back (plus a new undated one).
    items = [
      { guid: "undated-2", title: "Second undated notice", link: "https://board.example/u2" },
      ...items,
    ];
    const second = await runBuild({ loaded, now: () => T2 });
    expect(requests).toHaveLength(2);
    expect(second.sources[0]).toMatchObject({ ok: true, items: 4 });
    const expectedT2 = { ...expectedT1, "Second undated notice": T2.toISOString() };
    expect(await jsonDates(path.join(p.out, "feed.json"))).toEqual(expectedT2);
    expect(atomDates(await readFile(path.join(p.out, "atom.xml"), "utf8"))).toEqual(expectedT2);
    const rss = await readFile(path.join(p.out, "feed.xml"), "utf8");
    const undated = /<item>(?:(?!<\/item>)[\s\S])*?Undated notice[\s\S]*?<\/item>/.exec(rss)?.[0] ?? "";
    expect(undated).toContain(`<pubDate>${T1.toUTCString()}</pubDate>`);

    // The first-seen map is what carries the date: it is in the state file.
    const state = JSON.parse(await readFile(path.join(p.state, "sources", "board.json"), "utf8"));
    expect(Object.values(state.firstSeen)).toContain(T1.toISOString());
    expect(Object.values(state.firstSeen)).toContain(T2.toISOString());
  }, 60_000);
});

describe("undated items of one read", () => {
  it("keep the feed's order (not their ids'), and a new one on top of a later read sorts above them", async () => {
    // Newest first, as feeds list them; their ids sort the other way round.
    let items: FeedItem[] = ["3", "2", "1"].map((n) => ({ guid: `item-${n}`, title: `Undated ${n}` }));
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed("Folha", items));
    });
    servers.push(server);
    const p = await project({
      site,
      fetch: { retries: 0 },
      sources: [{ id: "folha", type: "feed", url: server.url("/rss") }],
    });
    const loaded = await loadConfig(p.config);
    const listed = async () => {
      const feed = JSON.parse(await readFile(path.join(p.out, "feed.json"), "utf8"));
      return feed.items.map((i: { title: string; date_published: string }) => [i.title, i.date_published]);
    };

    await runBuild({ loaded, now: () => T1 });
    const first = await listed();
    expect(first.map(([title]: string[]) => title)).toEqual(["Undated 3", "Undated 2", "Undated 1"]);
    expect(first[0][1]).toBe(T1.toISOString());

    // Three days later a new undated item is on top: it comes first, the others keep their dates and order.
    items = [{ guid: "item-4", title: "Undated 4" }, ...items];
    await runBuild({ loaded, now: () => T2 });
    expect(await listed()).toEqual([["Undated 4", T2.toISOString()], ...first]);
    const state = JSON.parse(await readFile(path.join(p.state, "sources", "folha.json"), "utf8"));
    expect(state.firstSeen["item-4"]).toBe(T2.toISOString());
    expect(state.firstSeen["item-1"]).toBe(first[2][1]);
  }, 60_000);
});

describe("year-less list dates across builds", () => {
  it("keeps a pinned notice's year-less date in the year it was first read, a year later", async () => {
    let entries = [
      ["t1.html", "[置顶] 关于公布110报警电话使用须知的通告", "03-15"],
      ["t2.html", "春季防火提示", "03-18"],
      ["t4.html", "值班提示", "3小时前"],
    ];
    const { p, loaded } = await htmlListProject(
      () =>
        `<!doctype html><ul class="list">${entries.map(([href, title, date]) => `<li><a href="${href}">${title}</a><span>${date}</span></li>`).join("")}</ul>`,
      { item: "ul.list li", title: "a", date: "span" },
    );
    await runBuild({ loaded, now: () => new Date("2026-03-20T02:00:00Z") });
    const first = await jsonDates(path.join(p.out, "feed.json"));
    expect(first).toEqual({
      "[置顶] 关于公布110报警电话使用须知的通告": "2026-03-14T16:00:00.000Z",
      春季防火提示: "2026-03-17T16:00:00.000Z",
      值班提示: "2026-03-19T23:00:00.000Z",
    });
    entries = [...entries, ["t3.html", "清明节祭扫提示", "03-19"]];
    await runBuild({ loaded, now: () => new Date("2027-03-20T02:00:00Z") });
    expect(await jsonDates(path.join(p.out, "feed.json"))).toEqual({
      ...first,
      清明节祭扫提示: "2027-03-18T16:00:00.000Z",
      // A relative date is read once, when the item is first seen.
      值班提示: "2026-03-19T23:00:00.000Z",
    });
  });
});

describe("dates read relative to the fetch keep their first reading", () => {
  it("keeps a link-less notice's id and date while its relative or year-less date is re-read", async () => {
    let entries = [
      ["停电通知：明日检修", "3小时前"],
      ["春季防火提示", "03-18"],
    ];
    const { p, loaded } = await htmlListProject(
      () =>
        `<!doctype html><ul class="list">${entries.map(([title, date]) => `<li><b>${title}</b><span>${date}</span></li>`).join("")}</ul>`,
      { item: "ul.list li", title: "b", date: "span" },
    );
    const ids = async () => {
      const feed = JSON.parse(await readFile(path.join(p.out, "feed.json"), "utf8"));
      return feed.items.map((i: { id: string; title: string; date_published: string }) => [
        i.title,
        i.id,
        i.date_published,
      ]);
    };
    await runBuild({ loaded, now: () => new Date("2026-03-20T02:00:00.123Z") });
    const first = await ids();
    expect(first.map(([title, , date]: string[]) => [title, date])).toEqual([
      ["停电通知：明日检修", "2026-03-19T23:00:00.123Z"],
      ["春季防火提示", "2026-03-17T16:00:00.000Z"],
    ]);
    const feedXml = await readFile(path.join(p.out, "feed.xml"), "utf8");
    // Half an hour on, the page reads the same: nothing changes, not even a millisecond.
    const second = await runBuild({ loaded, now: () => new Date("2026-03-20T02:30:00.456Z") });
    expect(await ids()).toEqual(first);
    expect(second.outputs.flatMap((o) => o.written)).toEqual([]);
    expect(await readFile(path.join(p.out, "feed.xml"), "utf8")).toBe(feedXml);
    // An hour later the site says 4小时前; a year later the year-less date is still last year's.
    entries = [
      ["停电通知：明日检修", "4小时前"],
      ["春季防火提示", "03-18"],
    ];
    await runBuild({ loaded, now: () => new Date("2026-03-20T03:05:00Z") });
    expect(await ids()).toEqual(first);
    entries = [["春季防火提示", "03-18"]];
    await runBuild({ loaded, now: () => new Date("2027-03-20T02:00:00Z") });
    expect(await ids()).toEqual(first);
  });
});

describe("same-titled link-less notices with relative dates", () => {
  it("keep their ids when a new one is added on top: it is new, not one readers have", async () => {
    let entries = [
      ["停水通知", "东区停水", "5小时前"],
      ["停水通知", "西区停水", "29小时前"],
    ];
    const { p, loaded } = await htmlListProject(
      () =>
        `<ul>${entries.map(([t, s, d]) => `<li><b>${t}</b><i>${s}</i><span>${d}</span></li>`).join("")}</ul>`,
      { item: "li", title: "b", summary: "i", date: "span" },
    );
    const bySummary = async () => {
      const feed = JSON.parse(await readFile(path.join(p.out, "feed.json"), "utf8"));
      return Object.fromEntries(
        feed.items.map((i: { summary: string; id: string; date_published: string }) => [
          i.summary,
          [i.id, i.date_published],
        ]),
      );
    };
    await runBuild({ loaded, now: () => new Date("2026-11-26T10:00:00Z") });
    const first = await bySummary();
    entries = [["停水通知", "北区停水", "1小时前"], ...entries];
    await runBuild({ loaded, now: () => new Date("2026-11-26T10:00:02Z") });
    const second = await bySummary();
    expect(second.东区停水).toEqual(first.东区停水);
    expect(second.西区停水).toEqual(first.西区停水);
    expect(second.北区停水?.[0]).not.toBe(first.东区停水[0]);
    expect(new Set(Object.values(second).map(([id]) => id)).size).toBe(3);
  });
});
