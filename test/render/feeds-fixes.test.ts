import { Feed, type Item } from "feed";
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { renderAtom, renderJsonFeed, renderRss } from "../../src/render/feeds/index.js";
import { checkXml } from "../../src/render/xml-check.js";
import { articles, meta } from "../fixtures/render/articles.js";

// One test per defect of feed 6.0.0 (and xml-js, which it uses) that crier corrects. Each first shows the
// defect in feed's raw output, so that a feed upgrade that fixes it is noticed, then shows crier's output
// without it.

const byKey = (key: string) => articles.find((a) => a.id.endsWith(`/${key}`) || a.id === key)!;

function rawFeed(items: Partial<Item>[], options: Partial<ConstructorParameters<typeof Feed>[0]> = {}): Feed {
  const feed = new Feed({
    id: "https://example.org/",
    title: "T",
    link: "https://example.org/",
    updated: new Date(0),
    ...options,
  });
  for (const item of items) {
    feed.addItem({ title: "x", link: "https://example.org/x", date: new Date(0), ...item } as Item);
  }
  return feed;
}

describe("fixes for feed 6", () => {
  it("strips XML-illegal control characters (feed writes U+000B raw)", () => {
    const raw = rawFeed([{ title: "a\u000Bb", description: "c\u000Bd" }]).rss2();
    expect(raw).toContain("\u000B");
    expect(() => checkXml(raw)).toThrow(/illegal XML character U\+000B/);
    const control = [byKey("control")];
    for (const xml of [renderRss(meta, control), renderAtom(meta, control)]) {
      expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      expect(() => checkXml(xml)).not.toThrow();
    }
  });

  it("always writes a feed-level Atom author, from meta.author", () => {
    expect(rawFeed([{}]).atom1()).not.toContain("<author>");
    const xml = renderAtom({ ...meta, author: { name: "Only A Name" } }, [byKey("markup")]);
    expect(xml).toMatch(
      /<feed[^>]*>[\s\S]*?<author>\s*<name>Only A Name<\/name>\s*<\/author>[\s\S]*?<entry>/,
    );
  });

  it("writes undated articles instead of throwing (atom1() throws without a date)", () => {
    expect(() => rawFeed([{ date: undefined }]).atom1()).toThrow();
    const undated = byKey("undated");
    const xml = renderAtom(meta, [undated]);
    expect(xml).toContain(`<updated>${meta.updated}</updated>`);
    expect(xml).not.toContain("<published>");
    expect(renderRss(meta, [undated])).toContain("<pubDate>Thu, 30 May 2024 08:00:00 GMT</pubDate>");
  });

  it("writes Atom categories with the required term (feed writes only label)", () => {
    const raw = rawFeed([{ category: [{ name: "News" }] }]).atom1();
    expect(raw).toContain('<category label="News"/>');
    const xml = renderAtom(meta, [byKey("categories")]);
    expect(xml).toContain('<category term="Public Safety" label="Public Safety"/>');
    expect(xml).toContain('<category term="R&amp;D" label="R&amp;D"/>');
    expect(xml).not.toMatch(/<category (?![^>]*term=)/);
  });

  it('writes Atom titles as type="text" so "&" and "<" in a plain title survive', async () => {
    expect(rawFeed([{ title: "a & b" }]).atom1()).toContain('<title type="html"><![CDATA[a & b]]></title>');
    const xml = renderAtom(meta, [byKey("markup")]);
    expect(xml).toContain('<title type="text">');
    expect(xml).not.toContain('type="html"><![CDATA[a');
    const feed = await new Parser().parseString(xml);
    expect(feed.items?.[0]?.title).toBe("a < b & <em>c</em>");
  });

  it("adds xml:lang to the Atom feed (and to entries in another language)", () => {
    expect(rawFeed([{}], { language: "zh-Hant" }).atom1()).not.toContain("xml:lang");
    const xml = renderAtom(meta, [byKey("cjk")]);
    expect(xml).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="zh-Hant">/);
    expect(xml).toContain('<entry xml:lang="zh-Hans">');
  });

  it("declares JSON Feed version 1.1 with authors, not version 1 with author", () => {
    const raw = JSON.parse(rawFeed([{ id: "x" }], { author: { name: "A" } }).json1());
    expect(raw.version).toBe("https://jsonfeed.org/version/1");
    expect(raw.author).toEqual({ name: "A" });
    const json = JSON.parse(renderJsonFeed(meta, [byKey("authors-many")]));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.author).toBeUndefined();
    expect(json.authors).toEqual([{ name: "Crier Desk", url: "https://example.org/about" }]);
    expect(json.items[0].author).toBeUndefined();
    expect(json.items[0].authors).toHaveLength(3);
  });

  it("does not crash json1() on an article without authors (feed reads author[0].name)", () => {
    expect(() => rawFeed([{ id: "x", author: [] }]).json1()).toThrow(TypeError);
    const json = JSON.parse(renderJsonFeed(meta, [byKey("markup")]));
    expect(json.items[0].authors).toBeUndefined();
  });

  it("gives Atom enclosures their real type (feed writes image/<extension>) and keeps every enclosure", () => {
    const raw = rawFeed([
      { enclosure: { url: "https://example.org/f/talk.mp3", type: "audio/mpeg" } },
    ]).atom1();
    expect(raw).toContain('type="image/mp3"');
    const xml = renderAtom(meta, [byKey("enclosures")]);
    expect(xml).toContain(
      '<link rel="enclosure" type="application/pdf" href="https://example.org/f/report.pdf" length="12345"/>',
    );
    expect(xml).toContain('<link rel="enclosure" type="audio/mpeg" href="https://example.org/f/talk.mp3"/>');
    expect(xml).toContain(
      '<link rel="enclosure" type="application/octet-stream" href="https://example.org/f/blob" length="7"/>',
    );
    expect(xml).not.toContain("image/mp3");
  });

  it("gives RSS enclosures a type even when the article has none (feed drops or guesses image/<ext>)", () => {
    const raw = rawFeed([{ enclosure: { url: "https://example.org/f/talk.mp3", type: undefined } }]).rss2();
    expect(raw).toMatch(/<enclosure length="0" url="https:\/\/example\.org\/f\/talk\.mp3"\/>/);
    const article = { ...byKey("enclosures"), enclosures: [{ url: "https://example.org/f/talk.mp3" }] };
    expect(renderRss(meta, [article])).toContain(
      '<enclosure url="https://example.org/f/talk.mp3" length="0" type="audio/mpeg"/>',
    );
  });

  it('keeps a literal "&amp;" in text values (xml-js unescapes it before escaping)', async () => {
    const raw = rawFeed([], { title: "Tom &amp; Jerry" }).rss2();
    expect((await new Parser().parseString(raw)).title).toBe("Tom & Jerry");
    const xml = renderRss({ ...meta, title: "Tom &amp; Jerry" }, []);
    expect((await new Parser().parseString(xml)).title).toBe("Tom &amp; Jerry");
  });

  it('stays well-formed with several "]]>" in CDATA (xml-js splits only the first)', () => {
    const raw = rawFeed([{ description: "a]]>b]]><c>" }]).rss2();
    expect(() => checkXml(raw)).toThrow(/not well-formed/);
    const article = byKey("cdata-end");
    expect(() => checkXml(renderRss(meta, [article]))).not.toThrow();
    expect(() => checkXml(renderAtom(meta, [article]))).not.toThrow();
  });

  it('escapes "<" in attribute values (xml-js escapes only quotes)', () => {
    const raw = rawFeed([{ category: [{ name: "a < b" }] }]).atom1();
    expect(() => checkXml(raw)).toThrow(/not well-formed/);
    expect(renderAtom(meta, [byKey("categories")])).toContain('<category term="a &lt; b" label="a &lt; b"/>');
  });

  it("writes authors without an email as dc:creator (feed writes <author>name</author>, invalid RSS)", () => {
    expect(rawFeed([{ author: [{ name: "Ann" }] }]).rss2()).toContain("<author>Ann</author>");
    const xml = renderRss(meta, [byKey("authors-one")]);
    expect(xml).toContain("<dc:creator>Ann</dc:creator>");
    expect(xml).not.toContain("<author>");
  });

  it("gives non-IRI ids a urn: form in Atom (feed throws on them)", () => {
    expect(() => rawFeed([{ id: "42" }]).atom1()).toThrow();
    const xml = renderAtom(meta, [byKey("42")]);
    expect(xml).toContain("<id>urn:crier:42</id>");
    const files = renderAtom(meta, [byKey("files:local:announcements/notice.txt")]);
    expect(files).toContain("<id>urn:crier:files%3Alocal%3Aannouncements%2Fnotice.txt</id>");
  });

  it("marks guids as permalinks only when they are the item's URL (feed says isPermaLink=false for all ids)", () => {
    expect(rawFeed([{ id: "https://example.org/x" }]).rss2()).toContain('isPermaLink="false"');
    const xml = renderRss(meta, [
      byKey("markup"),
      byKey("42"),
      byKey("files:local:announcements/notice.txt"),
    ]);
    expect(xml).toContain('<guid isPermaLink="true">https://example.org/a/markup</guid>');
    expect(xml).toContain('<guid isPermaLink="false">urn:crier:42</guid>');
    expect(xml).toContain('<guid isPermaLink="false">files:local:announcements/notice.txt</guid>');
  });

  it("writes a URL guid from the id alone, so a link that moves to https leaves the guid as readers have it", () => {
    const id = "http://Example.org/新闻/1.html";
    const written = "http://example.org/%E6%96%B0%E9%97%BB/1.html";
    const story = { ...byKey("markup"), id };
    const before = renderRss(meta, [{ ...story, url: "http://example.org/新闻/1.html" }]);
    const after = renderRss(meta, [{ ...story, url: "https://example.org/新闻/1.html" }]);
    expect(before).toContain(`<guid isPermaLink="true">${written}</guid>`);
    expect(after).toContain(`<guid isPermaLink="false">${written}</guid>`);
  });

  it("declares every namespace it uses (feed declares dc/content only when an item has content, never sy)", () => {
    const raw = rawFeed([{}], { ttl: 30 }).rss2();
    expect(raw).not.toContain("xmlns:content");
    const article = { ...byKey("authors-one"), content: "" };
    const xml = renderRss(meta, [article]);
    expect(xml).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
    expect(xml).toContain('xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"');
    expect(() => checkXml(xml)).not.toThrow();
  });

  it("adds the channel pubDate and Atom link types feed leaves out", () => {
    const rawAtom = rawFeed([{}], { feedLinks: { atom: "https://example.org/atom.xml" } }).atom1();
    expect(rawAtom).toContain('<link rel="self" href="https://example.org/atom.xml"/>');
    const atom = renderAtom(meta, []);
    expect(atom).toContain(
      '<link rel="self" type="application/atom+xml" href="https://example.org/police/atom.xml"/>',
    );
    // A sub-set's home page is its own index.html, as in the OPML; the combined set's is site.url.
    expect(atom).toContain('<link rel="alternate" type="text/html" href="https://example.org/police/"/>');
    expect(renderRss(meta, [])).toContain("<link>https://example.org/police/</link>");
    expect(renderAtom({ ...meta, baseUrl: "https://example.org/" }, [])).toContain(
      '<link rel="alternate" type="text/html" href="https://example.org/"/>',
    );
    expect(rawFeed([{}]).rss2()).not.toMatch(/<channel>[\s\S]*<pubDate>[\s\S]*<item>/);
    expect(renderRss(meta, [])).toMatch(/<channel>[\s\S]*<pubDate>Thu, 30 May 2024 08:00:00 GMT<\/pubDate>/);
  });
});
