import Parser from "rss-parser";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { renderAtom, renderJsonFeed, renderRss } from "../../src/render/feeds/index.js";
import { articles, meta } from "../fixtures/render/articles.js";
import {
  clean,
  expectedAtomId,
  expectedLink,
  expectedPublished,
  expectedUpdated,
} from "../fixtures/render/expected.js";

// Render every combination in the fixture, then read it back with independent parsers: saxes (strict,
// namespace-aware) for well-formedness and rss-parser for what a feed reader would see.

function parseStrict(xml: string): void {
  new SaxesParser({ xmlns: true }).write(xml).close();
}

type Loose = Record<string, unknown>;
const attrs = (node: unknown): Record<string, string> => (node as { $?: Record<string, string> }).$ ?? {};
const text = (node: unknown): string =>
  typeof node === "string" ? node : (((node as { _?: string } | undefined)?._ as string | undefined) ?? "");

describe("RSS 2.0 round trip", () => {
  it("is well-formed and rss-parser reads back titles, links, guids, dates, categories, authors, enclosures", async () => {
    const xml = renderRss(meta, articles);
    parseStrict(xml);
    const parser = new Parser({
      customFields: { item: [["dc:creator", "creators", { keepArray: true }]] },
    });
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe(meta.title);
    expect(feed.items).toHaveLength(articles.length);
    (feed.items ?? []).forEach((item, i) => {
      const article = articles[i]!;
      const link = expectedLink(article, meta);
      expect(item.title ?? "").toBe(clean(article.title));
      expect(item.link).toBe(link);
      expect(item.isoDate).toBe(expectedPublished(article, meta));
      expect(item.categories ?? []).toEqual(article.categories);
      if (article.id === article.url) expect(item.guid).toBe(link);
      else expect(item.guid).toMatch(/\S/);
      const names = ((item.creators as unknown[] | undefined) ?? []).map(text);
      if (article.authors.length === 1 && article.authors[0]!.email) {
        expect(item.author).toBe(`${article.authors[0]!.email} (${article.authors[0]!.name})`);
      } else {
        expect(names).toEqual(article.authors.map((a) => a.name));
      }
      const enclosure = article.enclosures[0];
      if (enclosure) {
        expect(item.enclosure).toMatchObject({ url: enclosure.url, length: String(enclosure.length ?? 0) });
        expect(item.enclosure?.type).toBe(enclosure.type ?? item.enclosure?.type);
      } else {
        expect(item.enclosure).toBeUndefined();
      }
    });
  });

  it("keeps the given order exactly, even when it is not by date", async () => {
    const shuffled = [articles[14]!, articles[0]!, articles[13]!, articles[2]!];
    const feed = await new Parser().parseString(renderRss(meta, shuffled));
    expect((feed.items ?? []).map((i) => i.link)).toEqual(shuffled.map((a) => expectedLink(a, meta)));
  });
});

describe("Atom 1.0 round trip", () => {
  it("is well-formed and rss-parser reads back titles, ids, links, dates, categories, authors, enclosures", async () => {
    const xml = renderAtom(meta, articles);
    parseStrict(xml);
    const parser = new Parser({
      customFields: {
        item: [
          ["category", "categoryNodes", { keepArray: true }],
          ["link", "links", { keepArray: true }],
          ["author", "authors", { keepArray: true }],
          ["published", "published"],
          ["updated", "updated"],
          ["title", "titleNodes", { keepArray: true }],
        ],
      },
    });
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe(meta.title);
    expect(feed.items).toHaveLength(articles.length);
    (feed.items ?? []).forEach((item, i) => {
      const article = articles[i]!;
      const [title] = item.titleNodes as unknown[];
      expect(text(title)).toBe(clean(article.title));
      expect(attrs(title).type).toBe("text");
      expect(item.id).toBe(expectedAtomId(article));
      expect(item.link).toBe(expectedLink(article, meta));
      expect(item.updated).toBe(expectedUpdated(article, meta));
      expect(item.published).toBe(article.published ? new Date(article.published).toISOString() : undefined);
      const categories = ((item.categoryNodes as unknown[] | undefined) ?? []).map((c) => attrs(c));
      expect(categories.map((c) => c.term)).toEqual(article.categories);
      expect(categories.map((c) => c.label)).toEqual(article.categories);
      const enclosures = ((item.links as unknown[]) ?? []).map(attrs).filter((l) => l.rel === "enclosure");
      expect(enclosures.map((l) => l.href)).toEqual(article.enclosures.map((e) => e.url));
      for (const [j, e] of article.enclosures.entries()) {
        if (e.type) expect(enclosures[j]!.type).toBe(e.type);
        expect(enclosures[j]!.length).toBe(e.length ? String(e.length) : undefined);
      }
      const names = ((item.authors as { name: string[] }[] | undefined) ?? []).map((a) => text(a.name[0]));
      expect(names).toEqual(article.authors.map((a) => a.name));
    });
  });
});

