import { createHash } from "node:crypto";
import { type CheerioAPI, load } from "cheerio";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderIndexHtml } from "../../src/render/pages/index.js";
import { articlePagePath } from "../../src/render/paths.js";
import { articles, meta, page } from "../fixtures/pages/site.js";

const render = (...args: Partial<Parameters<typeof renderIndexHtml>>) =>
  renderIndexHtml(args[0] ?? meta(), args[1] ?? articles, args[2] ?? page());
const dom = (htmlText = render()): CheerioAPI => load(htmlText);

afterEach(() => {
  vi.useRealTimers();
});

describe("renderIndexHtml", () => {
  it("is a complete document in the site language", () => {
    const text = render();
    expect(text.startsWith('<!DOCTYPE html>\n<html lang="zh-Hans">')).toBe(true);
    const $ = dom(text);
    expect($("meta[charset]").attr("charset")).toBe("utf-8");
    expect($('meta[name="viewport"]').attr("content")).toContain("width=device-width");
    expect($("title").text()).toBe("上海市公告汇总");
    expect($('meta[name="description"]').attr("content")).toBe("政府公告、新闻与本地通知");
    expect($("h1")).toHaveLength(1);
    expect($("header.site, main, footer.site")).toHaveLength(3);
    expect($("style")).toHaveLength(1);
    // No external resources: nothing loads a stylesheet, script or font from elsewhere.
    expect($("link[rel=stylesheet], script[src], img, iframe")).toHaveLength(0);
    expect($("style").text()).not.toMatch(/@import|@font-face|url\(/);
  });

  it("shows a hostile title and source name as text and creates no element from them", () => {
    const $ = dom();
    expect($("script")).toHaveLength(1);
    expect($("script").text()).toContain('getElementById("filters")');
    const hostile = $("#articles h3 a").filter((_, a) => $(a).text().includes("alert"));
    expect(hostile.text()).toBe('<script>alert(1)</script> & "x"');
    expect($("#articles b, #sources-heading ~ div b")).toHaveLength(0);
    expect($('tr[data-source="old"] th').text()).toBe("旧网站 <b>");
    expect($(".summary").eq(2).text()).toBe("A headline that tries to inject <b>markup</b> & entities.");
  });

  it("announces and links RSS, Atom and JSON Feed", () => {
    const $ = dom();
    const alternates = $('head link[rel="alternate"]')
      .toArray()
      .map((link) => [$(link).attr("type"), $(link).attr("href"), $(link).attr("title")]);
    expect(alternates).toEqual([
      ["application/rss+xml", "feed.xml", "上海市公告汇总 (RSS)"],
      ["application/atom+xml", "atom.xml", "上海市公告汇总 (Atom)"],
      ["application/feed+json", "feed.json", "上海市公告汇总 (JSON Feed)"],
    ]);
    const visible = $("header.site .feeds a")
      .toArray()
      .map((a) => $(a).attr("href"));
    expect(visible).toEqual(["feed.xml", "atom.xml", "feed.json", "sources.opml"]);
  });

  it("lists the articles in the given order with links, sources, local dates and summaries", () => {
    const $ = dom();
    const items = $("#articles > li").toArray();
    expect(items.map((li) => $(li).find("h3").text())).toEqual(articles.map((a) => a.title));
    const first = $(items[0]);
    expect(first.find("h3 a").attr("href")).toBe("https://city.example.gov/notices/2019/0531.html");
    expect(first.find(".source").text()).toBe("市政府通知公告");
    // 16:30 UTC on 30 May is 31 May in Shanghai.
    expect(first.find("time").attr("datetime")).toBe("2019-05-30T16:30:00.000Z");
    expect(first.find("time").text()).toBe("2019年5月31日");
    expect(first.find(".summary").text()).toContain("端午节");
    // An article without a URL links to its own page.
    expect($(items[1]).find("h3 a").attr("href")).toBe(articlePagePath(articles[1]!));
    expect($(items[1]).find("h3 a").attr("href")).toMatch(/^articles\/[0-9a-f]{16}\.html$/);
    // Articles in another language than the page say so (font choice, screen readers).
    expect($(items[4]).attr("lang")).toBe("ja");
    expect($(items[5]).attr("lang")).toBe("ko");
    expect($(items[0]).attr("lang")).toBeUndefined();
  });

  it("formats dates for the site language", () => {
    const en = dom(render(meta({ language: "en", timezone: "America/New_York" })));
    expect(en("#articles time").first().text()).toBe("30 May 2019");
    const ko = dom(render(meta({ language: "ko", timezone: "Asia/Seoul" })));
    expect(ko("#articles time").first().text()).toBe("2019년 5월 31일");
    expect(ko("h2#articles-heading").text()).toBe("기사");
  });

  it("ships the filter controls hidden, labelled and complete, with every item visible", () => {
    const $ = dom();
    expect($("#filters").attr("hidden")).toBeDefined();
    expect($("#filters").attr("role")).toBe("search");
    expect($('label[for="filter-text"]').text()).toBe("搜索");
    expect($('label[for="filter-source"]').text()).toBe("来源");
    expect($("#articles > li[hidden]")).toHaveLength(0);
    const options = $("#filter-source option")
      .toArray()
      .map((o) => [$(o).attr("value"), $(o).text()]);
    expect(options[0]).toEqual(["", "全部来源"]);
    expect(
      options
        .slice(1)
        .map(([value]) => value)
        .sort(),
    ).toEqual(["city", "local", "news", "police"]);
    expect(new Set(options.map(([value]) => value)).size).toBe(options.length);
    expect(
      $("#articles > li")
        .toArray()
        .map((li) => $(li).attr("data-source")),
    ).toEqual(articles.map((a) => a.source.id));
    expect($("#count").attr("aria-live")).toBe("polite");
    expect($("#count").text()).toBe("显示 6 / 6 篇");
    expect($("#count").attr("data-format")).toBe("显示 {shown} / {total} 篇");
  });

  it("allows exactly its own inline style and script through the Content-Security-Policy", () => {
    const $ = dom();
    const csp = $('meta[http-equiv="Content-Security-Policy"]').attr("content") ?? "";
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(csp).toContain(`script-src ${hash($("script").text())}`);
    expect(csp).toContain(`style-src ${hash($("style").text())}`);
    expect(csp).toContain("default-src 'none'");
  });

  it("says so when there are no articles, without filter controls or script", () => {
    const $ = dom(render(meta(), []));
    expect($(".empty").text()).toBe("暂无文章。");
    expect($("#filters, #articles, script")).toHaveLength(0);
  });

  it("shows the health of every source, dead ones highlighted", () => {
    const $ = dom();
    const rows = $("tbody tr").toArray();
    expect(rows.map((tr) => $(tr).attr("data-source"))).toEqual(["city", "police", "news", "old", "local"]);
    const city = $('tr[data-source="city"]');
    expect(city.attr("class")).toBe("ok");
    expect(city.find(".badge").text()).toBe("正常");
    expect(city.find("th a").attr("href")).toBe("https://city.example.gov/notices/");
    // A healthy source's last success moves every build: shown only while failing (no index.html churn).
    expect(city.find("td").eq(2).text()).toBe("");

    const police = $('tr[data-source="police"]');
    expect(police.attr("class")).toBe("failing");
    expect(police.find(".badge").text()).toBe("失败");
    expect(police.find("td").eq(0).text()).toContain("自 2019年5月30日 12:00 起失败");
    expect(police.find("td").eq(0).text()).toContain("连续失败 3 次");
    expect(police.find("time").first().attr("datetime")).toBe("2019-05-30T04:00:00.000Z");
    expect(police.find(".error").text()).toBe("HTTP 503 Service Unavailable");

    const old = $('tr[data-source="old"]');
    expect(old.attr("class")).toBe("dead");
    expect(old.find(".badge.dead").text()).toBe("已失效");
    expect(old.find("td").eq(0).text()).toContain("连续失败 48 次");
    expect(old.find("td").eq(2).text()).toBe("从未");
    // A local source has no link (its "url" would be a path on the build machine).
    expect($('tr[data-source="local"] th a')).toHaveLength(0);
    expect($("footer time").attr("datetime")).toBe("2019-05-31T00:10:00.000Z");
    expect($("footer").text()).toContain("最后更新：2019年5月31日 08:10");
  });

  it("links the other feed sets relative to where the page lives", () => {
    const root = dom();
    const rootLinks = root("header nav .outputs a")
      .toArray()
      .map((a) => [root(a).attr("href"), root(a).attr("aria-current") ?? null]);
    expect(rootLinks).toEqual([
      ["index.html", "page"],
      ["police/index.html", null],
      ["world/index.html", null],
    ]);
    const police = dom(render(meta({ baseUrl: "https://example.org/police/", title: "警情通报" })));
    const policeLinks = police("header nav .outputs a")
      .toArray()
      .map((a) => [police(a).attr("href"), police(a).attr("aria-current") ?? null]);
    expect(policeLinks).toEqual([
      ["../index.html", null],
      ["../police/index.html", "page"],
      ["../world/index.html", null],
    ]);
    expect(dom(render(meta(), articles, page({ outputs: [] })))(".outputs")).toHaveLength(0);
  });

  it("gives byte-identical output for identical input, whatever the clock says", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
    const first = render();
    vi.setSystemTime(new Date("2031-06-15T12:34:56Z"));
    const second = render();
    expect(second).toBe(first);
    expect(first).not.toContain("2030");
    // The visible "last updated" follows page.changedAt only.
    const changed = render(meta(), articles, page({ changedAt: "2019-06-01T00:00:00.000Z" }));
    expect(changed).not.toBe(first);
    expect(changed.replace(/2019-06-01T00:00:00\.000Z|2019年6月1日 08:00/g, "")).toBe(
      first.replace(/2019-05-31T00:10:00\.000Z|2019年5月31日 08:10/g, ""),
    );
  });
});
