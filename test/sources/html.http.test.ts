import type { ServerResponse } from "node:http";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import type { HtmlSourceConfig } from "../../src/config/index.js";
import { normalizeItems } from "../../src/normalize/index.js";
import { createHtmlSourceReader, readHtmlSource } from "../../src/sources/html/index.js";
import { fetcher, serve } from "../fetch/harness.js";
import { sourceContext } from "../fixtures/html/context.js";
import {
  big5DetailPage,
  big5ListPage,
  encode,
  gbkDetailPage,
  gbkListPage,
  gbkShortDetailPage,
} from "../fixtures/html/govSite.js";

// A GBK police notice list: list page, three detail pages (one from the example announcement).
function gbkSite(options: { failing?: string; listType?: string; etag?: string } = {}) {
  return serve((req, res) => {
    const url = req.url ?? "/";
    const send = (body: Buffer, type = "text/html") => {
      res.writeHead(200, { "content-type": type, ...(options.etag ? { etag: options.etag } : {}) });
      res.end(body);
    };
    if (url === options.failing) return void res.writeHead(500).end("boom");
    if (url === "/tzgg/index.html") {
      if (options.etag && req.headers["if-none-match"] === options.etag) return void res.writeHead(304).end();
      return send(gbkListPage(), options.listType ?? "text/html");
    }
    if (url === "/tzgg/201905/t20190530_1001.html") return send(gbkDetailPage());
    if (url === "/tzgg/201905/t20190528_0998.html") {
      return send(gbkShortDetailPage("關於端午節期間加強道路交通安全管理的通告", "2019-05-28 09:00"));
    }
    if (url === "/tzgg/201905/t20190527_0990.html") {
      return send(gbkShortDetailPage("2019年高考期間考點周邊交通管制的公告", "2019年5月27日"));
    }
    notFound(res);
  });
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { "content-type": "text/plain" }).end("not found");
}

function gbkSource(url: string, overrides: Partial<HtmlSourceConfig> = {}): HtmlSourceConfig {
  return {
    type: "html",
    id: "police",
    url,
    tags: [],
    enabled: true,
    transforms: [],
    list: { item: "ul.list li", title: "a@title", link: "a@href", date: "span.date", maxPages: 1 },
    detail: { content: "#zoom", date: ".info", title: "h1.title", author: ".info" },
    ...overrides,
  };
}

const detailPaths = (requests: { url: string }[]) =>
  requests.map((request) => request.url).filter((url) => url.startsWith("/tzgg/2019"));

