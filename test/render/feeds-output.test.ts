import Parser from "rss-parser";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderAtom, renderJsonFeed, renderRss } from "../../src/render/feeds/index.js";
import { updateSchedule } from "../../src/render/feeds/values.js";
import { articles, meta } from "../fixtures/render/articles.js";

const renderers = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };

afterEach(() => {
  vi.useRealTimers();
});

describe("deterministic output", () => {
  it("gives byte-identical output for identical input, whatever the clock says", () => {
    for (const render of Object.values(renderers)) {
      vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
      const first = render(meta, articles);
      vi.setSystemTime(new Date("2031-06-15T12:34:56Z"));
      const second = render(structuredClone(meta), structuredClone(articles));
      expect(second).toBe(first);
      expect(first).not.toMatch(/2030|2031/);
    }
  });

  it("takes lastBuildDate, channel pubDate and feed updated from meta.updated", () => {
    const later = { ...meta, updated: "2025-01-02T03:04:05.000Z" };
    expect(renderRss(later, [])).toContain("<lastBuildDate>Thu, 02 Jan 2025 03:04:05 GMT</lastBuildDate>");
    expect(renderRss(later, [])).toContain("<pubDate>Thu, 02 Jan 2025 03:04:05 GMT</pubDate>");
    expect(renderAtom(later, [])).toMatch(/<\/title>\s*<updated>2025-01-02T03:04:05.000Z<\/updated>/);
  });
});

describe("feed-level options", () => {
  it("writes the xml-stylesheet PI before the root element when meta.xsl is set, only then", () => {
    const withXsl = renderRss({ ...meta, xsl: true }, []);
    expect(withXsl.split("\n").slice(0, 3)).toEqual([
      '<?xml version="1.0" encoding="utf-8"?>',
      '<?xml-stylesheet type="text/xsl" href="feed.xsl"?>',
      expect.stringMatching(/^<rss /),
    ]);
    expect(renderRss(meta, [])).not.toContain("xml-stylesheet");
    const atom = renderAtom({ ...meta, xsl: true }, []);
    expect(atom.split("\n")[1]).toBe('<?xml-stylesheet type="text/xsl" href="feed.xsl"?>');
    expect(renderAtom(meta, [])).not.toContain("xml-stylesheet");
  });

  it("leaves out ttl and the sy namespace when no build interval is known", () => {
    const xml = renderRss({ ...meta, ttlMinutes: null }, []);
    expect(xml).not.toMatch(/<ttl>|sy:|xmlns:sy/);
  });

  it.each([
    [5, "hourly", 12],
    [30, "hourly", 2],
    [60, "hourly", 1],
    [180, "daily", 8],
    [1440, "daily", 1],
    [2880, "weekly", 4],
  ])("maps a %i-minute interval to sy:updatePeriod %s, frequency %i", (minutes, period, frequency) => {
    expect(updateSchedule(minutes)).toEqual({ ttl: minutes, period, frequency });
    const xml = renderRss({ ...meta, ttlMinutes: minutes }, []);
    expect(xml).toContain(`<sy:updatePeriod>${period}</sy:updatePeriod>`);
    expect(xml).toContain(`<sy:updateFrequency>${frequency}</sy:updateFrequency>`);
    expect(xml).toContain(`<ttl>${minutes}</ttl>`);
  });

  it("writes an empty feed that is still complete", async () => {
    const rss = renderRss(meta, []);
    expect(rss).not.toContain("<item>");
    expect((await new Parser().parseString(rss)).title).toBe(meta.title);
    const atom = renderAtom(meta, []);
    expect(atom).not.toContain("<entry>");
    expect(atom).toContain("<author>");
    expect(atom).toContain('rel="self"');
  });

  it("falls back to language en when meta.language is empty", () => {
    expect(renderAtom({ ...meta, language: "" }, [])).toContain('xml:lang="en"');
    expect(renderRss({ ...meta, language: "" }, [])).toContain("<language>en</language>");
  });
});

describe("the site author in RSS", () => {
  it("is the channel's managingEditor when it has an address (RSS takes no bare name)", () => {
    expect(renderRss(meta, [])).toContain("<managingEditor>desk@example.org (Crier Desk)</managingEditor>");
    const nameOnly = { ...meta, author: { name: "Crier Desk" } };
    expect(renderRss(nameOnly, [])).not.toContain("managingEditor");
  });
});

