import { describe, expect, it } from "vitest";
import type { HtmlSourceConfig } from "../../src/config/index.js";
import { extractDetail, extractList, SelectorError } from "../../src/sources/html/index.js";
import { mergeDetail } from "../../src/sources/html/mergeDetail.js";
import { announcementParagraphs, fill, template } from "../fixtures/html/govSite.js";

const list = (fields: Partial<HtmlSourceConfig["list"]>): HtmlSourceConfig["list"] => ({
  item: "li",
  title: "a",
  maxPages: 1,
  ...fields,
});

describe("extractList on a government notice list", () => {
  const html = template("gbk-list.html");
  const pageUrl = "http://www.gaj.example.gov.cn/tzgg/index.html";
  const config = list({ item: "ul.list li", title: "a@title", link: "a@href", date: "span.date" });

  it("reads full titles from a@title, falls back to the text, makes links absolute, keeps raw dates", () => {
    const { items } = extractList(html, pageUrl, config);
    expect(items.map((item) => [item.title, item.link, item.published])).toEqual([
      [
        "市公安局召開全市安全穩定工作續會 深入學習貫徹全省安全穩定工作視頻會議精神",
        "http://www.gaj.example.gov.cn/tzgg/201905/t20190530_1001.html",
        "2019-05-30",
      ],
      [
        "關於端午節期間加強道路交通安全管理的通告",
        "http://www.gaj.example.gov.cn/tzgg/201905/t20190528_0998.html",
        "[05-28]",
      ],
      [
        "2019年高考期間考點周邊交通管制的公告",
        "http://www.gaj.example.gov.cn/tzgg/201905/t20190527_0990.html",
        "2019-05-27",
      ],
      // javascript: links are dropped; the entry stays because it has a title.
      ["內部通知（僅限內網查看）", undefined, "2019-05-26"],
    ]);
    expect(items.every((item) => item.baseUrl === pageUrl)).toBe(true);
  });

  it("with a text title selector keeps the truncated list text", () => {
    const { items } = extractList(html, pageUrl, { ...config, title: "a" });
    expect(items[0]?.title).toBe("市公安局召開全市安全穩定工作續會 深入學習貫...");
  });

  it("skips entries with neither title nor link (spacer <li>)", () => {
    const { items } = extractList(html, pageUrl, config);
    expect(items).toHaveLength(4);
  });

  it("finds the next page with :contains and resolves it", () => {
    const { nextUrl } = extractList(html, pageUrl, { ...config, next: 'div.page a:contains("下一页")' });
    expect(nextUrl).toBe("http://www.gaj.example.gov.cn/tzgg/index_1.html");
  });

  it("returns no next page when the selector does not match", () => {
    expect(extractList(html, pageUrl, { ...config, next: "a.no-such-link" }).nextUrl).toBeNull();
  });
});

describe("selectors", () => {
  it("css@attr and an empty css part (@attr on the item itself)", () => {
    const html = `<div class="news">
      <article data-href="/n/1.html" data-title="Road closure"><time datetime="2024-03-01T08:00:00+08:00">Mar 1</time></article>
      <article data-href="/n/2.html" data-title="Water outage"><time datetime="2024-02-27">Feb 27</time></article>
    </div>`;
    const { items } = extractList(
      html,
      "https://city.example/news/",
      list({ item: "article", title: "@data-title", link: "@data-href", date: "time@datetime" }),
    );
    expect(items.map((item) => [item.title, item.link, item.published])).toEqual([
      ["Road closure", "https://city.example/n/1.html", "2024-03-01T08:00:00+08:00"],
      ["Water outage", "https://city.example/n/2.html", "2024-02-27"],
    ]);
  });

  it("the default link is the item's own href when the item is an <a>, else its first link", () => {
    const html = `<div id="l"><a class="it" href="a.html">  First
      notice </a><p class="it"><span>Second</span> <a href="b.html">more</a></p></div>`;
    const { items } = extractList(html, "https://x.example/dir/page", list({ item: ".it", title: "" }));
    expect(items.map((item) => [item.title, item.link])).toEqual([
      ["First notice", "https://x.example/dir/a.html"],
      ["Second more", "https://x.example/dir/b.html"],
    ]);
  });

  it("a link selector without @attr reads the element's href", () => {
    const html = `<ul><li><h3><a href="/x/1.htm">One</a></h3><a class="more" href="/more/1.htm">more</a></li></ul>`;
    const { items } = extractList(html, "https://x.example/", list({ title: "h3", link: "a.more" }));
    expect(items[0]?.link).toBe("https://x.example/more/1.htm");
  });

  it("keeps CSS containing @ as CSS", () => {
    const html = `<ul><li><a href="mailto:a@b.example">mail</a><a href="/n.html" class="n">news</a></li></ul>`;
    const { items } = extractList(html, "https://x.example/", list({ title: 'a[href*="@"]', link: "a.n" }));
    expect(items[0]).toMatchObject({ title: "mail", link: "https://x.example/n.html" });
  });

  it("trims labelled noise after a list date but keeps the time", () => {
    const html = `<ul><li><a href="1.html">A</a><span>日期：2019-05-30 14:30 点击：12</span></li></ul>`;
    const { items } = extractList(html, "https://x.example/", list({ date: "span" }));
    expect(items[0]?.published).toBe("日期：2019-05-30 14:30");
  });
});