describe("readHtmlSource over HTTP (GBK government site)", () => {
  it("decodes GBK bytes served as charset=utf-8 with a gb2312 meta, and merges detail pages", async () => {
    const server = await gbkSite({ listType: "text/html; charset=utf-8" });
    const result = await readHtmlSource(
      gbkSource(server.url("/tzgg/index.html")),
      sourceContext({ fetcher: fetcher({ retries: 0 }) }),
    );
    expect(result.notModified).toBe(false);
    expect(result.documentUrl).toBe(server.url("/tzgg/index.html"));
    expect(result.feed.title).toBe("通知公告_某某市公安局");
    const items = result.feed.items;
    expect(items.map((item) => [item.title, item.link])).toEqual([
      [
        "市公安局召開全市安全穩定工作續會 深入學習貫徹全省安全穩定工作視頻會議精神",
        server.url("/tzgg/201905/t20190530_1001.html"),
      ],
      ["關於端午節期間加強道路交通安全管理的通告", server.url("/tzgg/201905/t20190528_0998.html")],
      ["2019年高考期間考點周邊交通管制的公告", server.url("/tzgg/201905/t20190527_0990.html")],
      ["內部通知（僅限內網查看）", undefined],
    ]);
    // Detail dates win over the list's; the javascript: entry keeps its list date.
    expect(items.map((item) => item.published)).toEqual([
      "发布时间：2019年5月30日 14:30",
      "发布时间：2019-05-28 09:00",
      "发布时间：2019年5月27日",
      "2019-05-26",
    ]);
    expect(items[0]?.contentHtml).toContain("在收聽收看全省安全穩(wěn)定工作視頻會議之后");
    expect(items[0]?.baseUrl).toBe(server.url("/tzgg/201905/t20190530_1001.html"));
    expect(items[0]?.authors).toEqual([{ name: "市公安局政治部" }]);
    expect(items[1]?.authors).toEqual([{ name: "市公安局交警支队" }]);
    expect(items.some((item) => item.detailSkipped)).toBe(false);
    expect(detailPaths(server.requests)).toHaveLength(3);
    expect(result.feed.warnings).toEqual([]);
  });

  it("keeps the list page's validators when nothing was deferred", async () => {
    const server = await gbkSite({ etag: '"v3"' });
    const result = await readHtmlSource(
      gbkSource(server.url("/tzgg/index.html")),
      sourceContext({ fetcher: fetcher({ retries: 0 }) }),
    );
    expect(result.etag).toBe('"v3"');
  });

  it("does not fetch detail pages of known items", async () => {
    const server = await gbkSite();
    const known = new Set([server.url("/tzgg/201905/t20190530_1001.html")]);
    const result = await readHtmlSource(
      gbkSource(server.url("/tzgg/index.html")),
      sourceContext({ fetcher: fetcher({ retries: 0 }), isKnownUrl: (url) => known.has(url) }),
    );
    expect(detailPaths(server.requests).sort()).toEqual([
      "/tzgg/201905/t20190527_0990.html",
      "/tzgg/201905/t20190528_0998.html",
    ]);
    const first = result.feed.items[0]!;
    expect(first.detailSkipped).toBe(true);
    expect(first.contentHtml).toBeUndefined();
    expect(first.published).toBe("2019-05-30");
  });

  it("asks what is known only once the list page changed, and before it skips a detail page", async () => {
    const server = await gbkSite({ etag: '"v1"' });
    const known = new Set<string>();
    const calls: string[] = [];
    const context = (etag: string | null) =>
      sourceContext({
        fetcher: fetcher({ retries: 0 }),
        etag,
        isKnownUrl: (url) => {
          calls.push("isKnownUrl");
          return known.has(url);
        },
        prepareKnownUrls: async () => {
          calls.push("prepare");
          await new Promise((resolve) => setTimeout(resolve, 20));
          known.add(server.url("/tzgg/201905/t20190530_1001.html"));
        },
      });
    const unchanged = await readHtmlSource(gbkSource(server.url("/tzgg/index.html")), context('"v1"'));
    expect(unchanged.notModified).toBe(true);
    expect(calls).toEqual([]);

    const changed = await readHtmlSource(gbkSource(server.url("/tzgg/index.html")), context(null));
    expect(calls[0]).toBe("prepare");
    expect(calls.filter((c) => c === "prepare")).toHaveLength(1);
    expect(changed.feed.items[0]!.detailSkipped).toBe(true);
    expect(detailPaths(server.requests)).not.toContain("/tzgg/201905/t20190530_1001.html");
  });

  it("keeps the list entry of a detail page that fails with 500, with a warning", async () => {
    const server = await gbkSite({ failing: "/tzgg/201905/t20190527_0990.html" });
    const result = await readHtmlSource(
      gbkSource(server.url("/tzgg/index.html")),
      sourceContext({ fetcher: fetcher({ retries: 0 }) }),
    );
    const failed = result.feed.items[2]!;
    expect(failed).toMatchObject({
      title: "2019年高考期間考點周邊交通管制的公告",
      link: server.url("/tzgg/201905/t20190527_0990.html"),
      published: "2019-05-27",
    });
    expect(failed.contentHtml).toBeUndefined();
    expect(result.feed.items[0]?.contentHtml).toContain("會議要求");
    expect(result.feed.warnings).toHaveLength(1);
    expect(result.feed.warnings[0]).toContain("t20190527_0990.html failed, kept the list entry");
  });

  it("reports 304 on the list page and fetches nothing else", async () => {
    const server = await gbkSite({ etag: '"v1"' });
    const result = await readHtmlSource(
      gbkSource(server.url("/tzgg/index.html")),
      sourceContext({ fetcher: fetcher({ retries: 0 }), etag: '"v1"' }),
    );
    expect(result.notModified).toBe(true);
    expect(result.feed.items).toEqual([]);
    expect(server.requests.map((request) => request.url)).toEqual(["/tzgg/index.html"]);
  });

  it("caps detail fetches per run and defers the rest (dropping validators so the list is re-read)", async () => {
    const server = await gbkSite({ etag: '"v2"' });
    const read = createHtmlSourceReader({ maxDetailFetches: 1 });
    const result = await read(
      gbkSource(server.url("/tzgg/index.html")),
      sourceContext({ fetcher: fetcher({ retries: 0 }) }),
    );
    expect(detailPaths(server.requests)).toEqual(["/tzgg/201905/t20190530_1001.html"]);
    // The fetched item and the link-less one; the two others wait for the next run.
    expect(result.feed.items.map((item) => item.title?.slice(0, 6))).toEqual([
      "市公安局召開",
      "內部通知（僅",
    ]);
    expect(result.feed.warnings[0]).toContain("2 new items deferred to the next run");
    expect(result.etag).toBeNull();
  });

  it("stops at the source deadline and defers items whose detail page did not arrive", async () => {
    const controller = new AbortController();
    const server = await serve((req, res) => {
      if (req.url === "/tzgg/index.html") return void res.writeHead(200).end(gbkListPage());
      // The first detail request fires the deadline; the response never comes.
      controller.abort(new Error("source deadline"));
    });
    const result = await readHtmlSource(
      gbkSource(server.url("/tzgg/index.html")),
      sourceContext({ fetcher: fetcher({ retries: 0 }), signal: controller.signal }),
    );
    expect(result.feed.items.map((item) => item.title)).toEqual(["內部通知（僅限內網查看）"]);
    expect(result.feed.warnings.join("\n")).toContain("3 new items deferred to the next run");
  });

  it("reads a Big5 list in a table and its detail pages", async () => {
    const server = await serve((req, res) => {
      const url = req.url ?? "";
      const page = (body: Buffer) => res.writeHead(200, { "content-type": "text/html" }).end(body);
      if (url === "/news/news.asp") return page(big5ListPage());
      if (url === "/news/news_detail.asp?id=20190530001") {
        return page(big5DetailPage("端午連假期間加強酒駕取締勤務", "交通隊", "2019-05-30 09:00"));
      }
      if (url === "/news/news_detail.asp?id=20190529002") {
        return page(big5DetailPage("防範詐騙　一通電話救財產", "刑警大隊", "2019-05-29"));
      }
      notFound(res);
    });
    const result = await readHtmlSource(
      gbkSource(server.url("/news/news.asp"), {
        list: { item: "table.news_list tr.row", title: "td a", date: "td.date", maxPages: 1 },
        detail: { content: ".editor", date: "li.time", author: "li.unit" },
      }),
      sourceContext({ fetcher: fetcher({ retries: 0 }) }),
    );
    expect(result.feed.language).toBe("zh-Hant-TW");
    expect(result.feed.items.map((item) => [item.title, item.link, item.published, item.authors])).toEqual([
      [
        "端午連假期間加強酒駕取締勤務",
        server.url("/news/news_detail.asp?id=20190530001"),
        "發布日期：2019-05-30 09:00",
        [{ name: "交通隊" }],
      ],
      [
        "防範詐騙 一通電話救財產",
        server.url("/news/news_detail.asp?id=20190529002"),
        "發布日期：2019-05-29",
        [{ name: "刑警大隊" }],
      ],
    ]);
    expect(result.feed.items[0]?.contentHtml).toContain("本局自即日起至6月9日止");
  });
});

