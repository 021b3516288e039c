import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { renderArticlePage } from "../../src/render/pages/index.js";
import { article, articles, meta, page } from "../fixtures/pages/site.js";

const local = articles[1]!;

describe("renderArticlePage", () => {
  it("shows the sanitized content as markup, with title, date, source, tags and attachments", () => {
    const $ = load(renderArticlePage(meta(), local, page()));
    expect($("h1").text()).toBe("地铁2号线临时调整运营时间");
    expect($("h1")).toHaveLength(1);
    expect($("title").text()).toBe("地铁2号线临时调整运营时间 – 上海市公告汇总");
    expect($(".content strong").text()).toBe("6月1日");
    expect($(".content a").attr("href")).toBe("https://metro.example.gov/");
    expect($("article .meta time").attr("datetime")).toBe("2019-05-30T02:00:00.000Z");
    expect($("article .meta time").text()).toBe("2019年5月30日");
    expect($("article .meta .source").text()).toBe("本地文件");
    expect($("article").text()).toContain("标签：交通");
    const attachment = $("article ul a");
    expect(attachment.attr("href")).toBe("https://metro.example.gov/files/%E6%97%B6%E5%88%BB%E8%A1%A8.pdf");
    expect(attachment.attr("type")).toBe("application/pdf");
    expect(attachment.text()).toBe("时刻表.pdf");
    expect($('meta[name="description"]').attr("content")).toBe(local.summary);
  });

  it("links back to the index and announces the feeds one folder up", () => {
    const $ = load(renderArticlePage(meta(), local, page()));
    const hrefs = $("a")
      .toArray()
      .map((a) => $(a).attr("href"));
    expect(hrefs).toContain("../index.html");
    expect(
      $('head link[rel="alternate"]')
        .toArray()
        .map((l) => [$(l).attr("type"), $(l).attr("href")]),
    ).toEqual([
      ["application/rss+xml", "../feed.xml"],
      ["application/atom+xml", "../atom.xml"],
      ["application/feed+json", "../feed.json"],
    ]);
    expect($(".feeds a").first().attr("href")).toBe("../feed.xml");
    expect($(".outputs a").eq(1).attr("href")).toBe("../police/index.html");
    // The page ships no script at all, and its CSP says so.
    expect($("script")).toHaveLength(0);
    expect($('meta[http-equiv="Content-Security-Policy"]').attr("content")).toContain("script-src 'none'");
  });

  it("escapes the title and the metadata but never the (already sanitized) content", () => {
    const hostile = article({
      id: "x",
      title: "<img src=x onerror=alert(1)>",
      content: "<p>safe <em>markup</em></p>",
      authors: [{ name: "<b>Eve</b>" }],
      categories: ["<i>tag</i>"],
      enclosures: [{ url: "javascript:alert(1)" }],
    });
    const $ = load(renderArticlePage(meta(), hostile, page()));
    expect($("img, b, i")).toHaveLength(0);
    expect($("h1").text()).toBe("<img src=x onerror=alert(1)>");
    expect($(".content em").text()).toBe("markup");
    expect($("article .meta").first().text()).toContain("<b>Eve</b>");
    expect($("article ul a").attr("href")).toBe("#");
  });

  it("marks an article in another language and renders without a date", () => {
    const ja = article({ id: "ja", title: "お知らせ", language: "ja" });
    const $ = load(renderArticlePage(meta({ language: "en" }), ja, page()));
    expect($("article").attr("lang")).toBe("ja");
    expect($("article time")).toHaveLength(0);
    expect(
      $("a")
        .filter((_, a) => $(a).attr("href") === "../index.html")
        .last()
        .text(),
    ).toBe("← All articles");
  });

  it("keeps the page title the only h1 by nesting the content's headings below it", () => {
    const withHeadings = article({
      id: "h",
      title: "Title",
      content: "<h1>Inner</h1><p>&lt;h1&gt; as text</p><h2>Sub</h2><h6>Deep</h6>",
    });
    const $ = load(renderArticlePage(meta(), withHeadings, page()));
    expect($("h1").text()).toBe("Title");
    expect($(".content h2").text()).toBe("Inner");
    expect($(".content h3").text()).toBe("Sub");
    expect($(".content h6").text()).toBe("Deep");
    expect($(".content p").text()).toBe("<h1> as text");
    const untouched = article({ id: "u", title: "T", content: "<h2>A</h2><h3>B</h3>" });
    expect(
      load(renderArticlePage(meta(), untouched, page()))(".content")
        .html()
        ?.trim(),
    ).toBe("<h2>A</h2><h3>B</h3>");
  });

  it("is byte-identical for identical input", () => {
    expect(renderArticlePage(meta(), local, page())).toBe(renderArticlePage(meta(), local, page()));
  });
});