describe("selected text is what a reader sees", () => {
  const pageUrl = "http://www.gaj.example.gov.cn/tzgg/index.html";
  // A CMS list entry that writes its title and date with document.write and hides a fallback in <noscript>.
  const listPage =
    '<!doctype html><meta charset="utf-8"><title>x</title><ul class="list"><li>' +
    '<a href="n1.html">关于停水的通知<script>var t="关于停水的通知";document.write(t.substr(0,5))</script>' +
    '<style>.a{color:red}</style></a><span class="date"><script>document.write("2019-05-30")</script>2019-05-30</span>' +
    '<p class="s">摘要<style>p{}</style><noscript>请启用JS</noscript>正文</p></li></ul>';

  it("drops script, style and noscript text from list titles, dates and summaries", () => {
    const { items } = extractList(
      listPage,
      pageUrl,
      list({ item: "ul.list li", title: "a", date: "span.date", summary: "p.s" }),
    );
    expect(items.map((item) => [item.title, item.published, item.summary])).toEqual([
      ["关于停水的通知", "2019-05-30", "摘要正文"],
    ]);
    // a@title without the attribute falls back to the same text.
    const fallback = extractList(listPage, pageUrl, list({ item: "ul.list li", title: "a@title" }));
    expect(fallback.items[0]?.title).toBe("关于停水的通知");
  });

  it("keeps <br> and block boundaries as spaces, inline markup joined", () => {
    const page =
      '<ul><li><a href="1.html">Road<br>closure <b>on</b> Main<span>St</span></a>' +
      '<div class="s"><p>First.</p><p>Second.</p></div></li></ul>';
    const { items } = extractList(page, pageUrl, list({ summary: ".s" }));
    expect(items.map((item) => [item.title, item.summary])).toEqual([
      ["Road closure on MainSt", "First. Second."],
    ]);
  });

  it("drops script text from detail titles, dates and authors; a selected <title> keeps its text", () => {
    const page =
      '<html><head><title>停水通知 &amp; 公告</title><script>var x = "<h1>";</script></head><body>' +
      '<h1>停水通知<script>document.write("!")</script></h1>' +
      '<p class="info">发布时间：<script>document.write(new Date())</script>2019年5月30日</p>' +
      '<p class="a">来源：<noscript>请启用JavaScript</noscript>市水务局</p></body></html>';
    const found = extractDetail(page, pageUrl, { title: "h1", date: ".info", author: ".a" });
    expect([found.title, found.published, found.authors]).toEqual([
      "停水通知",
      "发布时间：2019年5月30日",
      [{ name: "市水务局" }],
    ]);
    expect(extractDetail(page, pageUrl, { title: "title" }).title).toBe("停水通知 & 公告");
  });
});

