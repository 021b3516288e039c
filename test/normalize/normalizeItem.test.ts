import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { RawItem } from "../../src/model.js";
import {
  compileTransforms,
  type NormalizeContext,
  normalizeItem,
  normalizeItems,
} from "../../src/normalize/index.js";
import { parseFeedDocument } from "../../src/sources/feed/index.js";

const announcement = readFileSync(
  new URL("../fixtures/normalize/announcement-zh.txt", import.meta.url),
  "utf8",
);
const PINYIN = "\\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\\)";

function context(overrides: Partial<NormalizeContext> = {}): NormalizeContext {
  return {
    source: { id: "news", title: "News", url: "https://example.org/" },
    documentUrl: "http://example.org/feed.xml",
    timezone: "Asia/Shanghai",
    now: new Date("2019-06-10T00:00:00.000Z"),
    transforms: [],
    language: "zh-CN",
    ...overrides,
  };
}

describe("normalizeItem", () => {
  it("turns a messy feed item into a clean Article", () => {
    const raw: RawItem = {
      guid: "http://example.org/news/1",
      title: "  Hello &\u000b world\n ",
      link: "/news/1?utm_source=rss&id=1",
      baseUrl: "https://example.org/blog/",
      contentHtml:
        '<p onclick="x()">Body <img src="img/a.png"><script>alert(1)</script><a href="javascript:alert(1)">bad</a> <a href="../x.html">x</a></p><img src="https://x.example/p.gif" width="1" height="1">',
      summary: "<p>Short &amp; sweet</p>",
      published: "Thu, 30 May 2019 14:00:00 +0800",
      updated: "2019-05-31T08:00:00Z",
      authors: [
        { name: "jo@example.org (Jo Doe)" },
        { name: "Jo Doe <jo@example.org>" },
        { name: " " },
        { name: "Ann", url: "/ann" },
      ],
      categories: [" a ", "A", "b  c", ""],
      enclosures: [
        { url: "/a.mp3", type: " audio/mpeg ", length: 0 },
        { url: "javascript:alert(1)" },
        { url: "b.mp3", length: 123 },
      ],
      image: "img/cover.png",
    };
    expect(normalizeItem(raw, context())).toEqual({
      id: "http://example.org/news/1",
      title: "Hello & world",
      url: "https://example.org/news/1?id=1",
      content:
        '<p>Body <img src="https://example.org/blog/img/a.png" /><a>bad</a> <a href="https://example.org/x.html" rel="noopener noreferrer">x</a></p>',
      summary: "Short & sweet",
      published: "2019-05-30T06:00:00.000Z",
      updated: "2019-05-31T08:00:00.000Z",
      authors: [
        { name: "Jo Doe", email: "jo@example.org" },
        { name: "Ann", url: "https://example.org/ann" },
      ],
      categories: ["a", "b c"],
      enclosures: [
        { url: "https://example.org/a.mp3", type: "audio/mpeg" },
        { url: "https://example.org/blog/b.mp3", length: 123 },
      ],
      image: "https://example.org/blog/img/cover.png",
      language: "zh-CN",
      source: { id: "news", title: "News", url: "https://example.org/" },
    });
  });

  it("normalizes the real text announcement: transform before title derivation, paragraphs, hash id", () => {
    const ctx = context({
      source: { id: "local", title: "Local", url: null },
      documentUrl: "file:///srv/announcements/2019-05-30.txt",
      transforms: compileTransforms([{ pattern: PINYIN, flags: "g", replace: "", field: "all" }]),
    });
    const article = normalizeItem({ contentText: announcement }, ctx);
    const noise = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/u;
    expect(article.title).not.toMatch(noise);
    expect(article.title.startsWith("5月30日下午,在收聽收看全省安全穩定工作")).toBe(true);
    expect(article.title.length).toBeLessThanOrEqual(80);
    expect(article.content).not.toMatch(noise);
    expect(article.summary).not.toMatch(noise);
    expect(article.summary.length).toBeLessThanOrEqual(300);
    // Five lines without blank lines between them: five paragraphs.
    expect(article.content.match(/<p>/g)?.length).toBe(5);
    expect(article.content).toContain("社區(農村)警務室(站)");
    expect(article.url).toBeNull();
    expect(article.published).toBeNull();
    expect(article.id).toMatch(/^urn:crier:local:[0-9a-f]{16}$/);
    expect(normalizeItem({ contentText: announcement }, ctx).id).toBe(article.id);
  });

  it("applies title transforms to given titles and resolves year-less list dates against now", () => {
    const ctx = context({
      documentUrl: "http://gov.example.cn/list/index.html",
      transforms: compileTransforms([{ pattern: PINYIN, flags: "g", replace: "", field: "title" }]),
      language: null,
    });
    const article = normalizeItem(
      { title: "關於穩(wěn)定工作的通知", link: "detail.html?id=3", published: "[05-30]" },
      ctx,
    );
    expect(article.title).toBe("關於穩定工作的通知");
    expect(article.url).toBe("http://gov.example.cn/list/detail.html?id=3");
    expect(article.id).toBe("http://gov.example.cn/list/detail.html?id=3");
    expect(article.published).toBe("2019-05-29T16:00:00.000Z");
    expect(article.language).toBeNull();
    expect(article.content).toBe("");
    expect(article.summary).toBe("");
  });

  it("applies title-only transforms to a title derived from the text, content ones once", () => {
    const ctx = context({
      transforms: compileTransforms([
        { pattern: "^【置顶】", flags: "", replace: "", field: "title" },
        { pattern: "穩\\(wěn\\)", flags: "g", replace: "穩", field: "content" },
      ]),
    });
    const article = normalizeItem({ contentText: "【置顶】關於穩(wěn)定工作的通知\n\n正文。" }, ctx);
    expect(article.title).toBe("關於穩定工作的通知");
    expect(article.content).toContain("【置顶】關於穩定工作的通知");
  });

  it("merges one author named twice (RSS author with email + dc:creator), keeping the email; different emails stay apart", async () => {
    const feed = await parseFeedDocument(
      `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>E</title>` +
        `<link>https://e.example/</link><description>d</description>` +
        `<item><title>1</title><link>https://e.example/1</link><author>jane@example.com (Jane Doe)</author><dc:creator>Jane Doe</dc:creator></item>` +
        `<item><title>2</title><link>https://e.example/2</link><dc:creator>jane doe</dc:creator><author>jane@example.com (Jane Doe)</author></item>` +
        `<item><title>3</title><link>https://e.example/3</link><author>jane@example.com (Jane Doe)</author><author>jd@other.example (Jane Doe)</author><dc:creator>Ann</dc:creator></item>` +
        `</channel></rss>`,
      "https://e.example/feed.xml",
    );
    const authors = feed.items.map((raw) => normalizeItem(raw, context()).authors);
    expect(authors).toEqual([
      [{ name: "Jane Doe", email: "jane@example.com" }],
      [{ name: "Jane Doe", email: "jane@example.com" }],
      [
        { name: "Jane Doe", email: "jane@example.com" },
        { name: "Jane Doe", email: "jd@other.example" },
        { name: "Ann" },
      ],
    ]);
  });

  it("applies a multiline transform to summaries line by line, as to content (Atom html and text)", async () => {
    const entry = (id: string, type: string, body: string) =>
      `<entry><title>${id}</title><id>urn:${id}</id><updated>2019-05-30T00:00:00Z</updated>` +
      `<summary type="${type}">${body}</summary><content type="${type}">${body}</content></entry>`;
    const feed = await parseFeedDocument(
      `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>` +
        `<id>urn:x</id><updated>2019-05-30T00:00:00Z</updated>` +
        entry(
          "e1",
          "html",
          "&lt;p&gt;keep&lt;/p&gt;&lt;p&gt;来源：删除我&lt;/p&gt;&lt;p&gt;also keep&lt;/p&gt;",
        ) +
        entry("e2", "text", "line one\r\n来源：删除我\nline three") +
        "</feed>",
      "http://example.org/feed.xml",
    );
    const transforms = compileTransforms([{ pattern: "^来源：.*$", flags: "gm", replace: "", field: "all" }]);
    const [html, text] = feed.items.map((raw) => normalizeItem(raw, context({ transforms })));
    expect(html!.content).toBe("<p>keep</p><p>also keep</p>");
    expect(html!.summary).toBe("keep also keep");
    expect(text!.content).toBe("<p>line one</p>\n<p>line three</p>");
    expect(text!.summary).toBe("line one line three");
    // Without transforms the summary is the same text on one line.
    const plain = feed.items.map((raw) => normalizeItem(raw, context()).summary);
    expect(plain).toEqual(["keep 来源：删除我 also keep", "line one 来源：删除我 line three"]);
  });

  it("uses a permalink guid as the URL, but never one marked isPermaLink=false", () => {
    const permalink = normalizeItem({ guid: "https://example.org/p/9", title: "t" }, context());
    expect(permalink.url).toBe("https://example.org/p/9");
    const notPermalink = normalizeItem(
      { guid: "https://example.org/p/9", guidIsPermaLink: false, title: "t" },
      context(),
    );
    expect(notPermalink.url).toBeNull();
    expect(notPermalink.id).toBe("https://example.org/p/9");
  });

  it("falls back: published ← updated, content ← summary, title ← content", () => {
    const article = normalizeItem(
      {
        summary: "First line of the summary\nsecond line",
        updated: "2019-05-30 14:00",
        link: "https://example.org/s",
      },
      context(),
    );
    expect(article.published).toBe("2019-05-30T06:00:00.000Z");
    expect(article.updated).toBe("2019-05-30T06:00:00.000Z");
    expect(article.content).toBe("<p>First line of the summary</p>\n<p>second line</p>");
    expect(article.title).toBe("First line of the summary");
    expect(article.summary).toBe("First line of the summary second line");
  });

  it("takes titles as the text the adapters made of them: markup-like text stays, controls go", () => {
    // RFC 4287 type="text", JSON Feed titles, list and file titles: "<script>" here is words, not markup
    // (render escapes it in every format). RSS titles were decoded as HTML by the adapter already.
    const article = normalizeItem({ title: "Why <script> tags &amp; <b> block\u0000 rendering" }, context());
    expect(article.title).toBe("Why <script> tags &amp; <b> block rendering");
    // A title of nothing but characters XML cannot carry is no title: one is derived from the body.
    const derived = normalizeItem(
      { title: "\u000b\u0000\ud83d", contentText: "Water supply notice. Details." },
      context(),
    );
    expect(derived.title).toBe("Water supply notice. Details.");
  });

  it("counts an invisible title as missing, and titles an item with nothing to read by its link", () => {
    const invisible = normalizeItem(
      { title: "\u200b\ufeff \u2060", contentText: "Road works. Details." },
      context(),
    );
    expect(invisible.title).toBe("Road works. Details.");
    // An image-only post: no title, no text.
    const imageOnly = normalizeItem(
      { contentHtml: '<img src="https://m.example/p.jpg" alt="">', link: "https://m.example/@ann/1" },
      context(),
    );
    expect(imageOnly.title).toBe("https://m.example/@ann/1");
    // Without a link either: the image's URL (test/normalize/title-fallback.test.ts has the rest).
    expect(normalizeItem({ contentHtml: "<img src='https://m.example/p.jpg'>" }, context()).title).toBe(
      "https://m.example/p.jpg",
    );
  });

  it("links the video of an item whose body is only an embed, and summarizes it by that link", async () => {
    // fcutrecht.net's livestream items: the RSS description is a YouTube player and nothing else.
    const feed = await parseFeedDocument(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>https://f.example/</link>` +
        `<item><title>LIVESTREAM</title><link>https://f.example/nieuws/8802</link><description><![CDATA[` +
        `<iframe width="560" height="315" src="https://www.youtube.com/embed/YLTOSZYCOx8" title="YouTube video player" frameborder="0" allowfullscreen></iframe>` +
        `]]></description></item></channel></rss>`,
      "https://f.example/rss.xml",
    );
    const article = normalizeItem(feed.items[0]!, context());
    const watch = "https://www.youtube.com/watch?v=YLTOSZYCOx8";
    expect(article.content).toBe(`<a href="${watch}" rel="noopener noreferrer">${watch}</a>`);
    // With no summary of its own, an item is summarized by its body's text: here the link's.
    expect(article.summary).toBe(watch);
    expect(article.title).toBe("LIVESTREAM");
  });

  it("reads a summary by its stated format: text as written, html as markup", () => {
    const text = normalizeItem(
      { title: "t", summary: "Use <div> & <span>; 1 < 2", summaryFormat: "text" },
      context(),
    );
    expect(text.summary).toBe("Use <div> & <span>; 1 < 2");
    expect(text.content).toBe("<p>Use &lt;div&gt; &amp; &lt;span&gt;; 1 &lt; 2</p>");
    const html = normalizeItem(
      { title: "t", summary: "<p>Use <b>bold</b> &amp; more</p>", summaryFormat: "html" },
      context(),
    );
    expect(html.summary).toBe("Use bold & more");
    expect(html.content).toBe("<p>Use <b>bold</b> &amp; more</p>");
  });

  it("resolves relative links of a feed read from disk against the item link, then the site URL", () => {
    const ctx = context({
      documentUrl: "file:///srv/feeds/city-news.rss.xml",
      source: { id: "city", title: "City", url: "https://council.example.org/news/" },
    });
    const article = normalizeItem(
      {
        link: "https://council.example.org/news/2024/closures?utm_source=rss&utm_medium=feed",
        contentHtml: '<a href="/news/maps/route.pdf">map</a> <img src="photo.jpg">',
      },
      ctx,
    );
    expect(article.url).toBe("https://council.example.org/news/2024/closures");
    expect(article.content).toBe(
      '<a href="https://council.example.org/news/maps/route.pdf" rel="noopener noreferrer">map</a> <img src="https://council.example.org/news/2024/photo.jpg" />',
    );
    const relative = normalizeItem({ link: "2024/other.html", title: "t" }, ctx);
    expect(relative.url).toBe("https://council.example.org/news/2024/other.html");
    const noSite = normalizeItem(
      { link: "2024/other.html", title: "t" },
      context({ documentUrl: "file:///srv/a.xml", source: { id: "x", title: "X", url: null } }),
    );
    expect(noSite.url).toBeNull();
  });

  it("drops unparsable dates instead of inventing one", () => {
    const article = normalizeItem({ title: "t", published: "sometime soon" }, context());
    expect(article.published).toBeNull();
  });
});

describe("normalizeItems", () => {
  it("keeps fragments in ids only when several items share one document", () => {
    const ctx = context({ documentUrl: "https://example.org/notices.html" });
    const articles = normalizeItems(
      [
        { title: "one", link: "#n1" },
        { title: "two", link: "#n2" },
        { title: "three", link: "other.html#top" },
      ],
      ctx,
    );
    expect(articles.map((a) => a.id)).toEqual([
      "https://example.org/notices.html#n1",
      "https://example.org/notices.html#n2",
      "https://example.org/other.html",
    ]);
    expect(articles.map((a) => a.url)).toEqual([
      "https://example.org/notices.html#n1",
      "https://example.org/notices.html#n2",
      "https://example.org/other.html#top",
    ]);
  });
});
