import { atom, type FeedCase, rss2 } from "../feedCase.js";

const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';

export const xmlBaseCases: FeedCase[] = [
  {
    name: "xml:base: on the feed resolves entry links",
    doc: atom(
      `<entry><title>B</title><id>b</id><link href="2024/b.html"/></entry>`,
      'xml:base="https://blog.example.com/posts/"',
    ),
    items: [
      { link: "https://blog.example.com/posts/2024/b.html", baseUrl: "https://blog.example.com/posts/" },
    ],
    normalized: [{ url: "https://blog.example.com/posts/2024/b.html" }],
  },
  {
    name: "xml:base: nested feed then entry (relative entry base)",
    doc: atom(
      `<entry xml:base="2024/"><title>N</title><id>n</id><link href="n.html"/></entry>`,
      'xml:base="https://blog.example.com/posts/"',
    ),
    items: [
      { link: "https://blog.example.com/posts/2024/n.html", baseUrl: "https://blog.example.com/posts/2024/" },
    ],
  },
  {
    name: "xml:base: absolute entry base overrides the feed base",
    doc: atom(
      `<entry xml:base="https://mirror.example.net/x/"><title>A</title><id>a</id><link href="a.html"/></entry>`,
      'xml:base="https://blog.example.com/"',
    ),
    items: [{ link: "https://mirror.example.net/x/a.html" }],
  },
  {
    name: "xml:base: content element base differs from the entry base",
    doc: atom(
      `<entry xml:base="/entries/"><title>C</title><id>c</id><link href="c.html"/>
<content type="xhtml" xml:base="/media/"><div ${XHTML}><img src="pic.png"/></div></content></entry>`,
      'xml:base="https://site.example.org/root/"',
    ),
    items: [
      {
        link: "https://site.example.org/entries/c.html",
        baseUrl: "https://site.example.org/media/",
        contentHtml: '<img src="pic.png"/>',
      },
    ],
  },
  {
    name: "xml:base: relative feed base resolves against the document URL",
    doc: atom(`<entry><title>R</title><id>r</id><link href="r.html"/></entry>`, 'xml:base="archive/"'),
    url: "https://example.org/feeds/atom.xml",
    items: [
      { link: "https://example.org/feeds/archive/r.html", baseUrl: "https://example.org/feeds/archive/" },
    ],
  },
  {
    name: "xml:base: relative base without a document URL stays relative",
    doc: atom(`<entry><title>R</title><id>r</id><link href="r.html"/></entry>`, 'xml:base="archive/"'),
    url: null,
    items: [{ link: "r.html", baseUrl: "archive/" }],
  },
  {
    name: "xml:base: enclosure and author uri resolve against it",
    doc: atom(
      `<entry><title>E</title><id>e</id><link rel="enclosure" href="audio/e.mp3" type="audio/mpeg"/><author><name>W</name><uri>people/w</uri></author></entry>`,
      'xml:base="https://pod.example.com/"',
    ),
    items: [
      {
        enclosures: [{ url: "https://pod.example.com/audio/e.mp3", type: "audio/mpeg" }],
        authors: [{ name: "W", url: "https://pod.example.com/people/w" }],
      },
    ],
  },
  {
    name: "xml:base: feed link resolves against the feed base",
    doc: atom(
      `<entry><title>F</title><id>f</id></entry>`,
      'xml:base="https://blog.example.com/"',
      '<link rel="alternate" href="home"/>',
    ),
    feed: { link: "https://blog.example.com/home" },
    items: [{ title: "F" }],
  },
  {
    name: "document URL: a relative Atom feed link without xml:base resolves against it",
    doc: atom(`<entry><title>F</title><id>f</id></entry>`, "", '<link rel="alternate" href="/blog/"/>'),
    url: "https://site.example/feeds/atom.xml",
    feed: { link: "https://site.example/blog/" },
    items: [{ title: "F" }],
  },
  {
    name: "document URL: a relative RSS channel link resolves against it",
    doc: `<rss version="2.0"><channel><title>C</title><link>home.html</link><item><title>X</title></item></channel></rss>`,
    url: "https://site.example/feeds/rss.xml",
    feed: { link: "https://site.example/feeds/home.html" },
    items: [{ title: "X" }],
  },
  {
    name: "document URL: a relative channel link under a relative root + channel xml:base",
    doc: `<rss version="2.0" xml:base="/root/"><channel xml:base="chan/"><title>C</title><link>home.html</link><item><title>X</title></item></channel></rss>`,
    url: "https://base.example/feed.xml",
    feed: { link: "https://base.example/root/chan/home.html" },
    items: [{ title: "X" }],
  },
  {
    name: "document URL: without one a relative channel link stays as written",
    doc: `<rss version="2.0"><channel><title>C</title><link>home.html</link><item><title>X</title></item></channel></rss>`,
    url: null,
    feed: { link: "home.html" },
    items: [{ title: "X" }],
  },
  {
    name: "xml:base: on an RSS channel",
    doc: rss2(`<item><title>X</title><link>items/x</link></item>`).replace(
      "<channel>",
      '<channel xml:base="https://rss.example.com/base/">',
    ),
    items: [{ link: "https://rss.example.com/base/items/x", baseUrl: "https://rss.example.com/base/" }],
  },
  {
    name: "xml:base: on an RSS item",
    doc: rss2(
      `<item xml:base="https://rss.example.com/i/"><title>X</title><link>x</link><enclosure url="x.mp3" type="audio/mpeg"/></item>`,
    ),
    items: [
      {
        link: "https://rss.example.com/i/x",
        enclosures: [{ url: "https://rss.example.com/i/x.mp3", type: "audio/mpeg" }],
      },
    ],
  },
  {
    name: "xml:base: on content:encoded sets the content base; the link is made absolute against the document",
    doc: rss2(
      `<item><title>X</title><link>/x</link><content:encoded xml:base="https://img.example.com/"><![CDATA[<img src="a.png">]]></content:encoded></item>`,
    ),
    items: [
      {
        link: "https://example.org/x",
        baseUrl: "https://img.example.com/",
        contentHtml: '<img src="a.png">',
      },
    ],
    normalized: [{ url: "https://example.org/x" }],
  },
  {
    name: "xml:base: base with query and fragment",
    doc: atom(
      `<entry><title>Q</title><id>q</id><link href="?p=2#c"/></entry>`,
      'xml:base="https://q.example.com/index.php?p=1"',
    ),
    items: [{ link: "https://q.example.com/index.php?p=2#c" }],
  },
  {
    name: "xml:base: three levels (feed, entry, content)",
    doc: atom(
      `<entry xml:base="b/"><title>T</title><id>t</id><link href="l"/><content type="html" xml:base="c/">&lt;a href="x"&gt;x&lt;/a&gt;</content></entry>`,
      'xml:base="https://deep.example.com/a/"',
    ),
    items: [{ link: "https://deep.example.com/a/b/l", baseUrl: "https://deep.example.com/a/b/c/" }],
  },
  {
    name: "xml:base: on the element holding the URL (link, enclosure, author, feed link) applies to it",
    doc: atom(
      `<entry xml:base="e/"><title>L</title><id>l</id><link xml:base="http://other.example/x/" href="y"/>
<link rel="enclosure" xml:base="media/" href="a.mp3" type="audio/mpeg"/>
<author xml:base="/people/"><name>W</name><uri xml:base="w/">about</uri></author></entry>`,
      'xml:base="https://b.example/a/"',
      '<link rel="alternate" xml:base="/home/" href="index.html"/>',
    ),
    feed: { link: "https://b.example/home/index.html" },
    items: [
      {
        link: "http://other.example/x/y",
        enclosures: [{ url: "https://b.example/a/e/media/a.mp3", type: "audio/mpeg" }],
        authors: [{ name: "W", url: "https://b.example/people/w/about" }],
        baseUrl: "https://b.example/a/e/",
      },
    ],
    normalized: [{ url: "http://other.example/x/y" }],
  },
  {
    name: "xml:base: inside xhtml content, links under it resolve against it",
    doc: atom(
      `<entry><title>X</title><id>x</id><content type="xhtml"><div ${XHTML} xml:base="http://third.example/z/"><a href="w">w</a><p xml:base="sub/"><img src="i.png" srcset="i2.png 2x"/><a href="/r?a=1&amp;b=2">r</a></p></div></content>
<summary type="xhtml"><div ${XHTML}><a href="s">s</a> <span xml:base="https://s.example/"><a href="t">t</a></span></div></summary></entry>`,
      'xml:base="https://b.example/a/"',
    ),
    items: [
      {
        contentHtml:
          '<a href="http://third.example/z/w">w</a><p><img src="http://third.example/z/sub/i.png" srcset="http://third.example/z/sub/i2.png 2x"/><a href="http://third.example/r?a=1&amp;b=2">r</a></p>',
        summary: '<a href="s">s</a> <span><a href="https://s.example/t">t</a></span>',
        baseUrl: "https://b.example/a/",
      },
    ],
    normalized: [
      {
        content:
          '<a href="http://third.example/z/w" rel="noopener noreferrer">w</a><p><img src="http://third.example/z/sub/i.png" srcset="http://third.example/z/sub/i2.png 2x" /><a href="http://third.example/r?a=1&amp;b=2" rel="noopener noreferrer">r</a></p>',
      },
    ],
  },
  {
    name: "xml:base: on an RSS link, enclosure and media element",
    doc: rss2(
      `<item xml:base="i/"><title>1</title><link xml:base="http://other.example/x/">y</link><enclosure xml:base="http://e.example/ee/" url="e.mp3" type="audio/mpeg" length="1"/>
<media:group xml:base="http://m.example/g/"><media:content url="v.mp4" type="video/mp4"/><media:thumbnail xml:base="t/" url="t.jpg"/></media:group></item>`,
    ).replace("<channel>", '<channel xml:base="http://b.example/a/">'),
    items: [
      {
        link: "http://other.example/x/y",
        enclosures: [
          { url: "http://e.example/ee/e.mp3", type: "audio/mpeg", length: 1 },
          { url: "http://m.example/g/v.mp4", type: "video/mp4" },
        ],
        image: "http://m.example/g/t/t.jpg",
      },
    ],
  },
  {
    name: "xml:base: entity-escaped base attribute",
    doc: atom(
      `<entry><title>E</title><id>e</id><link href="p"/></entry>`,
      'xml:base="https://amp.example.com/x?a=1&amp;b=2/"',
    ),
    items: [{ link: "https://amp.example.com/p" }],
  },
];