describe("links with a non-ASCII query on legacy-encoded pages", () => {
  it.each([
    ["gbk", "title=公告", "?title=%B9%AB%B8%E6"],
    // Big5 告 is A7 69: the ASCII trail byte stays "i"; &#128512; (😀) has no Big5 form and stays a reference.
    ["big5", "title=公告&#128512;", "?title=%A4%BD%A7i%26%23128512%3B"],
    // A browser's GBK encoder writes € as 0x80 and 𠮷 (outside GBK) as &#134071;; GB18030 has both.
    ["gbk", "t=𠮷€", "?t=%26%23134071%3B%80"],
    ["gb18030", "t=𠮷€", "?t=%954%B25%A2%E3"],
  ] as const)(
    "encode the query in the page's charset (%s %s), and fetch the URL they publish",
    async (charset, rawQuery, query) => {
      const requested: string[] = [];
      const server = await serve((req, res) => {
        const url = req.url ?? "";
        requested.push(url);
        const page = (text: string) =>
          res
            .writeHead(200, { "content-type": `text/html; charset=${charset}` })
            // GBK-labelled pages carry characters outside GBK as GB18030 bytes, which browsers decode.
            .end(iconv.encode(`<html><body>${text}</body></html>`, charset === "big5" ? "big5" : "gb18030"));
        if (url === "/list.html") {
          return page(
            `<ul class="list"><li><a href="detail.html?${rawQuery}">查詢</a>` +
              `<span class="date">2019-05-30</span></li></ul>`,
          );
        }
        if (url === `/detail.html${query}`) return page(`<div id="zoom"><p>正文</p></div>`);
        notFound(res);
      });
      const result = await readHtmlSource(
        gbkSource(server.url("/list.html"), {
          list: { item: "ul.list li", title: "a", date: "span.date", maxPages: 1 },
          detail: { content: "#zoom" },
        }),
        sourceContext({ fetcher: fetcher({ retries: 0 }) }),
      );
      expect(result.feed.warnings).toEqual([]);
      const [item] = result.feed.items;
      expect(item?.link).toBe(server.url(`/detail.html${query}`));
      expect(item?.contentHtml).toContain("正文");
      expect(requested).toEqual(["/list.html", `/detail.html${query}`]);
      // The article's URL is the one fetched (so the item is known, and not fetched again, next run).
      const [article] = normalizeItems(result.feed.items, {
        source: { id: "police", title: "police", url: result.documentUrl },
        documentUrl: result.documentUrl,
        timezone: "Asia/Shanghai",
        now: new Date("2019-06-01T00:00:00Z"),
        transforms: [],
        language: "zh",
      });
      expect(article?.url).toBe(item?.link);
    },
  );
});

