import { describe, expect, it } from "vitest";
import { parseFeedDocument } from "../../../src/sources/feed/parseFeedDocument.js";
import { truncateEntries } from "../../../src/sources/feed/xml/truncateEntries.js";

// Documents with more entries than crier keeps are cut before parsing: 10 MB of `<item/>` built millions
// of objects in rss-parser and killed the build at the heap limit.

const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://x.example/</link><description>d</description>${items}</channel></rss>`;
const item = (i: number) => `<item><title>Item ${i}</title><link>https://x.example/${i}</link></item>`;

describe("truncateEntries", () => {
  it("leaves a document within the limit as it is", () => {
    const text = rss([1, 2, 3].map(item).join(""));
    expect(truncateEntries(text, 3)).toEqual({ text, total: null });
  });

  it("cuts an RSS document before the entry past the limit and closes channel and rss", () => {
    const cut = truncateEntries(rss([1, 2, 3, 4].map(item).join("")), 2);
    expect(cut).toEqual({ text: rss([1, 2].map(item).join("")), total: 4 });
  });

  it("closes an Atom or RDF root under its own name, and does not count entries in CDATA or comments", () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><content><![CDATA[<item>x</item><entry>]]></content></entry><!-- <entry> --><entry/><entry/></feed>`;
    const cut = truncateEntries(atom, 2);
    expect(cut.total).toBe(3);
    expect(cut.text).toBe(`${atom.slice(0, atom.lastIndexOf("<entry/>"))}</feed>`);
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/><item/><item/></rdf:RDF>`;
    expect(truncateEntries(rdf, 1).text).toBe(`${rdf.slice(0, rdf.lastIndexOf("<item/>"))}</rdf:RDF>`);
  });
});

describe("parseFeedDocument on a document of far too many entries", () => {
  it("closes the real root when a PHP warning comes before it, so the repaired document still parses", async () => {
    const warning = "<br />\n<b>Warning</b>: Undefined variable $x in <b>/var/www/rss.php</b><br />\n";
    const items = Array.from({ length: 1001 }, (_, i) => `<item><title>n${i}</title></item>`).join("");
    const feed = await parseFeedDocument(`${warning}${rss(items)}`, null);
    expect(feed.items).toHaveLength(1000);
    expect(feed.warnings).toContain(
      "kept the first 1000 of 1001 entries (more than one document should hold)",
    );
  });

  it("reads the first 1000 of 300,000 items and says how many there were", async () => {
    const items = Array.from({ length: 300_000 }, (_, i) => `<item><title>n${i}</title></item>`).join("");
    const feed = await parseFeedDocument(rss(items), "https://x.example/feed.xml");
    expect(feed.items).toHaveLength(1000);
    expect(feed.items[999]?.title).toBe("n999");
    expect(feed.warnings).toContain(
      "kept the first 1000 of 300000 entries (more than one document should hold)",
    );
  });
});