describe("<base href>", () => {
  it("resolves list links and reports the base against which content resolves", () => {
    const html = `<html><head><base href="/portal/tzgg/"></head><body>
      <ul><li><a href="t1.html">One</a></li><li><a href="../zcfg/t2.html">Two</a></li></ul></body></html>`;
    const { items } = extractList(html, "https://gov.example/cms/list.jsp?cat=12", list({}));
    expect(items.map((item) => item.link)).toEqual([
      "https://gov.example/portal/tzgg/t1.html",
      "https://gov.example/portal/zcfg/t2.html",
    ]);
    expect(items[0]?.baseUrl).toBe("https://gov.example/portal/tzgg/");
  });

  it("ignores a javascript:, data: or remote file: base, as a browser does", () => {
    const pageUrl = "https://gov.example/b/list.html";
    for (const base of ["javascript:void(0)", "data:text/html,", "file:///srv/"]) {
      const html = `<html><head><base href="${base}"></head><body><ul><li><a href="sub/d1.html">One</a></li></ul></body></html>`;
      const { items } = extractList(html, pageUrl, list({}));
      expect(
        items.map((item) => item.link),
        base,
      ).toEqual(["https://gov.example/b/sub/d1.html"]);
      expect(items[0]?.baseUrl, base).toBe(pageUrl);
      const detail = extractDetail(
        `<head><base href="${base}"></head><div id="c"><a href="att.pdf">a</a></div>`,
        "https://gov.example/b/sub/d2.html",
        { content: "#c" },
      );
      expect(detail.baseUrl, base).toBe("https://gov.example/b/sub/d2.html");
    }
  });

  it("refuses file: links on a remote page but allows them on a local one", () => {
    const html = `<ul><li><a href="file:///etc/passwd">x</a></li><li><a href="detail/1.html">y</a></li></ul>`;
    const remote = extractList(html, "https://gov.example/list.html", list({}));
    expect(remote.items.map((item) => item.link)).toEqual([undefined, "https://gov.example/detail/1.html"]);
    const local = extractList(html, "file:///srv/site/list.html", list({}));
    expect(local.items.map((item) => item.link)).toEqual([
      "file:///etc/passwd",
      "file:///srv/site/detail/1.html",
    ]);
  });
});

describe("extractDetail", () => {
  const html = fill(template("gbk-detail.html"), { BODY: announcementParagraphs() });
  const pageUrl = "http://www.gaj.example.gov.cn/tzgg/201905/t20190530_1001.html";

  it("extracts content HTML, a trimmed raw date, title and author without its label", () => {
    const found = extractDetail(html, pageUrl, {
      content: "#zoom",
      date: ".info",
      title: "h1.title",
      author: ".info",
    });
    expect(found.title).toBe("市公安局召開全市安全穩定工作續會 深入學習貫徹全省安全穩定工作視頻會議精神");
    expect(found.published).toBe("发布时间：2019年5月30日 14:30");
    expect(found.baseUrl).toBe(pageUrl);
    expect(found.contentHtml).toContain("5月30日下午,在收聽收看全省安全穩(wěn)定工作視頻會議之后");
    expect(found.contentHtml).toContain('src="./W020190530398765432100.jpg"');
    expect(found.contentHtml).not.toContain("打印本页");
    // The author selector here is the whole info line: the name follows its label, the next label ends it.
    expect(found.authors).toEqual([{ name: "市公安局政治部" }]);
    const author = extractDetail(`<p class="a">来源：市公安局政治部 浏览次数：3</p>`, pageUrl, {
      author: ".a",
    });
    expect(author.authors).toEqual([{ name: "市公安局政治部" }]);
  });

  it.each([
    ["信息来源：市消防救援支队", "市消防救援支队"],
    ["发布时间：2024-05-29 09:30 信息来源：市政府办公室 浏览次数：12", "市政府办公室"],
    ["发布时间：2024-05-27 10:00 文章来源：市水务集团", "市水务集团"],
    ["来源：  作者：张三  发布时间：2024-05-28 10:00", "张三"],
    ["來源：臺北市政府 發布日期：2024-05-28", "臺北市政府"],
    ["市公安局政治部", "市公安局政治部"],
  ])("author line %j → %j", (line, name) => {
    const found = extractDetail(`<p class="a">${line}</p>`, pageUrl, { author: ".a" });
    expect(found.authors).toEqual([{ name }]);
  });

  it.each([
    "来源：  作者：  发布时间：2024-05-28 10:00",
    "发布时间：2024-05-29 09:30 浏览次数：12",
    "来源：",
  ])("an info line without an author's name (%j) gives none", (line) => {
    expect(extractDetail(`<p class="a">${line}</p>`, pageUrl, { author: ".a" }).authors).toBeUndefined();
  });

  it("encodes the queries of content links in the page's charset, as a browser does", () => {
    const page = `<div id="zoom"><p><a href="download.jsp?filename=申报表.doc#p">申报表</a>
      <img src="/img/showimg.jsp?name=图.jpg"><a href="/路径/a.html?q=公告">x</a><a href="#s?名">y</a></p></div>`;
    const gbk = extractDetail(page, pageUrl, { content: "#zoom" }, "gbk").contentHtml ?? "";
    expect(gbk).toContain('href="download.jsp?filename=%C9%EA%B1%A8%B1%ED.doc#p"');
    expect(gbk).toContain('src="/img/showimg.jsp?name=%CD%BC.jpg"');
    // The path stays as written (browsers encode paths in UTF-8); a "?" inside the fragment is no query.
    expect(gbk).toContain('href="/路径/a.html?q=%B9%AB%B8%E6"');
    expect(gbk).toContain('href="#s?名"');
    const utf8 = extractDetail(page, pageUrl, { content: "#zoom" }).contentHtml ?? "";
    expect(utf8).toContain('href="download.jsp?filename=申报表.doc#p"');
  });

  it("joins several content matches and honours <base href> in the detail page", () => {
    const page = `<head><base href="https://cdn.gov.example/a/"></head><div class="c"><p>one</p></div><div class="c"><p>two</p></div>`;
    const found = extractDetail(page, "https://gov.example/x.html", { content: ".c p" });
    expect(found.contentHtml).toBe("<p>one</p>\n<p>two</p>");
    expect(found.baseUrl).toBe("https://cdn.gov.example/a/");
  });
});

