import { describe, expect, it } from "vitest";
import { readXmlExtras } from "../../src/sources/feed/xml/readXmlExtras.js";

// The streaming extras pass: which elements it picks (the paths rss-parser walks) and the inner markup it
// reads back from the source range of each element, at the edges where that range is not a plain
// <x>…</x> (self-closed, left open, closed by an ancestor, CDATA holding a close tag).

const markupOf = (xml: string) =>
  readXmlExtras(xml).items.map((item) =>
    Object.fromEntries([...item.markup].map(([name, m]) => [name, [m.inner, m.xhtmlInner]])),
  );

const rss = (items: string) => `<rss version="2.0"><channel><title>C</title>${items}</channel></rss>`;

describe("readXmlExtras: inner markup from source ranges", () => {
  it.each([
    [
      "self-closed elements are empty",
      rss(`<item><title/><description a="</x>"/></item>`),
      [{ title: ["", ""], description: ["", ""] }],
    ],
    [
      "an element left open at the end runs to the end of the text",
      `<rss version="2.0"><channel><item><description>a <b>bold</b> tail`,
      [{ description: ["a <b>bold</b> tail", "a <b>bold</b> tail"] }],
    ],
    [
      "an element closed by its item's close tag ends there",
      rss(`<item><description>x <b>y</item><item><description>z</description></item>`),
      [{ description: ["x <b>y</b>", "x <b>y</b>"] }, { description: ["z", "z"] }],
    ],
    [
      "a close tag with spaces",
      rss(`<item><description>p <i>q</i></ description ></item>`),
      [{ description: ["p <i>q</i>", "p <i>q</i>"] }],
    ],
    [
      "a close tag inside CDATA is content, written as escaped text",
      rss(`<item><description><![CDATA[</description>]]><b>w</b></description></item>`),
      [{ description: ["&lt;/description&gt;<b>w</b>", "&lt;/description&gt;<b>w</b>"] }],
    ],
    [
      "serialized as the DOM writes it: double quotes, entities and comments kept",
      rss(`<item><title>T <b a='1' b="x&quot;y">B</b><!-- c --></title></item>`),
      [{ title: ['T <b a="1" b="x&quot;y">B</b><!-- c -->', 'T <b a="1" b="x&quot;y">B</b><!-- c -->'] }],
    ],
    [
      "xhtml: the single div wrapper is unwrapped",
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml"> <div xmlns="http://www.w3.org/1999/xhtml"><p>A &amp; B<br/></p></div> </content></entry></feed>`,
      [
        {
          content: [
            ' <div xmlns="http://www.w3.org/1999/xhtml"><p>A &amp; B<br/></p></div> ',
            "<p>A &amp; B<br/></p>",
          ],
        },
      ],
    ],
  ])("%s", (_name, xml, expected) => {
    expect(markupOf(xml)).toEqual(expected);
  });

  it("keeps only the first element of each name in an item", () => {
    expect(markupOf(rss(`<item><title>one <b>1</b></title><title>two <b>2</b></title></item>`))).toEqual([
      { title: ["one <b>1</b>", "one <b>1</b>"] },
    ]);
  });
});

describe("readXmlExtras: structure", () => {
  it("rss: items of the first channel, feed title and chains from root and channel", () => {
    const extras = readXmlExtras(
      `<rss version="2.0" xml:base="https://a.example/x/"><channel xml:base="y/" xml:lang="fr"><title xml:base="t/">T <b>b</b></title>
<item xml:base="i/" xml:lang="de"><description xml:base="d/">D</description></item><item/></channel>
<channel><item/></channel></rss>`,
    );
    expect(extras.format).toBe("rss");
    expect(extras.rssVersionMissing).toBe(false);
    expect(extras.feedBaseChain).toEqual(["https://a.example/x/", "y/"]);
    expect(extras.feedLanguage).toBe("fr");
    expect(extras.feedTitle?.inner).toBe("T <b>b</b>");
    expect(extras.feedTitle?.baseChain).toEqual(["https://a.example/x/", "y/", "t/"]);
    expect(extras.items).toHaveLength(2);
    expect(extras.items[0]?.baseChain).toEqual(["https://a.example/x/", "y/", "i/"]);
    expect(extras.items[0]?.language).toBe("de");
    expect(extras.items[0]?.markup.get("description")?.baseChain).toEqual([
      "https://a.example/x/",
      "y/",
      "i/",
      "d/",
    ]);
  });

  it("rss without a channel: items and title of the root; a missing version is reported", () => {
    const extras = readXmlExtras(`<rss><title>R</title><item><title>1</title></item><item/></rss>`);
    expect(extras.rssVersionMissing).toBe(true);
    expect(extras.items).toHaveLength(2);
    expect(extras.feedTitle?.inner).toBe("R");
  });

  it("rdf: items beside the channel, with rdf:about; entity references in attributes decoded", () => {
    const extras = readXmlExtras(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel><title>C</title><item/></channel>
<item rdf:about="https://r.example/1?a=1&amp;b=2"/><item rdf:about="  "/></rdf:RDF>`,
    );
    expect(extras.format).toBe("rdf");
    expect(extras.items.map((item) => item.about)).toEqual(["https://r.example/1?a=1&b=2", undefined]);
    expect(extras.feedTitle?.inner).toBe("C");
  });

  it("atom 0.3 by namespace; entries only at the top level; a second root element is ignored", () => {
    const extras = readXmlExtras(
      `<feed xmlns="http://purl.org/atom/ns#" xml:lang="ja"><entry><entry/></entry><x><entry/></x><entry/></feed><feed><entry/></feed>`,
    );
    expect(extras.format).toBe("atom03");
    expect(extras.feedLanguage).toBe("ja");
    expect(extras.items).toHaveLength(2);
  });

  it("no root element: unknown, nothing read", () => {
    expect(readXmlExtras(`<?xml version="1.0"?><!-- only a comment -->`)).toEqual({
      format: "unknown",
      rootName: "",
      rssVersionMissing: false,
      feedBaseChain: [],
      items: [],
    });
  });
});
