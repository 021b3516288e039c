import { describe, expect, it, vi } from "vitest";
import { renderAtom, renderRss } from "../../src/render/feeds/index.js";
import { assertFeedShape } from "../../src/render/feeds/shape-check.js";
import { meta } from "../fixtures/render/articles.js";

// The renderers must refuse to return a document their post-check rejects. checkXml is replaced by one
// that rejects everything, to prove the renderers call it and let its error through.
vi.mock("../../src/render/xml-check.js", () => ({
  checkXml: (_xml: string, name: string) => {
    throw new Error(`${name}: rejected by post-check`);
  },
}));

describe("post-check", () => {
  it("makes renderRss and renderAtom throw instead of returning a document that failed checkXml", () => {
    expect(() => renderRss(meta, [])).toThrow("feed.xml: rejected by post-check");
    expect(() => renderAtom(meta, [])).toThrow("atom.xml: rejected by post-check");
  });

  it.each([
    [
      "rss",
      '<rss version="2.0"><channel><title>t</title><link>l</link><description>d</description></channel></rss>',
      /no <atom:link rel="self">/,
    ],
    [
      "rss",
      '<rss xmlns:atom="a"><channel><atom:link rel="self"/><title>t</title><link>l</link><description>d</description><item><link>x</link></item></channel></rss>',
      /item without title and description/,
    ],
    [
      "rss",
      '<rss xmlns:atom="a"><channel><atom:link rel="self"/><title>t</title><link>l</link><description>d</description><item><title>t</title><enclosure url="u"/></item></channel></rss>',
      /incomplete enclosure/,
    ],
    [
      "atom",
      '<feed xmlns="http://www.w3.org/2005/Atom"><id>i</id><title>t</title><updated>u</updated><author><name>n</name></author><link rel="self" href="s"/></feed>',
      /no xml:lang/,
    ],
    [
      "atom",
      '<feed xml:lang="en"><id>i</id><title>t</title><updated>u</updated><link rel="self" href="s"/></feed>',
      /no feed-level <author>/,
    ],
    [
      "atom",
      '<feed xml:lang="en"><id>i</id><title>t</title><updated>u</updated><author><name>n</name></author></feed>',
      /no <link rel="self">/,
    ],
    [
      "atom",
      '<feed xml:lang="en"><id>i</id><title>t</title><updated>u</updated><author><name>n</name></author><link rel="self" href="s"/><entry><id>e</id><title>t</title><updated>u</updated><category label="x"/></entry></feed>',
      /category without term/,
    ],
  ] as const)("rejects a %s document missing a required part (%#)", (kind, xml, message) => {
    expect(() => assertFeedShape(kind, xml)).toThrow(message);
  });
});