describe("pagination", () => {
  // /p/1 → /p/2 → /p/3 → back to /p/1 (a loop some CMSs produce on the last page).
  async function pagedSite() {
    return serve((req, res) => {
      const match = /^\/p\/(\d)$/.exec(req.url ?? "");
      if (!match) return notFound(res);
      const n = Number(match[1]);
      const next = n === 3 ? 1 : n + 1;
      const html = `<html><head><meta charset="gbk"></head><body><ul class="list">
        <li><a href="/a/${n}.html">公告第${n}號</a><span class="date">2019-05-${20 + n}</span></li>
        <li><a href="/a/1.html">公告第1號</a></li>
        </ul><div class="page"><a class="next" href="/p/${next}">下一頁</a></div></body></html>`;
      res.writeHead(200, { "content-type": "text/html" }).end(encode(html, "gbk"));
    });
  }

  const source = (url: string, maxPages: number): HtmlSourceConfig => ({
    type: "html",
    id: "paged",
    url,
    tags: [],
    enabled: true,
    transforms: [],
    list: { item: "ul.list li", title: "a", date: "span.date", next: "div.page a.next", maxPages },
  });

  it("follows next links, never loops, and dedupes repeated entries", async () => {
    const server = await pagedSite();
    const result = await readHtmlSource(
      source(server.url("/p/1"), 10),
      sourceContext({ fetcher: fetcher({ retries: 0 }), etag: '"e1"' }),
    );
    expect(server.requests.map((request) => request.url)).toEqual(["/p/1", "/p/2", "/p/3"]);
    expect(result.feed.items.map((item) => item.title)).toEqual(["公告第1號", "公告第2號", "公告第3號"]);
    // Only the first page is conditional: the stored validators belong to it.
    expect(server.requests[0]?.headers["if-none-match"]).toBe('"e1"');
    expect(server.requests[1]?.headers["if-none-match"]).toBeUndefined();
  });

  it("stops at maxPages", async () => {
    const server = await pagedSite();
    const result = await readHtmlSource(
      source(server.url("/p/1"), 2),
      sourceContext({ fetcher: fetcher({ retries: 0 }) }),
    );
    expect(server.requests.map((request) => request.url)).toEqual(["/p/1", "/p/2"]);
    expect(result.feed.items).toHaveLength(2);
  });

  it("keeps the pages read so far when a later page fails", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/p/1") {
        return void res
          .writeHead(200, { "content-type": "text/html" })
          .end(
            `<ul class="list"><li><a href="/a/1.html">One</a></li></ul><div class="page"><a class="next" href="/p/2">next</a></div>`,
          );
      }
      res.writeHead(500).end();
    });
    const result = await readHtmlSource(
      source(server.url("/p/1"), 5),
      sourceContext({ fetcher: fetcher({ retries: 0 }) }),
    );
    expect(result.feed.items.map((item) => item.title)).toEqual(["One"]);
    expect(result.feed.warnings[0]).toContain("list page 2");
  });
});

