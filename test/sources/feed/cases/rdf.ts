import { type FeedCase, rdf } from "../feedCase.js";

export const rdfCases: FeedCase[] = [
  {
    name: "rdf: items outside the channel with rdf:about",
    doc: rdf(`<item rdf:about="https://rdf.example.org/1"><title>First</title><link>https://rdf.example.org/1</link><description>One</description></item>
<item rdf:about="https://rdf.example.org/2"><title>Second</title><link>https://rdf.example.org/2</link></item>`),
    feed: { title: "RDF Channel", link: "https://rdf.example.org/", description: "RDF description" },
    items: [
      {
        title: "First",
        link: "https://rdf.example.org/1",
        guid: "https://rdf.example.org/1",
        contentHtml: "One",
      },
      { title: "Second", guid: "https://rdf.example.org/2" },
    ],
    normalized: [{ title: "First", url: "https://rdf.example.org/1" }],
  },
  {
    name: "rdf: dc:date, dc:creator, dc:subject, dc:language",
    doc: rdf(`<item rdf:about="https://rdf.example.org/dc"><title>DC item</title><link>https://rdf.example.org/dc</link>
<dc:date>2003-12-13T18:30:02Z</dc:date><dc:creator>Mark</dc:creator><dc:subject>Politics</dc:subject><dc:language>de</dc:language></item>`),
    items: [
      {
        published: "2003-12-13T18:30:02Z",
        authors: [{ name: "Mark" }],
        categories: ["Politics"],
        language: "de",
      },
    ],
    normalized: [{ published: "2003-12-13T18:30:02.000Z" }],
  },
  {
    name: "rdf: content:encoded preferred over description",
    doc: rdf(`<item rdf:about="https://rdf.example.org/c"><title>C</title><link>https://rdf.example.org/c</link>
<description>teaser</description><content:encoded><![CDATA[<p>body</p>]]></content:encoded></item>`),
    items: [{ contentHtml: "<p>body</p>", summary: "teaser" }],
  },
  {
    name: "rdf: channel dc:language",
    doc: rdf(
      `<item rdf:about="https://rdf.example.org/l"><title>L</title><link>https://rdf.example.org/l</link></item>`,
      "<dc:language>ja</dc:language>",
    ),
    feed: { language: "ja" },
    items: [{ title: "L" }],
  },
  {
    name: "rdf: Japanese blog RSS 1.0 with CJK title",
    doc: rdf(`<item rdf:about="https://blog.example.jp/entry/42"><title>今日の天気は晴れです</title><link>https://blog.example.jp/entry/42</link>
<dc:date>2024-01-15T09:00:00+09:00</dc:date></item>`),
    items: [{ title: "今日の天気は晴れです", published: "2024-01-15T09:00:00+09:00" }],
    normalized: [{ title: "今日の天気は晴れです", published: "2024-01-15T00:00:00.000Z" }],
  },
  {
    name: "rdf: item without rdf:about keeps no guid",
    doc: rdf(`<item><title>NoAbout</title><link>https://rdf.example.org/na</link></item>`),
    items: [{ title: "NoAbout", link: "https://rdf.example.org/na" }],
    missing: { 0: ["guid"] },
  },
  {
    name: "rdf: relative item link with xml:base on the root",
    doc: rdf(`<item rdf:about="x"><title>Base</title><link>posts/9.html</link></item>`).replace(
      "<rdf:RDF ",
      '<rdf:RDF xml:base="https://base.example.net/blog/" ',
    ),
    items: [
      { link: "https://base.example.net/blog/posts/9.html", baseUrl: "https://base.example.net/blog/" },
    ],
  },
  {
    name: "rdf: empty item skipped",
    doc: rdf(
      `<item rdf:about=""></item><item rdf:about="https://rdf.example.org/k"><title>Kept</title></item>`,
    ),
    items: [{ title: "Kept" }],
    warnings: [/skipped 1 empty item/],
  },
  {
    name: "rdf: dcterms:modified as updated",
    doc: rdf(
      `<item rdf:about="https://rdf.example.org/m"><title>M</title><dc:date>2020-01-01</dc:date><dcterms:modified>2020-02-02</dcterms:modified></item>`,
    ),
    items: [{ published: "2020-01-01", updated: "2020-02-02" }],
  },
  {
    name: "rdf: entity-escaped description",
    doc: rdf(
      `<item rdf:about="https://rdf.example.org/e"><title>E</title><description>&lt;em&gt;hi&lt;/em&gt;</description></item>`,
    ),
    items: [{ contentHtml: "<em>hi</em>" }],
  },
  {
    // Miniflux's TestParseRDFSampleWithDublinCore: the item's only text is its dc:description.
    name: "rdf: dc:description is the description of an item without its own",
    doc: rdf(`<item rdf:about="https://rdf.example.org/x"><title>XML: A Disruptive Technology</title><link>https://rdf.example.org/x</link>
<dc:description>
  XML is placing increasingly heavy loads on the existing technical infrastructure of the Internet.
</dc:description><dc:date>2000-01-01T12:00+00:00</dc:date></item>
<item rdf:about="https://rdf.example.org/t"><title>T</title><dcterms:abstract>The &lt;b&gt;abstract&lt;/b&gt;</dcterms:abstract></item>
<item rdf:about="https://rdf.example.org/m"><title>M</title><dc:description>Raw <em>markup</em> here</dc:description></item>`),
    items: [
      {
        contentHtml:
          "XML is placing increasingly heavy loads on the existing technical infrastructure of the Internet.",
      },
      { contentHtml: "The <b>abstract</b>" },
      { contentHtml: "Raw <em>markup</em> here" },
    ],
    normalized: [
      {
        summary:
          "XML is placing increasingly heavy loads on the existing technical infrastructure of the Internet.",
        content:
          "XML is placing increasingly heavy loads on the existing technical infrastructure of the Internet.",
      },
      { summary: "The abstract" },
      { summary: "Raw markup here" },
    ],
  },
  {
    name: "rdf: RSS 1.0 elements under a prefix bound to the RSS 1.0 namespace are read like unprefixed ones",
    doc: `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<rss:channel rdf:about="https://r.example/"><rss:title>R</rss:title><rss:link>https://r.example/</rss:link><rss:description>d</rss:description></rss:channel>
<rss:item rdf:about="https://r.example/1"><rss:title>One</rss:title><rss:link>https://r.example/1</rss:link><rss:description>&lt;b&gt;hi&lt;/b&gt;</rss:description><dc:date>2024-01-01</dc:date></rss:item>
</rdf:RDF>`,
    feed: { title: "R", link: "https://r.example/", description: "d" },
    items: [
      {
        title: "One",
        guid: "https://r.example/1",
        link: "https://r.example/1",
        contentHtml: "<b>hi</b>",
        published: "2024-01-01",
      },
    ],
  },
];
