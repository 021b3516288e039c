import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { htmlSourceSchema } from "../../src/config/schema.js";
import { compileTransforms, type NormalizeContext, normalizeItems } from "../../src/normalize/index.js";
import { readFilesSource } from "../../src/sources/files/index.js";
import { readHtmlSource } from "../../src/sources/html/index.js";
import type { SourceReadResult } from "../../src/sources/types.js";
import { fetcher, serve } from "../fetch/harness.js";
import { sourceContext } from "../fixtures/html/context.js";
import { gbkDetailPage, gbkListPage, gbkShortDetailPage, template } from "../fixtures/html/govSite.js";
import { policeExampleSource } from "../fixtures/html/policeExample.js";

// End to end through normalize: raw date strings become exact UTC instants for Asia/Shanghai input, and the
// config's transform cleans the pinyin noise of the example announcement.

const pinyinNoise = compileTransforms([
  { pattern: "\\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\\)", flags: "g", replace: "", field: "all" },
]);

function normalize(result: SourceReadResult, id: string) {
  const ctx: NormalizeContext = {
    source: { id, title: id, url: result.documentUrl },
    documentUrl: result.documentUrl,
    timezone: "Asia/Shanghai",
    now: new Date("2019-06-01T00:00:00Z"),
    transforms: pinyinNoise,
    language: "zh-Hant",
  };
  return normalizeItems(result.feed.items, ctx);
}

describe("html source → normalize", () => {
  it("GBK list + detail pages become articles with UTC dates, absolute URLs and clean content", async () => {
    const server = await serve((req, res) => {
      const ok = (body: Buffer) => res.writeHead(200, { "content-type": "text/html" }).end(body);
      if (req.url === "/tzgg/index.html") return ok(gbkListPage());
      if (req.url === "/tzgg/201905/t20190530_1001.html") return ok(gbkDetailPage());
      if (req.url === "/tzgg/201905/t20190527_0990.html")
        return ok(gbkShortDetailPage("高考交通管制", "2019年5月27日"));
      res.writeHead(404).end();
    });
    const source = htmlSourceSchema.parse({
      id: "police",
      type: "html",
      url: server.url("/tzgg/index.html"),
      list: { item: "ul.list li", title: "a@title", date: "span.date" },
      detail: { content: "#zoom", date: ".info", title: "h1.title" },
    });
    // The 05-28 notice is known: its list date "[05-28]" (no year) is all there is.
    const known = server.url("/tzgg/201905/t20190528_0998.html");
    const result = await readHtmlSource(
      source,
      sourceContext({ fetcher: fetcher({ retries: 0 }), isKnownUrl: (url) => url === known }),
    );
    const articles = normalize(result, "police");
    expect(articles.map((a) => [a.url, a.published])).toEqual([
      [server.url("/tzgg/201905/t20190530_1001.html"), "2019-05-30T06:30:00.000Z"],
      [known, "2019-05-27T16:00:00.000Z"],
      [server.url("/tzgg/201905/t20190527_0990.html"), "2019-05-26T16:00:00.000Z"],
      [null, "2019-05-25T16:00:00.000Z"],
    ]);
    const [meeting] = articles;
    expect(meeting?.title).toBe("市公安局召開全市安全穩定工作續會 深入學習貫徹全省安全穩定工作視頻會議精神");
    expect(meeting?.content).toContain("在收聽收看全省安全穩定工作視頻會議之后");
    expect(meeting?.content).not.toContain("(wěn)");
    expect(meeting?.content).toContain(`src="${server.url("/tzgg/201905/W020190530398765432100.jpg")}"`);
    expect(meeting?.content).not.toMatch(/<script|打印本页/);
    expect(meeting?.summary.startsWith("5月30日下午,在收聽收看全省安全穩定工作視頻會議之后")).toBe(true);
    expect(meeting?.summary.length).toBeLessThanOrEqual(300);
  });

  it("the bundled offline example normalizes to dated, link-less articles with stable ids", async () => {
    const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
    const source = htmlSourceSchema.parse(policeExampleSource);
    const result = await readHtmlSource(source, sourceContext({ configDir: repoRoot }));
    const articles = normalize(result, "police");
    expect(articles.map((a) => [a.url, a.published])).toEqual([
      [null, "2019-05-30T06:30:00.000Z"],
      [null, "2019-05-28T01:00:00.000Z"],
      [null, "2019-05-26T16:00:00.000Z"],
      [null, "2019-05-20T08:00:00.000Z"],
    ]);
    expect(new Set(articles.map((a) => a.id)).size).toBe(4);
    expect(articles[0]?.id).toContain("urn:crier:html:police:examples/sites/police/detail/");
    expect(articles[0]?.content).not.toContain("(wěn)");
    // Relative images of a local page resolve to file: URLs, which must not reach the output.
    expect(articles[2]?.content).not.toContain("file:");
  });
});

