import { type FeedCase, rss2 } from "../feedCase.js";

// Input shapes Miniflux's feed tests read (internal/reader/{rss,json}/parser_test.go) that crier lost:
// written from the shapes, not copied.

const json = (value: unknown) => JSON.stringify(value, null, 2);
const FEEDBURNER = 'xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"';
const GOOGLEPLAY = 'xmlns:googleplay="http://www.google.com/schemas/play-podcasts/1.0"';

/** An RSS 2.0 document whose rss element also declares `namespaces`. */
const rssWith = (namespaces: string, items: string) => rss2(items).replace("<rss ", `<rss ${namespaces} `);

export const minifluxCases: FeedCase[] = [
  {
    name: "miniflux: an RSS item whose only link is atom:link takes it (alternate among several, rel=self/payment ignored)",
    doc: rss2(`<item><title>A</title><atom:link href="https://example.org/item"/></item>
<item><title>B</title><atom:link rel="payment" href="https://example.org/pay"/><atom:link rel="self" href="https://example.org/self"/><atom:link rel="alternate" href="https://example.org/b"/></item>
<item><title>C</title><atom:link rel="self" href="https://example.org/feed"/></item>
<item><title>D</title><link>https://example.org/d-link</link><atom:link rel="alternate" href="https://example.org/d-atom"/></item>
<item xml:base="https://base.example/x/"><title>E</title><atom:link href="e.html"/></item>`),
    items: [
      { title: "A", link: "https://example.org/item", earlier: { title: "A" } },
      { title: "B", link: "https://example.org/b", earlier: { title: "B" } },
      { title: "C" },
      { title: "D", link: "https://example.org/d-link" },
      { title: "E", link: "https://base.example/x/e.html" },
    ],
    missing: { 2: ["link", "earlier"], 3: ["earlier"] },
    normalized: [
      { url: "https://example.org/item", id: "https://example.org/item" },
      { url: "https://example.org/b", id: "https://example.org/b" },
      { url: null },
      { url: "https://example.org/d-link" },
      { url: "https://base.example/x/e.html" },
    ],
  },
  {
    name: "miniflux: .NET's a10:link in an RSS item is its atom:link",
    doc: rss2(
      `<item><title>N</title><a10:link xmlns:a10="http://www.w3.org/2005/Atom" href="https://example.org/net"/></item>`,
    ),
    items: [{ link: "https://example.org/net" }],
  },
  {
    name: "miniflux: RSS author markup is read as its text; atom:author and googleplay:author are authors",
    doc: rssWith(
      GOOGLEPLAY,
      `<item><title>1</title><author>by <a href="/author/foobar">Foo Bar</a></author></item>
<item><title>2</title><author><b>Ann</b></author></item>
<item><title>3</title><dc:creator><a href="/x">Dee Cee</a></dc:creator><dc:creator>Second <i>One</i></dc:creator></item>
<item><title>4</title><author><a href="/x">Foo</a> and Bar</author></item>
<item><title>5</title><atom:author><atom:name>Atom Name</atom:name><atom:uri>/people/an</atom:uri></atom:author></item>
<item><title>6</title><atom:author><atom:email>author@example.org</atom:email></atom:author></item>
<item><title>7</title><googleplay:author>GP Someone</googleplay:author></item>
<item><title>8</title><itunes:author>Tunes</itunes:author><googleplay:author>GP Someone</googleplay:author></item>
<item><title>9</title><author>a@example.org (A &amp;amp; B)</author></item>`,
    ),
    items: [
      { authors: [{ name: 'by <a href="/author/foobar">Foo Bar</a>' }] },
      { authors: [{ name: "<b>Ann</b>" }] },
      { authors: [{ name: '<a href="/x">Dee Cee</a>' }, { name: "Second <i>One</i>" }] },
      { authors: [{ name: '<a href="/x">Foo</a> and Bar' }] },
      { authors: [{ name: "Atom Name", url: "/people/an" }] },
      { authors: [{ name: "author@example.org", email: "author@example.org" }] },
      { authors: [{ name: "GP Someone" }] },
      { authors: [{ name: "Tunes" }] },
      { authors: [{ name: "A & B", email: "a@example.org" }] },
    ],
    normalized: [
      { authors: [{ name: "by Foo Bar" }] },
      { authors: [{ name: "Ann" }] },
      { authors: [{ name: "Dee Cee" }, { name: "Second One" }] },
      { authors: [{ name: "Foo and Bar" }] },
      { authors: [{ name: "Atom Name", url: "https://example.org/people/an" }] },
      { authors: [{ name: "author@example.org", email: "author@example.org" }] },
      { authors: [{ name: "GP Someone" }] },
      { authors: [{ name: "Tunes" }] },
    ],
  },
  {
    name: "miniflux: an RSS item with only dc:title is titled by it (title still wins)",
    doc: rss2(`<item><dc:title>DC Title Only</dc:title><link>https://example.org/m2</link></item>
<item><title>Own</title><dc:title>Dublin</dc:title><link>https://example.org/m3</link></item>
<item><dc:title>DC, no link</dc:title><description>Body of the notice</description></item>`),
    items: [{ title: "DC Title Only" }, { title: "Own" }, { title: "DC, no link", earlier: {} }],
    missing: { 1: ["earlier"] },
    normalized: [
      { title: "DC Title Only", id: "https://example.org/m2" },
      { title: "Own" },
      { title: "DC, no link" },
    ],
  },
  {
    name: "miniflux: JSON Feed authors given as one object is that author, not the feed's",
    doc: json({
      version: "https://jsonfeed.org/version/1.1",
      title: "J",
      authors: [{ name: "Feed Author" }],
      items: [
        {
          id: "a3",
          title: "authors object",
          url: "https://example.org/a3",
          authors: { name: "Example Author" },
        },
      ],
    }),
    items: [{ authors: [{ name: "Example Author" }] }],
  },
  {
    name: "miniflux: an item whose only content is an image is kept and titled by it (RSS and JSON Feed)",
    doc: rss2(`<item><media:thumbnail url="https://example.org/only-thumb.jpg"/></item>
<item><media:thumbnail url="thumb2.jpg"/></item>
<item><enclosure url="https://example.org/only.mp3" type="audio/mpeg" length="1"/></item>
<item></item>`),
    items: [
      { title: "https://example.org/only-thumb.jpg", image: "https://example.org/only-thumb.jpg" },
      { title: "https://example.org/thumb2.jpg", image: "thumb2.jpg" },
      { enclosures: [{ url: "https://example.org/only.mp3", type: "audio/mpeg", length: 1 }] },
    ],
    // The enclosure-only item, kept before, keeps the title-less id it had.
    missing: { 2: ["title"] },
    warnings: [/skipped 1 empty item/],
    normalized: [
      { title: "https://example.org/only-thumb.jpg" },
      { title: "https://example.org/thumb2.jpg" },
      // mintedId("fixture", "", null): the id crier gave it before image-only items were kept.
      { title: "https://example.org/only.mp3", id: "urn:crier:fixture:0886c1481c57b434" },
    ],
  },
  {
    name: "miniflux: a JSON Feed item with only an image is kept and titled by it",
    doc: json({
      version: "https://jsonfeed.org/version/1.1",
      items: [{ image: "https://example.org/i.png" }, {}],
    }),
    items: [{ title: "https://example.org/i.png", image: "https://example.org/i.png" }],
    warnings: [/skipped 1 empty or invalid item/],
  },
  {
    name: "miniflux: a relative permalink guid is the item's URL, resolved like a link",
    doc: rss2(`<item><title>D</title><guid>/relative-guid.html</guid></item>
<item><title>i8</title><guid isPermaLink="TRUE">/i8.html</guid></item>
<item xml:base="https://base.example/sub/"><title>X</title><guid>/x.html</guid></item>
<item><title>F</title><guid isPermaLink="false">/not-a-link</guid></item>
<item><title>N</title><guid>12345</guid></item>`),
    items: [
      { guid: "/relative-guid.html", link: "/relative-guid.html" },
      { guid: "/i8.html", link: "/i8.html" },
      { guid: "/x.html", link: "https://base.example/x.html" },
      { guid: "/not-a-link" },
      { guid: "12345" },
    ],
    missing: { 0: ["earlier"], 3: ["link"], 4: ["link"] },
    normalized: [
      { url: "https://example.org/relative-guid.html", id: "/relative-guid.html" },
      { url: "https://example.org/i8.html", id: "/i8.html" },
      { url: "https://base.example/x.html", id: "/x.html" },
      { url: null },
      { url: null },
    ],
  },
  {
    name: "miniflux: feedburner:origLink is the item's link, origEnclosureLink its enclosure's URL",
    doc: rssWith(
      FEEDBURNER,
      `<item><title>m3</title><link>http://feeds.feedburner.com/~r/x/~3/abc/</link><feedburner:origLink>https://example.org/original</feedburner:origLink></item>
<item><title>e3</title><guid isPermaLink="false">e3</guid><link>https://example.org/3</link><enclosure url="http://feedproxy.google.com/~r/example/~5/lpMyFSCvubs/File.mp3" length="76192460" type="audio/mpeg"/><feedburner:origEnclosureLink>http://example.org/67ca/File.mp3</feedburner:origEnclosureLink></item>
<item><title>e4</title><link>https://example.org/4</link><enclosure url="https://cdn.example.org/other.mp3" type="audio/mpeg"/><feedburner:origEnclosureLink>http://example.org/File.mp3</feedburner:origEnclosureLink></item>`,
    ),
    items: [
      {
        link: "https://example.org/original",
        earlier: { link: "http://feeds.feedburner.com/~r/x/~3/abc/", title: "m3" },
      },
      { enclosures: [{ url: "http://example.org/67ca/File.mp3", type: "audio/mpeg", length: 76192460 }] },
      { enclosures: [{ url: "https://cdn.example.org/other.mp3", type: "audio/mpeg" }] },
    ],
    missing: { 1: ["earlier"] },
    normalized: [{ url: "https://example.org/original", id: "https://example.org/original" }],
  },
  {
    name: "miniflux: media:peerLink is an enclosure, media:category a category, several media:content images a gallery",
    doc: rss2(`<item><title>e6</title><link>https://example.org/6</link><media:peerLink type="application/x-bittorrent" href="http://www.example.org/file.torrent"/></item>
<item><title>c4</title><link>https://example.org/c4</link><media:category scheme="urn:x" label="Media Label">media/term</media:category><media:category>plain/term</media:category><media:category scheme="urn:flickr:tags">tag1 tag2</media:category></item>
<item><title>e5</title><link>https://example.org/5</link><media:thumbnail url="https://example.org/thumbnail.jpg"/><media:content url="https://example.org/media1.jpg" medium="image"/><media:content url="https://example.org/media2.jpg" medium="image"/></item>
<item><title>one</title><link>https://example.org/one</link><media:content url="https://example.org/one.jpg" medium="image"/></item>
<item><title>sizes</title><link>https://example.org/sizes</link><media:content url="https://example.org/p.jpg?width=140"/><media:content url="https://example.org/p.jpg?width=460"/></item>
<item><title>group</title><link>https://example.org/group</link><media:group><media:content url="https://example.org/g1.jpg" medium="image"/><media:content url="https://example.org/g2.jpg" medium="image"/></media:group></item>`),
    items: [
      { enclosures: [{ url: "http://www.example.org/file.torrent", type: "application/x-bittorrent" }] },
      { categories: ["Media Label", "plain/term", "tag1", "tag2"] },
      {
        image: "https://example.org/media1.jpg",
        enclosures: [
          { url: "https://example.org/media1.jpg", type: "image/jpeg" },
          { url: "https://example.org/media2.jpg", type: "image/jpeg" },
        ],
      },
      { image: "https://example.org/one.jpg" },
      { image: "https://example.org/p.jpg?width=140" },
      { image: "https://example.org/g1.jpg" },
    ],
    missing: { 3: ["enclosures"], 4: ["enclosures"], 5: ["enclosures"] },
  },
  {
    name: "miniflux: an item kept for a peer link alone is titled by it, so its id is no title-less item's",
    doc: rss2(`<item><media:peerLink type="application/x-bittorrent" href="https://example.org/f.torrent"/></item>
<item><enclosure url="https://example.org/only.mp3" type="audio/mpeg"/></item>`),
    items: [{ title: "https://example.org/f.torrent" }, {}],
    missing: { 1: ["title"] },
    normalized: [{}, { id: "urn:crier:fixture:0886c1481c57b434" }],
  },
];
