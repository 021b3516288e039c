import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/index.js";
import type { Article } from "../../src/model.js";
import { mintedId } from "../../src/normalize/index.js";
import { parseFeedDocument } from "../../src/sources/feed/index.js";
import { normalizeSourceItems } from "../../src/worker/normalizeSource.js";

// A link-less item's id hashes its date. Dates crier now reads otherwise than before (a zone name it did
// not know, a slash date read day first, a stray letter once taken for a military zone, 晚上12点) must
// not give items it stored then a new id: readers would get them again.

const URL = "https://c.example/feed.xml";
const NOW = new Date("2024-03-15T04:00:00Z");
const SEEN = "2024-03-01T00:00:00.000Z";

/** [title, date as written, crier's earlier reading (null: undated), its reading now] */
const ITEMS: [string, string, string | null, string | null][] = [
  ["Zone name", "Fri, 31 Mar 2023 20:19:00 America/Los_Angeles", null, "2023-04-01T03:19:00.000Z"],
  ["Military", "Thu, 30 May 2019 14:30:00 A", "2019-05-30T13:30:00.000Z", null],
  ["Slash", "05/06/2019", "2019-05-06T00:00:00.000Z", "2019-06-05T00:00:00.000Z"],
  ["Night", "2019年5月30日 晚上12:00", "2019-05-30T12:00:00.000Z", "2019-05-31T00:00:00.000Z"],
];

const rss = (items: [string, string][]) =>
  `<rss version="2.0"><channel><title>C</title><language>en-GB</language>${items
    .map(([title, date]) => `<item><title>${title}</title><pubDate>${date}</pubDate></item>`)
    .join("")}</channel></rss>`;

async function read(items: [string, string][], stored: Article[]) {
  const config = validateConfig({
    site: { title: "T", url: "https://site.example/" },
    sources: [{ id: "src", type: "feed", url: URL }],
  });
  const feed = await parseFeedDocument(rss(items), URL);
  return normalizeSourceItems(
    config.sources[0]!,
    { feed, documentUrl: URL },
    {
      defaultTimezone: "UTC",
      now: NOW,
      stored,
      firstSeen: Object.fromEntries(stored.map((a) => [a.id, SEEN])),
    },
  );
}

describe("link-less items stored under a date crier read otherwise before", () => {
  it("keep their stored ids, with the dates as read now", async () => {
    const fresh = await read(
      ITEMS.map(([title, date]) => [title, date]),
      [],
    );
    expect(fresh.map((a) => a.published)).toEqual(ITEMS.map(([, , , now]) => now));
    const stored = fresh.map((article, i) => {
      const earlier = ITEMS[i]![2];
      return { ...article, id: mintedId("src", article.title, earlier), published: earlier ?? SEEN };
    });
    // Every id changed with the reading: without the stored ones, each item would be new.
    expect(fresh.map((a) => a.id)).not.toContain(stored[0]!.id);
    const again = await read(
      ITEMS.map(([title, date]) => [title, date]),
      stored,
    );
    expect(again.map((a) => [a.id, a.published])).toEqual(stored.map((s, i) => [s.id, ITEMS[i]![3]]));
  });

  it("leave a new same-titled item its own id", async () => {
    const [old] = await read([["Slash", "05/06/2019"]], []);
    const stored = [{ ...old!, id: mintedId("src", "Slash", "2019-05-06T00:00:00.000Z") }];
    const [fresh] = await read([["Slash", "07/06/2019"]], stored);
    expect(fresh?.id).not.toBe(stored[0]!.id);
    expect(fresh?.published).toBe("2019-06-07T00:00:00.000Z");
  });
});
