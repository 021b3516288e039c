import { describe, expect, it } from "vitest";
import { parseFeedDocument } from "../../src/sources/feed/parseFeedDocument.js";

// An item may carry its date in several elements (pubDate, dc:date, dcterms:*, Atom published/issued,
// updated/modified). The first one that reads as a date is the item's: a placeholder in the first
// element ("N/A", "0000-00-00 00:00:00", a year 0099) does not hide a good one after it.

const rss = (item: string) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title><link>http://x.test/</link><description>d</description><item><title>A</title><link>http://x.test/1</link>${item}</item></channel></rss>`;
const atom = (entry: string) =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:dcterms="http://purl.org/dc/terms/"><title>t</title><id>urn:x</id><updated>2019-06-01T00:00:00Z</updated><entry><title>A</title><id>urn:x:1</id><link href="http://x.test/1"/>${entry}</entry></feed>`;
const atom03 = (entry: string) =>
  `<?xml version="1.0" encoding="utf-8"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>t</title><modified>2019-06-01T00:00:00Z</modified><entry><title>A</title><id>urn:x:1</id><link rel="alternate" href="http://x.test/1"/>${entry}</entry></feed>`;

const GOOD = "2019-05-30T14:30:00+08:00";
type Row = [what: string, xml: string, published: string | undefined, updated: string | undefined];

const rows: Row[] = [
  ["RSS pubDate N/A, dc:date", rss(`<pubDate>N/A</pubDate><dc:date>${GOOD}</dc:date>`), GOOD, undefined],
  ["RSS pubDate blank, dc:date", rss(`<pubDate> </pubDate><dc:date>${GOOD}</dc:date>`), GOOD, undefined],
  [
    "RSS pubDate 0000-00-00, dc:date",
    rss(`<pubDate>0000-00-00 00:00:00</pubDate><dc:date>${GOOD}</dc:date>`),
    GOOD,
    undefined,
  ],
  [
    "RSS pubDate in year 0099, dcterms:issued",
    rss(`<pubDate>Mon, 01 Jun 0099 00:00:00 GMT</pubDate><dcterms:issued>${GOOD}</dcterms:issued>`),
    GOOD,
    undefined,
  ],
  [
    "RSS atom:updated N/A, dcterms:modified",
    rss(
      `<pubDate>${GOOD}</pubDate><atom:updated>N/A</atom:updated><dcterms:modified>2019-06-01T08:00:00Z</dcterms:modified>`,
    ),
    GOOD,
    "2019-06-01T08:00:00Z",
  ],
  [
    "Atom published garbage, dcterms:created",
    atom(
      `<published>unknown</published><dcterms:created>${GOOD}</dcterms:created><updated>${GOOD}</updated>`,
    ),
    GOOD,
    GOOD,
  ],
  [
    "Atom updated garbage, dcterms:modified",
    atom(`<updated>0000-00-00T00:00:00Z</updated><dcterms:modified>2019-06-01T08:00:00Z</dcterms:modified>`),
    undefined,
    "2019-06-01T08:00:00Z",
  ],
  [
    "Atom 0.3 issued garbage, created",
    atom03(`<issued>TBD</issued><created>${GOOD}</created>`),
    GOOD,
    undefined,
  ],
  // the first that reads wins, even when a later one differs; none reads: the first stays, as found
  [
    "RSS pubDate and dc:date both good",
    rss(`<pubDate>Thu, 30 May 2019 06:30:00 GMT</pubDate><dc:date>2019-05-31T00:00:00Z</dc:date>`),
    "Thu, 30 May 2019 06:30:00 GMT",
    undefined,
  ],
  ["RSS pubDate N/A alone", rss("<pubDate>N/A</pubDate>"), "N/A", undefined],
  ["RSS pubDate N/A, dc:date TBD", rss("<pubDate>N/A</pubDate><dc:date>TBD</dc:date>"), "N/A", undefined],
];

describe("feed item dates", () => {
  it.each(rows)("%s", async (_what, xml, published, updated) => {
    const feed = await parseFeedDocument(xml, "http://x.test/feed.xml");
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]?.published).toBe(published);
    expect(feed.items[0]?.updated).toBe(updated);
  });
});
