import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/index.js";
import { parseFeedDocument } from "../../src/sources/feed/index.js";
import { normalizeSourceItems } from "../../src/worker/normalizeSource.js";

const DOC_URL = "https://c1.example/feed.xml";

async function articlesOf(text: string, url = DOC_URL) {
  const config = validateConfig({
    site: { title: "T", url: "https://site.example/" },
    sources: [{ id: "src", type: "feed", url }],
  });
  const feed = await parseFeedDocument(text, url);
  return normalizeSourceItems(
    config.sources[0]!,
    { feed, documentUrl: url },
    {
      defaultTimezone: "UTC",
      now: new Date("2024-01-01T00:00:00Z"),
      stored: [],
    },
  );
}

describe("normalizeSourceItems", () => {
  it("drops DEL and C1 controls from every text field, as the feeds do, and derives a title of nothing else", async () => {
    const text = readFileSync(new URL("../fixtures/feeds/c1-controls-rss.xml", import.meta.url), "utf8");
    const [first, second] = await articlesOf(text);
    expect(first).toMatchObject({
      title: "Delhere and C1 next end",
      summary: "one two three four",
      content: "one  two  three  four",
      authors: [{ name: "AnnB", email: "x@y.z" }],
      categories: ["tagx"],
      source: { title: "C1 News" },
    });
    // "&#x85;&#x9F;&#x7F;" is no title (README: a title of nothing but control characters counts as missing).
    expect(second?.title).toBe("Real body text here.");
  });
});
