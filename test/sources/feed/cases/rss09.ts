import type { FeedCase } from "../feedCase.js";

const rss09x = (version: string, items: string, extra = "") => `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="${version}">
<channel>
<title>Old School ${version}</title>
<link>http://old.example.com/</link>
<description>Vintage feed</description>
<language>en</language>
${extra}
${items}
</channel>
</rss>`;

export const rss09Cases: FeedCase[] = [
  {
    name: "rss0.91: title, link, description",
    doc: rss09x(
      "0.91",
      `<item><title>Item one</title><link>http://old.example.com/1</link><description>First</description></item>`,
    ),
    feed: { title: "Old School 0.91", link: "http://old.example.com/", language: "en" },
    items: [{ title: "Item one", link: "http://old.example.com/1", contentHtml: "First" }],
    normalized: [{ title: "Item one", url: "http://old.example.com/1", published: null }],
  },
  {
    name: "rss0.91: netscape DOCTYPE is dropped without breaking the parse",
    doc: `<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Netscape</title><link>http://n.example.com/</link><description>d</description>
<item><title>Scoop</title><link>http://n.example.com/scoop</link></item></channel></rss>`,
    feed: { title: "Netscape" },
    items: [{ title: "Scoop", link: "http://n.example.com/scoop" }],
    warnings: [/ignored the DOCTYPE/],
  },
  {
    name: "rss0.91: userland items with image and textinput at channel level",
    doc: rss09x(
      "0.91",
      `<item><title>A</title><link>http://old.example.com/a</link></item><item><title>B</title><link>http://old.example.com/b</link></item>`,
      `<image><title>Logo</title><url>http://old.example.com/logo.gif</url><link>http://old.example.com/</link></image>
<textinput><title>Search</title><description>Search</description><name>q</name><link>http://old.example.com/s</link></textinput>`,
    ),
    items: [{ title: "A" }, { title: "B" }],
    missing: { 0: ["image"] },
  },
  {
    name: "rss0.92: enclosure and category on items",
    doc: rss09x(
      "0.92",
      `<item><description>A song</description><enclosure url="http://old.example.com/song.mp3" length="3000000" type="audio/mpeg"/><category domain="http://www.dmoz.org">Music</category></item>`,
    ),
    items: [
      {
        contentHtml: "A song",
        enclosures: [{ url: "http://old.example.com/song.mp3", type: "audio/mpeg", length: 3000000 }],
        categories: ["Music"],
      },
    ],
    missing: { 0: ["title", "link"] },
  },
  {
    name: "rss0.92: item with only a description (titles were optional)",
    doc: rss09x("0.92", `<item><description>Just text here</description></item>`),
    items: [{ contentHtml: "Just text here" }],
  },
  {
    name: "rss0.92: source and multiple categories",
    doc: rss09x(
      "0.92",
      `<item><title>Src</title><source url="http://src.example/rss">Src</source><category>One</category><category>Two</category></item>`,
    ),
    items: [{ title: "Src", categories: ["One", "Two"] }],
  },
  {
    name: "rss0.90: RDF-based 0.90 with my.netscape namespace",
    doc: `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>Mozilla Dot Org</title><link>http://www.mozilla.org</link><description>the Mozilla Organization web site</description></channel>
<image><title>Mozilla</title><url>http://www.mozilla.org/images/moz.gif</url><link>http://www.mozilla.org</link></image>
<item><title>New Status Updates</title><link>http://www.mozilla.org/status/</link></item>
<item><title>Bugzilla Reorganized</title><link>http://www.mozilla.org/bugs/</link></item>
</rdf:RDF>`,
    feed: { title: "Mozilla Dot Org", link: "http://www.mozilla.org/" },
    items: [
      { title: "New Status Updates", link: "http://www.mozilla.org/status/" },
      { title: "Bugzilla Reorganized", link: "http://www.mozilla.org/bugs/" },
    ],
    normalized: [{ title: "New Status Updates", url: "http://www.mozilla.org/status/" }],
  },
  {
    name: "rss0.91: html entities from the 0.91 DTD are repaired",
    doc: rss09x(
      "0.91",
      `<item><title>Caf&eacute; &amp; cr&egrave;me&nbsp;br&ucirc;l&eacute;e</title></item>`,
    ),
    items: [{ title: "Café & crème brûlée" }],
  },
  {
    name: "rss0.91: pubDate on item (not in spec, common) is kept",
    doc: rss09x("0.91", `<item><title>Dated</title><pubDate>Sat, 07 Sep 2002 00:00:01 GMT</pubDate></item>`),
    items: [{ published: "Sat, 07 Sep 2002 00:00:01 GMT" }],
    normalized: [{ published: "2002-09-07T00:00:01.000Z" }],
  },
  {
    name: "rss0.92: channel language used, items have none",
    doc: rss09x("0.92", `<item><title>X</title></item>`),
    feed: { language: "en", description: "Vintage feed" },
    items: [{ title: "X" }],
    missing: { 0: ["language"] },
  },
];
