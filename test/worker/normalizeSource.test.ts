import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/index.js";
import { articleId } from "../../src/normalize/index.js";
import { parseFeedDocument } from "../../src/sources/feed/index.js";
import { readHtmlSource } from "../../src/sources/html/index.js";
import { normalizeSourceItems } from "../../src/worker/normalizeSource.js";
import { sourceContext } from "../fixtures/html/context.js";

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

  it("keeps link-less items of one source that share title and date apart; a repeated guid still publishes once", async () => {
    const doc = (...items: string[]) =>
      `<rss version="2.0"><channel><title>C</title><link>https://c.example/</link>${items.join("")}</channel></rss>`;
    const west = "<item><title>Same</title><description>west</description></item>";
    const east = "<item><title>Same</title><description>east</description></item>";
    const guid =
      "<item><title>G</title><guid>g-1</guid></item><item><title>G again</title><guid>g-1</guid></item>";
    const [alone] = await articlesOf(doc(east));
    const articles = await articlesOf(doc(west, west, east, guid));
    expect(articles.map((a) => [a.title, a.summary])).toEqual([
      ["Same", "west"],
      ["Same", "west"],
      ["Same", "east"],
      ["G", ""],
    ]);
    const ids = articles.map((a) => a.id);
    expect(new Set(ids).size).toBe(4);
    // The one listed last (the oldest: new items come first) keeps the id it had when it was alone, so
    // its subscribers do not get it again; the newcomers get ids of their own.
    expect(alone?.id).toBe(articleId({ sourceId: "src", title: "Same", date: null }));
    expect(ids[2]).toBe(alone?.id);
    expect(ids[1]).toMatch(/^urn:crier:src:[0-9a-f]{16}$/);
    expect(ids[0]).toBe(`${ids[1]}-2`);
    // Deterministic: the next read gives the same ids.
    expect((await articlesOf(doc(west, west, east, guid))).map((a) => a.id)).toEqual(ids);
  });

  it("publishes every same-titled notice a board lists on one day (README: three 停水通知 are three notices)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-normalize-source-"));
    try {
      await writeFile(
        path.join(dir, "list.html"),
        `<!doctype html><html><head><meta charset="utf-8"><title>L</title></head><body><ul class="list">
<li><span class="t">停水通知</span><span class="date">2019-05-30</span><p class="s">东区停水</p></li>
<li><span class="t">停水通知</span><span class="date">2019-05-30</span><p class="s">西区停水</p></li>
<li><span class="t">停水通知</span><span class="date">2019-05-30</span><p class="s">北区停水</p></li>
</ul></body></html>`,
      );
      const config = validateConfig(
        {
          site: { title: "T", url: "https://site.example/" },
          sources: [
            {
              id: "board",
              type: "html",
              url: "list.html",
              list: { item: "ul.list li", title: ".t", date: "span.date", summary: "p.s" },
            },
          ],
        },
        undefined,
        { configDirs: [dir] },
      );
      const source = config.sources[0]!;
      if (source.type !== "html") throw new Error("expected an html source");
      const read = await readHtmlSource(source, sourceContext({ configDir: dir }));
      const articles = normalizeSourceItems(source, read, {
        defaultTimezone: "Asia/Shanghai",
        now: new Date("2019-06-01T00:00:00Z"),
        stored: [],
      });
      expect(articles.map((a) => a.summary)).toEqual(["东区停水", "西区停水", "北区停水"]);
      expect(new Set(articles.map((a) => a.id)).size).toBe(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