describe("list pages that yield nothing, and shared detail pages", () => {
  const minimal = (url: string): HtmlSourceConfig => ({
    type: "html",
    id: "m",
    url,
    tags: [],
    enabled: true,
    transforms: [],
    list: { item: "ul.list li", title: "a", maxPages: 1 },
    detail: { content: ".c" },
  });

  it("fails the source when list.item matches nothing (a redesign keeps the last good articles)", async () => {
    const server = await serve((_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html" })
        .end("<div class='new-layout'><a href='/x'>x</a></div>");
    });
    await expect(
      readHtmlSource(minimal(server.url("/list")), sourceContext({ fetcher: fetcher({ retries: 0 }) })),
    ).rejects.toThrow(/list\.item "ul\.list li" matched no entries/);
  });

  it("fetches a page shared by several notices (#n1, #n2) once and keeps both items", async () => {
    const server = await serve((req, res) => {
      const ok = (html: string) => res.writeHead(200, { "content-type": "text/html" }).end(html);
      if (req.url === "/list") {
        return ok(
          `<ul class="list"><li><a href="/all#n1">One</a></li><li><a href="/all#n2">Two</a></li></ul>`,
        );
      }
      if (req.url === "/all") return ok(`<div class="c"><p id="n1">one</p><p id="n2">two</p></div>`);
      res.writeHead(404).end();
    });
    const result = await readHtmlSource(
      minimal(server.url("/list")),
      sourceContext({ fetcher: fetcher({ retries: 0 }) }),
    );
    expect(result.feed.items.map((item) => item.link)).toEqual([
      server.url("/all#n1"),
      server.url("/all#n2"),
    ]);
    expect(server.requests.filter((request) => request.url === "/all")).toHaveLength(1);
  });

  it("fails the source once on an invalid detail selector, before fetching detail pages", async () => {
    const server = await serve((_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(`<ul class="list"><li><a href="/d">d</a></li></ul>`);
    });
    const source = { ...minimal(server.url("/list")), detail: { content: "div[" } };
    await expect(readHtmlSource(source, sourceContext({ fetcher: fetcher({ retries: 0 }) }))).rejects.toThrow(
      /detail\.content: invalid CSS selector/,
    );
    expect(server.requests.map((request) => request.url)).toEqual(["/list"]);
  });
});
