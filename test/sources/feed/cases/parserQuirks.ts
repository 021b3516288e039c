import { atom, type FeedCase, rss2 } from "../feedCase.js";

// Documents that make rss-parser 3 itself throw or misread; the adapter must still read them.
export const parserQuirkCases: FeedCase[] = [
  {
    name: "quirk: <itunes:category/> without text attribute does not fail the feed",
    doc: rss2(
      `<item><title>Ep</title></item>`,
      `<itunes:category/><itunes:category text="Arts"><itunes:category/></itunes:category>`,
    ),
    items: [{ title: "Ep" }],
  },
  {
    // rss-parser reads .$.text of each of several channel keywords and .split() of a single one.
    name: "quirk: itunes:keywords repeated, attribute-only or with child elements does not fail the feed",
    doc: rss2(
      `<item><title>Ep</title><itunes:keywords>a</itunes:keywords><itunes:keywords text="b"/></item>`,
      `<itunes:keywords>news</itunes:keywords><itunes:keywords>politics</itunes:keywords>`,
    ),
    feed: { title: "Example Channel" },
    items: [{ title: "Ep" }],
  },
  {
    name: "quirk: a single attribute-only channel itunes:keywords does not fail the feed",
    doc: rss2(`<item><title>Ep</title></item>`, `<itunes:keywords text="news"/>`),
    items: [{ title: "Ep" }],
  },
  {
    name: "quirk: a channel itunes:keywords holding elements does not fail the feed",
    doc: rss2(`<item><title>Ep</title></item>`, `<itunes:keywords><b>news</b></itunes:keywords>`),
    items: [{ title: "Ep" }],
  },
  {
    name: "quirk: odd itunes:owner, itunes:category and itunes:image shapes do not fail the feed",
    doc: rss2(
      `<item><title>Ep</title><itunes:image/><itunes:image>x</itunes:image></item>`,
      `<itunes:owner/><itunes:owner>text</itunes:owner><itunes:owner a="1"><itunes:name/></itunes:owner>
<itunes:category>News</itunes:category><itunes:category
/><itunes:category term="x"><itunes:category>Sub</itunes:category></itunes:category><itunes:image/><itunes:image>y</itunes:image>`,
    ),
    feed: { title: "Example Channel" },
    items: [{ title: "Ep", image: "x" }],
  },
  {
    name: "quirk: Atom entry link as element text (no href)",
    doc: atom(`<entry><title>T</title><id>t</id><link>https://example.org/text-link</link></entry>`),
    items: [{ link: "https://example.org/text-link" }],
  },
  {
    name: "quirk: Atom feed link as element text",
    doc: atom(`<entry><title>T</title><id>t</id></entry>`, "", "<link>https://example.org/home</link>"),
    feed: { link: "https://example.org/home" },
    items: [{ title: "T" }],
  },
  {
    name: "quirk: Atom href link preferred over a text link",
    doc: atom(
      `<entry><title>T</title><id>t</id><link>https://example.org/text</link><link rel="alternate" href="https://example.org/href"/></entry>`,
    ),
    items: [{ link: "https://example.org/href" }],
  },
  {
    name: "quirk: <rss> without <channel> fails with a clear message",
    doc: `<rss version="2.0"><item><title>x</title></item></rss>`,
    error: /unexpected feed structure/,
  },
  {
    name: "quirk: only the first channel is read (rss-parser semantics)",
    doc: `<rss version="2.0"><channel><title>A</title><item><title>a</title></item></channel><channel><item><title>b</title></item></channel></rss>`,
    items: [{ title: "a" }],
  },
  {
    name: "quirk: xhtml title wrapped in whitespace around the div",
    doc: atom(`<entry><title type="xhtml">
  <div xmlns="http://www.w3.org/1999/xhtml">a &amp; <b>b</b></div>
</title><id>1</id></entry>`),
    items: [{ title: "a & b" }],
  },
  {
    name: "quirk: attributes on RSS title/description/link are ignored",
    doc: rss2(
      `<item><title type="html">Attr</title><description type="html">d</description><link rel="x">https://example.org/l</link></item>`,
    ),
    items: [{ title: "Attr", contentHtml: "d", link: "https://example.org/l" }],
  },
  {
    name: "quirk: itunes:image written as text",
    doc: rss2(`<item><title>x</title><itunes:image>https://example.org/i.jpg</itunes:image></item>`),
    items: [{ image: "https://example.org/i.jpg" }],
  },
  {
    name: "quirk: Atom updated element in feed head does not throw on garbage",
    doc: atom(`<entry><title>T</title><id>t</id></entry>`).replace(
      "<updated>2024-03-01T10:00:00Z</updated>",
      "<updated>n/a</updated>",
    ),
    items: [{ title: "T" }],
  },
  {
    name: "quirk: RSS pubDate that is an empty element",
    doc: rss2(`<item><title>E</title><pubDate/></item>`),
    items: [{ title: "E" }],
    missing: { 0: ["published"] },
  },
];