describe("item images in RSS and Atom", () => {
  it("writes the item image as media:thumbnail, declaring the Media RSS namespace only when used", async () => {
    const withImage = articles.filter((a) => a.id.endsWith("/image"));
    const without = articles.filter((a) => !a.image);
    expect(withImage).toHaveLength(1);
    for (const render of [renderRss, renderAtom]) {
      const xml = render(meta, withImage);
      expect(xml).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
      expect(xml).toContain('<media:thumbnail url="https://example.org/img/cover.jpg"/>');
      const plain = render(meta, without);
      expect(plain).not.toContain("xmlns:media");
      expect(plain).not.toContain("media:thumbnail");
    }
    // A reader that looks for it (rss-parser's customFields, as Miniflux reads media:thumbnail) finds it.
    const parser = new Parser({ customFields: { item: [["media:thumbnail", "thumbnail"]] } });
    const feed = await parser.parseString(renderRss(meta, withImage));
    expect(feed.items?.[0]?.thumbnail).toEqual({ $: { url: "https://example.org/img/cover.jpg" } });
  });
});

describe("article edge cases", () => {
  it("writes very long content whole", async () => {
    const long = articles.find((a) => a.id.endsWith("/long"))!;
    const feed = await new Parser().parseString(renderRss(meta, [long]));
    expect(feed.items?.[0]?.["content:encoded"]).toBe(long.content);
    const json = JSON.parse(renderJsonFeed(meta, [long]));
    expect(json.items[0].content_html).toBe(long.content);
  });

  it("links articles without a URL to their page under the output's base URL", () => {
    const local = articles.find((a) => a.url === null)!;
    const link = "https://example.org/police/articles/0bc1f83887b8d323.html";
    expect(renderRss(meta, [local])).toContain(`<link>${link}</link>`);
    expect(renderAtom(meta, [local])).toContain(`<link rel="alternate" type="text/html" href="${link}"/>`);
    expect(JSON.parse(renderJsonFeed(meta, [local])).items[0].url).toBe(link);
  });

  it("treats an unparseable article URL like a missing one instead of throwing", () => {
    const broken = { ...articles[0]!, id: "x1", url: "not a url" };
    expect(renderRss(meta, [broken])).toMatch(
      /<link>https:\/\/example\.org\/police\/articles\/[0-9a-f]{16}\.html<\/link>/,
    );
  });

  it("gives RSS's one enclosure to the audio of a podcast whose cover image comes first", () => {
    const podcast = {
      ...articles[0]!,
      enclosures: [
        { url: "https://pod.example/cover.jpg", type: "image/jpeg", length: 1000 },
        { url: "https://pod.example/ep.mp3", type: "audio/mpeg", length: 5000 },
      ],
    };
    const rss = renderRss(meta, [podcast]);
    expect([...rss.matchAll(/<enclosure url="([^"]*)"/g)].map((m) => m[1])).toEqual([
      "https://pod.example/ep.mp3",
    ]);
    // The other formats carry both.
    expect(renderAtom(meta, [podcast]).match(/rel="enclosure"/g)).toHaveLength(2);
    expect(JSON.parse(renderJsonFeed(meta, [podcast])).items[0].attachments).toHaveLength(2);
  });

  it("drops enclosures, author URLs and images whose URLs do not parse", () => {
    const odd = {
      ...articles[0]!,
      enclosures: [{ url: "::nope" }],
      authors: [{ name: "Zed", url: "javascript:alert(1)" }],
      image: "relative/img.png",
    };
    const atom = renderAtom(meta, [odd]);
    expect(atom).not.toContain("enclosure");
    expect(atom).not.toContain("javascript:");
    const json = JSON.parse(renderJsonFeed(meta, [odd]));
    expect(json.items[0]).not.toHaveProperty("image");
    expect(json.items[0]).not.toHaveProperty("attachments");
    expect(json.items[0].authors).toEqual([{ name: "Zed" }]);
  });

  it("writes the article's own title even when it is empty (Atom requires the element)", () => {
    const untitled = articles.find((a) => a.id.endsWith("/no-title"))!;
    expect(renderAtom(meta, [untitled])).toMatch(/<entry>\s*<title type="text"\/>/);
    const rss = renderRss(meta, [untitled]);
    expect(rss).not.toMatch(/<item>[\s\S]*<title>/);
    expect(rss).toContain("<description>An item without a title but with a description</description>");
  });
});
