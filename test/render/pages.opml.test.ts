import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { load } from "cheerio";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { renderFeedXsl, renderOpml } from "../../src/render/pages/index.js";
import { runBuild } from "../../src/worker/index.js";
import { meta } from "../fixtures/pages/site.js";

/** Parses with a strict XML parser (throws on any well-formedness error); returns elements in order. */
function parseXml(xml: string): { name: string; uri: string; attributes: Record<string, string> }[] {
  const elements: { name: string; uri: string; attributes: Record<string, string> }[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) {
      attributes[name] = typeof attribute === "string" ? attribute : attribute.value;
    }
    elements.push({ name: tag.name, uri: tag.uri, attributes });
  });
  parser.write(xml).close();
  return elements;
}

const sources = [
  {
    id: "news",
    title: "World News & Views",
    type: "feed",
    url: "https://news.example.com/rss.xml",
    htmlUrl: "https://news.example.com/",
  },
  { id: "notices", title: "市政府通知公告", type: "html", url: "http://city.example.gov/list.html" },
  { id: "local", title: "本地文件", type: "files", url: null },
  { id: "offline", title: "Offline copy", type: "feed", url: "examples/feed.xml" },
];
const outputs = [
  { name: "police", title: "警情通报" },
  { name: "world", title: "World <News>" },
];

describe("renderOpml", () => {
  const opml = renderOpml(meta(), sources, outputs);
  const elements = parseXml(opml);
  const outlines = elements.filter((e) => e.name === "outline").map((e) => e.attributes);

  it("is well-formed OPML 2.0 dated by the content, not the build", () => {
    expect(opml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')).toBe(true);
    const $ = load(opml, { xml: true });
    expect($("head > title").text()).toBe("上海市公告汇总");
    expect($("head > dateModified").text()).toBe("Thu, 30 May 2019 16:30:00 GMT");
    expect($("head > ownerName").text()).toBe("Crier Bot");
    expect(renderOpml(meta(), sources, outputs)).toBe(opml);
  });

  it("drops the characters the feeds drop: C1 controls and lone surrogates (the validator's BadCharacters)", () => {
    const xml = renderOpml({ ...meta(), title: "It\u0092s \uD800news" }, sources, outputs);
    expect(xml).toContain("<title>Its news</title>");
    expect(xml).not.toMatch(/[\u0080-\u009F\uFFFD]/);
  });

  it("writes ownerEmail only when it is an address (the validator's InvalidContact)", () => {
    const withEmail = (email: string) =>
      renderOpml({ ...meta(), author: { name: "A", email } }, sources, outputs);
    expect(withEmail("desk@example.org")).toContain("<ownerEmail>desk@example.org</ownerEmail>");
    expect(withEmail("not-an-email")).not.toContain("<ownerEmail>");
  });

  it("holds only head elements the W3C feed validator's OPML rules know (it rejects <docs>)", () => {
    const $ = load(opml, { xml: true });
    const known = new Set([
      "title",
      "dateCreated",
      "dateModified",
      "ownerName",
      "ownerEmail",
      "ownerId",
      "expansionState",
      "vertScrollState",
      "windowTop",
      "windowLeft",
      "windowBottom",
      "windowRight",
    ]);
    const names = $("head")
      .children()
      .toArray()
      .map((el) => el.tagName);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !known.has(name))).toEqual([]);
  });

  it("lists this feed set and every output as subscribable RSS with absolute URLs", () => {
    const rss = outlines.filter((o) => o.type === "rss" && o.xmlUrl?.startsWith("https://example.org/"));
    expect(rss.map((o) => [o.text, o.xmlUrl, o.htmlUrl])).toEqual([
      ["上海市公告汇总", "https://example.org/feed.xml", "https://example.org/index.html"],
      ["警情通报", "https://example.org/police/feed.xml", "https://example.org/police/index.html"],
      ["World <News>", "https://example.org/world/feed.xml", "https://example.org/world/index.html"],
    ]);
  });

  it("lists every source: feeds to subscribe, pages as links, files as text", () => {
    expect(outlines.find((o) => o.text === "World News & Views")).toEqual({
      type: "rss",
      text: "World News & Views",
      title: "World News & Views",
      xmlUrl: "https://news.example.com/rss.xml",
      htmlUrl: "https://news.example.com/",
    });
    expect(outlines.find((o) => o.text === "市政府通知公告")).toEqual({
      type: "link",
      text: "市政府通知公告",
      url: "http://city.example.gov/list.html",
    });
    expect(outlines.find((o) => o.text === "本地文件")).toEqual({ text: "本地文件" });
    // A feed read from a local file is no URL anyone else can subscribe to.
    expect(outlines.find((o) => o.text === "Offline copy")).toEqual({ text: "Offline copy" });
  });

  it("lists the combined feeds and every output in an output's own OPML too, none twice", () => {
    const police = renderOpml(
      meta({ baseUrl: "https://example.org/police/", title: "警情通报" }),
      [],
      outputs,
      "上海市公告汇总",
    );
    const rss = parseXml(police)
      .map((e) => e.attributes)
      .filter((a) => a.xmlUrl);
    expect(rss.map((a) => [a.text, a.xmlUrl])).toEqual([
      ["上海市公告汇总", "https://example.org/feed.xml"],
      ["警情通报", "https://example.org/police/feed.xml"],
      ["World <News>", "https://example.org/world/feed.xml"],
    ]);
    // The same feeds, in the same order, as the combined set's OPML.
    expect(rss).toEqual(
      outlines.filter((o) => o.type === "rss" && o.xmlUrl?.startsWith("https://example.org/")),
    );
  });
});

