import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { runBuild } from "../../src/worker/index.js";
import { project, site } from "../fixtures/worker/kit.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// README: after an edit of a source (encoding, selectors, transforms …) the next build reads it in full,
// so nothing the old config produced stays published — the detail pages of items already published too.

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const gbk = (html: string) => iconv.encode(html, "gbk");

describe("an html source whose config is corrected", () => {
  it("re-reads known items' detail pages with the new encoding and takes corrected list titles", async () => {
    let listTitle = "关于召开安全会议的通知";
    const server = await startServer((req, res) => {
      // No charset anywhere: only the configured encoding says how to read these pages.
      res.writeHead(200, { "content-type": "text/html", etag: '"v1"' });
      if (req.url === "/list.html") {
        res.end(
          gbk(`<ul class="list"><li><a href="d1.html">${listTitle}</a><span>2024-05-30</span></li></ul>`),
        );
      } else {
        res.end(gbk(`<div id="zoom"><p>市公安局召开全市安全工作会议。</p></div>`));
      }
    });
    servers.push(server);
    const config = (encoding: string, transforms: unknown[] = []) => ({
      site,
      timezone: "Asia/Shanghai",
      fetch: { retries: 0 },
      sources: [
        {
          id: "gaj",
          type: "html",
          url: server.url("/list.html"),
          encoding,
          list: { item: "ul.list li", title: "a", date: "span" },
          detail: { content: "#zoom" },
          transforms,
        },
      ],
    });
    const p = await project(config("big5"));
    const items = async () => {
      const feed = JSON.parse(await readFile(path.join(p.out, "feed.json"), "utf8"));
      return feed.items.map((i: { title: string; content_html: string }) => [i.title, i.content_html]);
    };
    await runBuild({ loaded: await loadConfig(p.config), now: () => new Date("2024-05-30T04:00:00Z") });
    expect((await items())[0][0]).not.toBe("关于召开安全会议的通知");

    await writeFile(p.config, JSON.stringify(config("gbk")));
    await runBuild({ loaded: await loadConfig(p.config), now: () => new Date("2024-05-30T05:00:00Z") });
    expect(await items()).toEqual([["关于召开安全会议的通知", "<p>市公安局召开全市安全工作会议。</p>"]]);

    // A transform added later reaches the published detail text as well.
    await writeFile(p.config, JSON.stringify(config("gbk", [{ pattern: "全市", replace: "全区" }])));
    await runBuild({ loaded: await loadConfig(p.config), now: () => new Date("2024-05-30T06:00:00Z") });
    expect(await items()).toEqual([["关于召开安全会议的通知", "<p>市公安局召开全区安全工作会议。</p>"]]);

    // The site corrects a list title: the known item (detail page not fetched again) takes it.
    listTitle = "关于召开安全会议的通知（更正）";
    await runBuild({ loaded: await loadConfig(p.config), now: () => new Date("2024-05-30T07:00:00Z") });
    expect(await items()).toEqual([
      ["关于召开安全会议的通知（更正）", "<p>市公安局召开全区安全工作会议。</p>"],
    ]);
  });
});
