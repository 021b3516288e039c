import { describe, expect, it } from "vitest";
import { MAX_ITEMS_PER_DOCUMENT, parseFeedDocument } from "../../src/sources/feed/parseFeedDocument.js";

describe("entries per feed document", () => {
  it("keeps the first entries of an oversized document and says so", async () => {
    const items = Array.from(
      { length: 1500 },
      (_, i) => `<item><title>n${i}</title><link>https://a.example/${i}</link></item>`,
    );
    const feed = await parseFeedDocument(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items.join("")}</channel></rss>`,
      "https://a.example/rss",
    );
    expect(feed.items).toHaveLength(MAX_ITEMS_PER_DOCUMENT);
    expect(feed.items[0]!.title).toBe("n0");
    expect(feed.warnings).toContain(
      "kept the first 1000 of 1500 entries (more than one document should hold)",
    );
  });

  it("leaves ordinary documents alone", async () => {
    const json = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "t",
      items: [{ id: "1", content_text: "x" }],
    });
    const feed = await parseFeedDocument(json, null);
    expect(feed.items).toHaveLength(1);
    expect(feed.warnings).toEqual([]);
  });
});