describe("sources.opml of every feed set of a build", () => {
  it("lists the combined feeds and every outputs[] set's, whichever set it belongs to", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-opml-sets-"));
    try {
      await writeFile(
        path.join(dir, "a.xml"),
        '<?xml version="1.0"?><rss version="2.0"><channel><title>A</title><link>https://a.example/</link>' +
          "<item><title>One</title><link>https://a.example/1</link></item></channel></rss>",
      );
      await writeFile(
        path.join(dir, "feeds.config.json"),
        JSON.stringify({
          site: { title: "Site", url: "https://feeds.example.org/" },
          sources: [{ id: "a", type: "feed", url: "a.xml" }],
          outputs: [
            { name: "one", title: "One" },
            { name: "two", title: "Two" },
          ],
        }),
      );
      await runBuild({ loaded: await loadConfig(path.join(dir, "feeds.config.json")) });
      const feeds = async (set: string) =>
        parseXml(await readFile(path.join(dir, "output", set, "sources.opml"), "utf8"))
          .map((e) => e.attributes)
          .filter((a) => a.xmlUrl)
          .map((a) => [a.text, a.xmlUrl]);
      const all = [
        ["Site", "https://feeds.example.org/feed.xml"],
        ["One", "https://feeds.example.org/one/feed.xml"],
        ["Two", "https://feeds.example.org/two/feed.xml"],
      ];
      expect(await feeds("")).toEqual(all);
      expect(await feeds("one")).toEqual(all);
      expect(await feeds("two")).toEqual(all);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("renderFeedXsl", () => {
  const xsl = renderFeedXsl();
  const XSL = "http://www.w3.org/1999/XSL/Transform";

  it("is a well-formed XSLT 1.0 stylesheet", () => {
    const elements = parseXml(xsl);
    expect(elements[0]).toMatchObject({ name: "xsl:stylesheet", uri: XSL, attributes: { version: "1.0" } });
    const matches = elements
      .filter((e) => e.uri === XSL && e.name === "xsl:template")
      .map((e) => e.attributes.match);
    expect(matches).toEqual(["/", "item", "atom:entry"]);
    expect(elements.find((e) => e.name === "xsl:output")?.attributes.method).toBe("html");
  });

  it("handles RSS 2.0 and Atom and tells people what a feed is", () => {
    expect(xsl).toContain('select="rss/channel/item | atom:feed/atom:entry"');
    expect(xsl).toContain('xmlns:atom="http://www.w3.org/2005/Atom"');
    expect(xsl).toContain("Copy the URL of this page into your feed reader");
    expect(xsl).toContain("把此页网址复制到阅读器中");
    expect(renderFeedXsl()).toBe(xsl);
  });
});