describe("mergeDetail", () => {
  const NOW = new Date("2026-11-26T04:00:00Z");
  const listItem = {
    title: "市公安局召開全市安全穩定工作續會 深入學習貫...",
    link: "https://g.example/1.html",
    published: "2019-05-30",
  };

  it("replaces a title truncated with ... or … but keeps a complete list title", () => {
    expect(mergeDetail(listItem, { title: "完整標題" }, NOW).title).toBe("完整標題");
    expect(mergeDetail({ ...listItem, title: "長標題被截斷…" }, { title: "完整標題" }, NOW).title).toBe(
      "完整標題",
    );
    expect(mergeDetail({ ...listItem, title: "列表標題" }, { title: "頁面標題" }, NOW).title).toBe(
      "列表標題",
    );
    expect(mergeDetail({ link: listItem.link }, { title: "頁面標題" }, NOW).title).toBe("頁面標題");
  });

  it("takes the detail date only when it looks like a date", () => {
    expect(mergeDetail(listItem, { published: "发布时间：2019年5月30日 14:30" }, NOW).published).toBe(
      "发布时间：2019年5月30日 14:30",
    );
    expect(mergeDetail(listItem, { published: "发布时间：" }, NOW).published).toBe("2019-05-30");
  });

  it("refines the list date with the detail's: a partial or unparseable detail date does not lose it", () => {
    const published = (list: string | undefined, detail: string) =>
      mergeDetail({ ...listItem, published: list }, { published: detail }, NOW).published;
    // Year-less: the year comes from the list's day, not from the fetch; zone-less stays zone-less.
    expect(published("2019-05-30", "发布时间：05-30 14:30")).toBe("2019-05-30 14:30:00");
    expect(published("2019-01-01", "12-31 23:50")).toBe("2018-12-31 23:50:00");
    expect(published("2019-05-30", "05-30 14:30 +0800")).toBe("2019-05-30T06:30:00.000Z");
    // A year-less date far from the list's day is some other date on the page.
    expect(published("2019-05-30", "发布时间：08-01")).toBe("2019-05-30");
    // Not a date: the list's stays.
    expect(published("2019-05-29", "发布时间：2019年5月")).toBe("2019-05-29");
    // Full and relative dates are taken as found (normalize parses them in the source's zone, from now).
    expect(published("2019-05-30", "2019-05-31 09:00")).toBe("2019-05-31 09:00");
    expect(published("2019-05-30", "3小时前")).toBe("3小时前");
    // Nothing to refine.
    expect(published(undefined, "05-30 14:30")).toBe("05-30 14:30");
    // Nor from a year-less list date: normalize gives the detail's the year it would give the list's.
    expect(published("[05-30]", "05-30 14:30")).toBe("05-30 14:30");
  });

  it("takes content, authors and the detail page's base", () => {
    const merged = mergeDetail(
      listItem,
      {
        contentHtml: "<p>x</p>",
        authors: [{ name: "市公安局" }],
        baseUrl: "https://g.example/a/",
      },
      NOW,
    );
    expect(merged).toMatchObject({
      contentHtml: "<p>x</p>",
      authors: [{ name: "市公安局" }],
      baseUrl: "https://g.example/a/",
    });
  });
});

describe("invalid selectors", () => {
  it("name the config field", () => {
    expect(() => extractList("<ul></ul>", "https://x.example/", list({ date: "span.date[" }))).toThrow(
      /list\.date: invalid CSS selector "span\.date\["/,
    );
    expect(() => extractDetail("<p></p>", "https://x.example/", { content: "div::" })).toThrow(SelectorError);
  });
});