describe("html detail dates → normalize", () => {
  it("a year-less or month-only detail date refines the list date instead of losing it", async () => {
    const page = (body: string) =>
      Buffer.from(`<html><head><meta charset="utf-8"></head><body>${body}</body></html>`);
    const server = await serve((req, res) => {
      const ok = (body: Buffer) => res.writeHead(200, { "content-type": "text/html" }).end(body);
      if (req.url === "/list.html")
        return ok(
          page(
            `<ul class="list"><li><a href="a.html">详情日期无年份</a><span class="date">2019-05-30</span></li>` +
              `<li><a href="b.html">详情日期只有年月</a><span class="date">2019-05-29</span></li></ul>`,
          ),
        );
      if (req.url === "/a.html")
        return ok(page(`<p class="time">发布时间：05-30 14:30</p><div id="zoom">a</div>`));
      if (req.url === "/b.html")
        return ok(page(`<p class="time">发布时间：2019年5月</p><div id="zoom">b</div>`));
      res.writeHead(404).end();
    });
    const source = htmlSourceSchema.parse({
      id: "dd",
      type: "html",
      url: server.url("/list.html"),
      list: { item: "ul.list li", title: "a", date: "span.date" },
      detail: { content: "#zoom", date: ".time" },
    });
    // Fetched years later: a year-less date must not take the fetch's year.
    const now = new Date("2026-11-26T04:00:00Z");
    const result = await readHtmlSource(source, sourceContext({ fetcher: fetcher({ retries: 0 }), now }));
    const articles = normalizeItems(result.feed.items, {
      source: { id: "dd", title: "dd", url: result.documentUrl },
      documentUrl: result.documentUrl,
      timezone: "Asia/Shanghai",
      now,
      transforms: [],
      language: "zh-CN",
    });
    expect(articles.map((a) => [a.title, a.published])).toEqual([
      ["详情日期无年份", "2019-05-30T06:30:00.000Z"],
      ["详情日期只有年月", "2019-05-28T16:00:00.000Z"],
    ]);
  });
});

describe("files source → normalize", () => {
  it("derives a title from the first sentence and dates a file by its name in the source zone", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-files-norm-"));
    try {
      await writeFile(path.join(dir, "2019-05-30-security-meeting.txt"), template("announcement-zh.txt"));
      const result = await readFilesSource(
        { id: "local", type: "files", path: "*.txt", tags: [], enabled: true, transforms: [] },
        sourceContext({ configDir: dir }),
      );
      const [article] = normalize(result, "local");
      expect(article?.published).toBe("2019-05-29T16:00:00.000Z");
      expect(article?.url).toBeNull();
      expect(article?.id).toBe("urn:crier:files:local:2019-05-30-security-meeting.txt");
      expect(article?.title.startsWith("5月30日下午")).toBe(true);
      expect(article?.title).not.toContain("(wěn)");
      expect([...(article?.title ?? "")].length).toBeLessThanOrEqual(81);
      expect(article?.content.match(/<p>/g)).toHaveLength(5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