describe("JSON Feed 1.1 round trip", () => {
  it("reads back ids, titles, links, dates, tags, authors, attachments in order", () => {
    const feed = JSON.parse(renderJsonFeed(meta, articles)) as { items: Loose[] };
    expect(feed.items).toHaveLength(articles.length);
    (feed.items ?? []).forEach((item, i) => {
      const article = articles[i]!;
      expect(item.id).toBe(article.id);
      expect(item.url).toBe(expectedLink(article, meta));
      expect(item.title ?? "").toBe(clean(article.title));
      expect(item.date_published).toBe(expectedPublished(article, meta));
      expect(item.date_modified).toBe(article.updated ? new Date(article.updated).toISOString() : undefined);
      expect(item.tags ?? []).toEqual(article.categories);
      expect(item.authors ?? []).toEqual(
        article.authors.map((a) => (a.url ? { name: a.name, url: a.url } : { name: a.name })),
      );
      expect(((item.attachments as Loose[] | undefined) ?? []).map((a) => a.url)).toEqual(
        article.enclosures.map((e) => e.url),
      );
      expect(item.image).toBe(article.image ?? undefined);
    });
  });
});

describe("escaping", () => {
  const tricky = articles.filter((a) => /markup|entity|cdata-end/.test(a.id));

  it("shows markup and entities in titles literally in every format, never double-escaped", async () => {
    for (const xml of [renderRss(meta, tricky), renderAtom(meta, tricky)]) {
      const feed = await new Parser({ customFields: { item: [["title", "t"]] } }).parseString(xml);
      expect((feed.items ?? []).map((i) => text(i.t))).toEqual([
        "a < b & <em>c</em>",
        "Tom &amp; Jerry",
        "x]]>y]]>z",
      ]);
      // Bytes of the title elements: a title containing "&amp;" once must not turn into "&amp;amp;".
      expect(xml.match(/<title[^>]*>.*?<\/title>/g)?.join("\n")).not.toContain("&amp;amp;");
    }
    const json = JSON.parse(renderJsonFeed(meta, tricky)) as { items: { title: string }[] };
    expect(json.items.map((i) => i.title)).toEqual(["a < b & <em>c</em>", "Tom &amp; Jerry", "x]]>y]]>z"]);
  });

  it("keeps CJK and emoji as UTF-8 characters, not character references", () => {
    const some = articles.filter((a) => /cjk|emoji/.test(a.id));
    for (const out of [renderRss(meta, some), renderAtom(meta, some), renderJsonFeed(meta, some)]) {
      expect(out).toContain("关于2024年端午节放假的通知");
      expect(out).toContain("Launch 🚀 day 🎉");
      // "&" and "<" of text fields are written as &#x26; / &#x3C;; nothing beyond ASCII is a reference.
      expect(out).not.toMatch(/&#(?:x[0-9a-f]{3,}|\d{3,});/i);
    }
  });

  it("drops control characters from titles and content in all three formats", () => {
    const control = articles.filter((a) => a.id.endsWith("/control"));
    for (const out of [renderRss(meta, control), renderAtom(meta, control), renderJsonFeed(meta, control)]) {
      expect(out).not.toMatch(/[\u0000\u000B\u001F]|\\u000b|\\u0000/i);
      expect(out).toContain("hereverticalnul");
    }
  });
});
