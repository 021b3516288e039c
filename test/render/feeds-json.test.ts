import { describe, expect, it } from "vitest";
import { renderJsonFeed } from "../../src/render/feeds/index.js";
import { articles, meta } from "../fixtures/render/articles.js";
import { RFC3339 } from "../fixtures/render/expected.js";

// JSON Feed 1.1 (https://jsonfeed.org/version/1.1): keys, types and required fields.

type Json = Record<string, unknown>;
const FEED_KEYS = new Set([
  "version",
  "title",
  "home_page_url",
  "feed_url",
  "description",
  "user_comment",
  "next_url",
  "icon",
  "favicon",
  "authors",
  "language",
  "expired",
  "hubs",
  "items",
]);
const ITEM_KEYS = new Set([
  "id",
  "url",
  "external_url",
  "title",
  "content_html",
  "content_text",
  "summary",
  "image",
  "banner_image",
  "date_published",
  "date_modified",
  "authors",
  "tags",
  "language",
  "attachments",
]);

function walk(value: unknown, visit: (key: string, v: unknown) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v);
      walk(v, visit);
    }
  }
}

describe("JSON Feed 1.1", () => {
  const feed = JSON.parse(renderJsonFeed(meta, articles)) as Json & { items: Json[] };

  it("has the 1.1 top-level fields with the right types and nothing else", () => {
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.title).toBe(meta.title);
    // The set's own page (a sub-set), as the OPML links it.
    expect(feed.home_page_url).toBe(meta.baseUrl);
    const combined = JSON.parse(renderJsonFeed({ ...meta, baseUrl: "https://example.org/" }, articles));
    expect(combined.home_page_url).toBe(meta.siteUrl);
    expect(feed.feed_url).toBe("https://example.org/police/feed.json");
    expect(feed.language).toBe("zh-Hant");
    expect(feed.authors).toEqual([{ name: "Crier Desk", url: "https://example.org/about" }]);
    for (const key of Object.keys(feed)) expect(FEED_KEYS).toContain(key);
    expect(feed).not.toHaveProperty("author");
  });

  it("gives every item a string id, a URL, content, RFC 3339 dates and only 1.1 item keys", () => {
    for (const item of feed.items) {
      for (const key of Object.keys(item)) expect(ITEM_KEYS).toContain(key);
      expect(typeof item.id).toBe("string");
      expect(typeof item.url).toBe("string");
      expect(URL.canParse(item.url as string)).toBe(true);
      expect("content_html" in item || "content_text" in item).toBe(true);
      expect(item.date_published).toMatch(RFC3339);
      if ("date_modified" in item) expect(item.date_modified).toMatch(RFC3339);
      if ("tags" in item) expect((item.tags as unknown[]).every((t) => typeof t === "string")).toBe(true);
      for (const a of (item.authors as Json[] | undefined) ?? []) {
        expect(typeof a.name).toBe("string");
        expect(a).not.toHaveProperty("email");
      }
      for (const a of (item.attachments as Json[] | undefined) ?? []) {
        expect(typeof a.url).toBe("string");
        expect(a.mime_type).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
        if ("size_in_bytes" in a) expect(Number.isInteger(a.size_in_bytes)).toBe(true);
      }
    }
  });

  it("writes <, > and & as \\u escapes: text saying <script> stays that text, the bytes hold no markup", () => {
    const scripted = {
      ...articles[0]!,
      title: "Why <script> tags & <b> block rendering",
      content: "<p>body &amp; more</p>",
    };
    const text = renderJsonFeed(meta, [scripted]);
    expect(text).not.toMatch(/[<>]|&(?!#)/);
    expect(text).toContain("\\u003cscript\\u003e");
    const item = JSON.parse(text).items[0];
    expect(item.title).toBe("Why <script> tags & <b> block rendering");
    expect(item.content_html).toBe("<p>body &amp; more</p>");
  });

  it("writes no null or undefined values and no empty title", () => {
    walk(feed, (key, v) => {
      expect(v, key).not.toBeNull();
      expect(v, key).not.toBeUndefined();
    });
    const untitled = feed.items.find((i) => i.id === "https://example.org/a/no-title")!;
    expect(untitled).not.toHaveProperty("title");
    expect(untitled.summary).toBe("An item without a title but with a description");
  });

  it("maps enclosures to attachments with mime_type and size_in_bytes", () => {
    const item = feed.items.find((i) => i.id === "https://example.org/a/enclosures")!;
    expect(item.attachments).toEqual([
      { url: "https://example.org/f/report.pdf", mime_type: "application/pdf", size_in_bytes: 12345 },
      { url: "https://example.org/f/talk.mp3", mime_type: "audio/mpeg" },
      { url: "https://example.org/f/blob", mime_type: "application/octet-stream", size_in_bytes: 7 },
    ]);
  });

  it("uses content_text when an article has no HTML content", () => {
    const item = feed.items.find((i) => i.id === "https://example.org/a/no-title-no-text")!;
    expect(item).not.toHaveProperty("content_html");
    expect(item.content_text).toBe("");
  });

  it("writes an empty feed as an empty items array", () => {
    const empty = JSON.parse(renderJsonFeed(meta, [])) as Json;
    expect(empty.items).toEqual([]);
    expect(empty.version).toBe("https://jsonfeed.org/version/1.1");
  });
});
