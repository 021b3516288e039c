import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildReport, noticeList, noticePage, project, site } from "../fixtures/worker/kit.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// Java CMSs of government sites put the visitor's session in every link (`art_1.html;jsessionid=…`), a
// new one per visit. Those links are one notice each, not a new item at every fetch.

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const notices = [
  { path: "/art/1.html", title: "Water supply interrupted on Elm Street", date: "2024-05-01" },
  { path: "/art/2.html", title: "Library closed for stocktaking", date: "2024-04-28" },
];

describe("session ids in list links", () => {
  it("the same notices under new jsessionids are the same items, and their pages are not fetched again", async () => {
    let visit = 0;
    const detailRequests: string[] = [];
    const server = await startServer((req, res) => {
      const url = req.url ?? "/";
      if (url === "/list.jsp") {
        const session = `S${++visit}F00D.node1`;
        const list = notices.map((n) => ({ ...n, path: `${n.path};jsessionid=${session}` }));
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(noticeList(list));
        return;
      }
      const page = notices.find((n) => url.split(";")[0] === n.path);
      if (!page) return res.writeHead(404).end();
      detailRequests.push(url);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(noticePage(page.title, "Text."));
    });
    servers.push(server);
    const p = await project({
      site,
      fetch: { retries: 0, timeoutMs: 5000 },
      sources: [
        {
          id: "gov",
          type: "html",
          url: server.url("/list.jsp"),
          list: { item: "ul.list li", title: "a", link: "a@href", date: "span.date" },
          detail: { content: "#article" },
        },
      ],
    });
    const build = async () => (await buildReport(p.config)).json;
    await build();
    const second = await build();
    expect(second.sources[0]).toMatchObject({ ok: true, items: 2 });
    // Each page once (with the first visit's session), none at the second build.
    expect(detailRequests.map((u) => u.split(";")[0]).sort()).toEqual(["/art/1.html", "/art/2.html"]);
    expect(second.outputs.flatMap((o) => o.written)).toEqual([]);
    const feed = JSON.parse(await readFile(path.join(p.out, "feed.json"), "utf8"));
    expect(feed.items.map((i: { id: string; url: string }) => [i.id, i.url])).toEqual(
      notices.map((n) => [server.url(n.path), server.url(n.path)]),
    );
  });
});
