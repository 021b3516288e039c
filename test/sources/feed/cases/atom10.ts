import { atom, DOC_URL, type FeedCase } from "../feedCase.js";

const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';

export const atom10Cases: FeedCase[] = [
  {
    name: "atom: minimal entry with id, link, updated",
    doc: atom(`<entry><title>Atom-Powered Robots Run Amok</title><link href="http://example.org/2003/12/13/atom03"/>
<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id><updated>2003-12-13T18:30:02Z</updated><summary>Some text.</summary></entry>`),
    feed: { title: "Example Atom" },
    items: [
      {
        title: "Atom-Powered Robots Run Amok",
        link: "http://example.org/2003/12/13/atom03",
        guid: "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
        updated: "2003-12-13T18:30:02Z",
        summary: "Some text.",
      },
    ],
    missing: { 0: ["published", "guidIsPermaLink"] },
    normalized: [
      {
        title: "Atom-Powered Robots Run Amok",
        url: "http://example.org/2003/12/13/atom03",
        updated: "2003-12-13T18:30:02.000Z",
      },
    ],
  },
  {
    name: "atom: published and updated both kept",
    doc: atom(
      `<entry><title>P</title><id>tag:example.org,2024:1</id><published>2024-01-01T00:00:00+01:00</published><updated>2024-01-02T00:00:00Z</updated></entry>`,
    ),
    items: [{ published: "2024-01-01T00:00:00+01:00", updated: "2024-01-02T00:00:00Z" }],
    normalized: [{ published: "2023-12-31T23:00:00.000Z", updated: "2024-01-02T00:00:00.000Z" }],
  },
  {
    name: "atom: garbage published date does not fail the feed",
    doc: atom(`<entry><title>Bad</title><id>b</id><published>not a date</published><updated>yesterday-ish</updated></entry>
<entry><title>Good</title><id>g</id><updated>2024-02-02T02:02:02Z</updated></entry>`),
    items: [
      { title: "Bad", published: "not a date", updated: "yesterday-ish" },
      { title: "Good", updated: "2024-02-02T02:02:02Z" },
    ],
    normalized: [{ published: null }, {}],
  },
  {
    name: "atom: rel=alternate chosen over self/related/enclosure",
    doc: atom(`<entry><title>L</title><id>l</id>
<link rel="self" href="https://example.org/api/1"/><link rel="related" href="https://other.example/"/>
<link rel="enclosure" href="https://cdn.example.org/f.mp3" type="audio/mpeg" length="42"/>
<link rel="alternate" type="text/html" href="https://example.org/posts/1"/></entry>`),
    items: [
      {
        link: "https://example.org/posts/1",
        enclosures: [{ url: "https://cdn.example.org/f.mp3", type: "audio/mpeg", length: 42 }],
      },
    ],
  },
  {
    name: "atom: rel values given as IANA IRIs count as their short names (RFC 4287 §4.2.7.2)",
    doc: atom(
      `<entry><title>t</title><id>i</id>
<link rel="http://www.iana.org/assignments/relation/enclosure" href="https://i.example/ep.mp3" type="audio/mpeg" length="10"/>
<link rel="replies" href="https://i.example/comments"/>
<link rel="http://www.iana.org/assignments/relation/alternate" href="https://i.example/page"/></entry>`,
      "",
      '<link rel="http://www.iana.org/assignments/relation/self" href="https://i.example/feed.xml"/><link rel="HTTP://WWW.IANA.ORG/assignments/relation/alternate" href="https://i.example/"/>',
    ),
    feed: { link: "https://i.example/" },
    items: [
      {
        link: "https://i.example/page",
        enclosures: [{ url: "https://i.example/ep.mp3", type: "audio/mpeg", length: 10 }],
      },
    ],
  },
  {
    name: "atom: link without rel is the alternate",
    doc: atom(
      `<entry><title>L</title><id>l</id><link rel="replies" href="https://example.org/c"/><link href="https://example.org/plain"/></entry>`,
    ),
    items: [{ link: "https://example.org/plain" }],
  },
  {
    name: "atom: only a self link gives no item link",
    doc: atom(
      `<entry><title>Self only</title><id>s</id><link rel="self" href="https://example.org/self"/></entry>`,
    ),
    items: [{ title: "Self only" }],
    missing: { 0: ["link"] },
  },
  {
    name: "atom: several enclosures",
    doc: atom(`<entry><title>E</title><id>e</id><link rel="enclosure" href="https://cdn.example.org/1.mp3" type="audio/mpeg"/>
<link rel="enclosure" href="https://cdn.example.org/2.mp4" type="video/mp4" length="1000"/></entry>`),
    items: [
      {
        enclosures: [
          { url: "https://cdn.example.org/1.mp3", type: "audio/mpeg" },
          { url: "https://cdn.example.org/2.mp4", type: "video/mp4", length: 1000 },
        ],
      },
    ],
  },
  {
    name: "atom: type=html title is decoded and stripped",
    doc: atom(
      `<entry><title type="html">Less &lt;em&gt;is&lt;/em&gt; more &amp;amp; better</title><id>h</id></entry>`,
    ),
    items: [{ title: "Less is more & better" }],
  },
  {
    name: "atom: type=text title keeps literal angle brackets",
    doc: atom(`<entry><title type="text">Use the &lt;blink&gt; tag &amp; weep</title><id>t</id></entry>`),
    items: [{ title: "Use the <blink> tag & weep" }],
  },
  {
    name: "atom: type=xhtml title is the text of the div",
    doc: atom(
      `<entry><title type="xhtml"><div ${XHTML}>Less: <em>&lt;</em> and <b>bold</b></div></title><id>x</id></entry>`,
    ),
    items: [{ title: "Less: < and bold" }],
  },
  {
    name: "atom: inline markup in xhtml and html titles joins, blocks and <br> separate",
    doc: atom(
      `<entry><title type="xhtml"><div ${XHTML}>Hello<b>World</b> H<sub>2</sub>O e<sup>x</sup></div></title><id>x</id></entry>
<entry><title type="html">Hello&lt;b&gt;World&lt;/b&gt; H&lt;sub&gt;2&lt;/sub&gt;O, &lt;i&gt;yes&lt;/i&gt;.</title><id>h</id></entry>
<entry><title type="html">One&lt;br&gt;Two&lt;p&gt;Three&lt;/p&gt;Four</title><id>b</id></entry>`,
    ).replace(
      "<title>Example Atom</title>",
      `<title type="xhtml"><div ${XHTML}>Feed<b>Name</b></div></title>`,
    ),
    feed: { title: "FeedName" },
    items: [
      { title: "HelloWorld H2O ex" },
      { title: "HelloWorld H2O, yes." },
      { title: "One Two Three Four" },
    ],
  },
  {
    name: "atom: type=xhtml content is the inner markup of the div",
    doc: atom(
      `<entry><title>X</title><id>x</id><content type="xhtml"><div ${XHTML}><p>Para <a href="/rel">link</a></p><p>Two &amp; three</p></div></content></entry>`,
    ),
    items: [{ contentHtml: '<p>Para <a href="/rel">link</a></p><p>Two &amp; three</p>' }],
  },
  {
    name: "atom: CDATA inside xhtml content is character data, written as escaped text (XML 1.0 §2.7)",
    doc: atom(
      `<entry><title>X</title><id>x</id><content type="xhtml"><div ${XHTML}><p>Compare:</p><pre><![CDATA[if (a < b && c > d) { x = "<br>"; }]]></pre><p>a<![CDATA[<script>alert('cd')</script>]]>b<![CDATA[]]></p></div></content></entry>`,
    ),
    items: [
      {
        contentHtml:
          "<p>Compare:</p><pre>if (a &lt; b &amp;&amp; c &gt; d) { x = \"&lt;br&gt;\"; }</pre><p>a&lt;script&gt;alert('cd')&lt;/script&gt;b</p>",
      },
    ],
    normalized: [
      {
        content:
          "<p>Compare:</p><pre>if (a &lt; b &amp;&amp; c &gt; d) { x = \"&lt;br&gt;\"; }</pre><p>a&lt;script&gt;alert('cd')&lt;/script&gt;b</p>",
      },
    ],
    absent: ["CDATA"],
  },
  {
    name: "atom: CDATA inside an xhtml title or summary is kept as text",
    doc: atom(
      `<entry><title type="xhtml"><div ${XHTML}>Use <code><![CDATA[List<T> & co]]></code></div></title><id>x</id><summary type="xhtml"><div ${XHTML}><b>S</b><![CDATA[ a<b ]]></div></summary></entry>`,
    ),
    items: [{ title: "Use List<T> & co", summary: "<b>S</b> a&lt;b" }],
    normalized: [{ title: "Use List<T> & co", summary: "S a<b" }],
  },
  {
    name: "atom: xhtml content with xhtml: prefixed elements",
    doc: atom(
      `<entry><title>X</title><id>x</id><content type="xhtml"><xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>Prefixed</xhtml:p></xhtml:div></content></entry>`,
    ),
    items: [{ contentHtml: "<p>Prefixed</p>" }],
  },
  {
    name: "atom: xhtml prefix declared on the feed: markup kept, prefixed script still sanitized away",
    doc: atom(
      `<entry><title type="xhtml"><xh:div>Prefixed <xh:b>entry</xh:b> &lt;tag&gt;</xh:div></title><id>x</id>
<content type="xhtml"><xh:div><xh:p>Para <xh:a href="http://e.example/">link</xh:a></xh:p><xh:script>alert(1)</xh:script></xh:div></content></entry>`,
      'xmlns:xh="http://www.w3.org/1999/xhtml"',
    ),
    items: [
      {
        title: "Prefixed entry <tag>",
        contentHtml: '<p>Para <a href="http://e.example/">link</a></p><script>alert(1)</script>',
      },
    ],
    normalized: [{ content: '<p>Para <a href="http://e.example/" rel="noopener noreferrer">link</a></p>' }],
    absent: ["xh:"],
  },
  {
    name: "atom: prefixed elements of another namespace are not HTML (a foo:script is not a script)",
    doc: atom(
      `<entry><title>X</title><id>x</id><content type="xhtml" xmlns:x="http://www.w3.org/1999/xhtml"><x:div><x:p>One</x:p><m:script xmlns:m="urn:other">two</m:script><x:i xmlns:x="urn:rebound">three</x:i></x:div></content></entry>`,
    ),
    items: [
      {
        contentHtml:
          '<p>One</p><m:script xmlns:m="urn:other">two</m:script><x:i xmlns:x="urn:rebound">three</x:i>',
      },
    ],
  },
  {
    name: "atom: type=html content is unescaped once",
    doc: atom(
      `<entry><title>H</title><id>h</id><content type="html">&lt;p&gt;Hi &amp;amp; bye&lt;/p&gt;</content></entry>`,
    ),
    items: [{ contentHtml: "<p>Hi &amp; bye</p>" }],
  },
  {
    name: "atom: type=html content in CDATA",
    doc: atom(
      `<entry><title>H</title><id>h</id><content type="html"><![CDATA[<p>CDATA & <b>bold</b></p>]]></content></entry>`,
    ),
    items: [{ contentHtml: "<p>CDATA & <b>bold</b></p>" }],
  },
  {
    name: "atom: text content goes to contentText",
    doc: atom(`<entry><title>T</title><id>t</id><content>Plain &lt;not markup&gt;
second line</content></entry>`),
    items: [{ contentText: "Plain <not markup>\nsecond line" }],
    missing: { 0: ["contentHtml"] },
  },
  {
    name: "atom: out-of-line content src becomes the link when there is none",
    doc: atom(
      `<entry><title>Src</title><id>s</id><content type="application/pdf" src="https://example.org/doc.pdf"/></entry>`,
    ),
    items: [{ link: "https://example.org/doc.pdf" }],
    missing: { 0: ["contentHtml", "contentText"] },
  },
  {
    name: "atom: summary html and content both",
    doc: atom(
      `<entry><title>S</title><id>s</id><summary type="html">&lt;b&gt;teaser&lt;/b&gt;</summary><content type="html">&lt;p&gt;body&lt;/p&gt;</content></entry>`,
    ),
    items: [{ summary: "<b>teaser</b>", contentHtml: "<p>body</p>" }],
  },
  {
    name: "atom: multiple authors with name, email, uri",
    doc: atom(`<entry><title>A</title><id>a</id>
<author><name>Mark Pilgrim</name><uri>http://example.org/</uri><email>f8dy@example.com</email></author>
<author><name>Sam Ruby</name></author></entry>`),
    items: [
      {
        authors: [
          { name: "Mark Pilgrim", email: "f8dy@example.com", url: "http://example.org/" },
          { name: "Sam Ruby" },
        ],
      },
    ],
  },
  {
    name: "atom: author with only an email uses it as the name",
    doc: atom(`<entry><title>A</title><id>a</id><author><email>x@example.org</email></author></entry>`),
    items: [{ authors: [{ name: "x@example.org", email: "x@example.org" }] }],
  },
  {
    name: "atom: categories use label, else term",
    doc: atom(
      `<entry><title>C</title><id>c</id><category term="tech" label="Technology"/><category term="rust"/><category scheme="s" term="rust"/></entry>`,
    ),
    items: [{ categories: ["Technology", "rust"] }],
  },
  {
    name: "atom: entry xml:lang is the item language, feed xml:lang the feed's",
    doc: atom(
      `<entry xml:lang="de"><title>Hallo</title><id>d</id></entry><entry><title>Hi</title><id>e</id></entry>`,
      'xml:lang="en"',
    ),
    feed: { language: "en" },
    items: [{ language: "de" }, { title: "Hi" }],
    missing: { 1: ["language"] },
  },
  {
    name: "atom: feed alternate link and subtitle",
    doc: atom(
      `<entry><title>E</title><id>e</id></entry>`,
      "",
      `<link rel="self" href="https://example.org/atom.xml"/><link rel="alternate" href="https://example.org/"/><subtitle>All the news</subtitle>`,
    ),
    feed: { link: "https://example.org/", description: "All the news" },
    items: [{ title: "E" }],
  },
  {
    name: "atom: feed title type=html",
    doc: atom(`<entry><title>E</title><id>e</id></entry>`).replace(
      "<title>Example Atom</title>",
      '<title type="html">Caf&amp;eacute; &lt;i&gt;News&lt;/i&gt;</title>',
    ),
    feed: { title: "Café News" },
    items: [{ title: "E" }],
  },
  {
    name: "atom: entry without title",
    doc: atom(
      `<entry><id>urn:x</id><link href="https://example.org/untitled"/><content type="html">&lt;p&gt;No title here&lt;/p&gt;</content></entry>`,
    ),
    items: [{ link: "https://example.org/untitled", contentHtml: "<p>No title here</p>" }],
    missing: { 0: ["title"] },
  },
  {
    name: "atom: empty title element",
    doc: atom(`<entry><title/><id>urn:y</id><link href="https://example.org/y"/></entry>`),
    items: [{ guid: "urn:y" }],
    missing: { 0: ["title"] },
  },
  {
    name: "atom: relative link without xml:base, document URL is the base",
    doc: atom(`<entry><title>R</title><id>r</id><link href="/r.html"/></entry>`),
    items: [{ link: "/r.html", baseUrl: DOC_URL }],
    normalized: [{ url: "https://example.org/r.html" }],
  },
  {
    name: "atom: media:thumbnail on an entry (YouTube style)",
    doc: atom(`<entry><title>Video</title><id>yt:video:abc</id><link rel="alternate" href="https://www.youtube.com/watch?v=abc"/>
<media:group><media:title>Video</media:title><media:content url="https://www.youtube.com/v/abc?version=3" type="application/x-shockwave-flash" width="640" height="390"/>
<media:thumbnail url="https://i.ytimg.com/vi/abc/hqdefault.jpg" width="480" height="360"/><media:description>About</media:description></media:group></entry>`),
    items: [
      {
        link: "https://www.youtube.com/watch?v=abc",
        image: "https://i.ytimg.com/vi/abc/hqdefault.jpg",
        enclosures: [
          { url: "https://www.youtube.com/v/abc?version=3", type: "application/x-shockwave-flash" },
        ],
      },
    ],
  },
  {
    name: "atom: id with surrounding whitespace is trimmed",
    doc: atom(`<entry><title>W</title><id>
   tag:example.org,2024:/w
</id></entry>`),
    items: [{ guid: "tag:example.org,2024:/w" }],
  },
  {
    name: "atom: dcterms dates on an entry",
    doc: atom(
      `<entry><title>D</title><id>d</id><dcterms:issued>2022-02-22</dcterms:issued><dcterms:modified>2022-03-03</dcterms:modified></entry>`,
    ),
    items: [{ published: "2022-02-22", updated: "2022-03-03" }],
  },
  {
    name: "atom: source element inside entry does not leak its title",
    doc: atom(`<entry><title>Mine</title><id>m</id><source><title>Theirs</title><id>t</id></source></entry>`),
    items: [{ title: "Mine" }],
  },
  {
    name: "atom: entries without an author inherit the feed author",
    doc: atom(
      `<entry><title>Mine</title><id>1</id><author><name>Own</name></author></entry><entry><title>Inherited</title><id>2</id></entry>`,
      'xml:base="https://people.example.org/"',
      "<author><name>Feed Owner</name><uri>owner</uri></author>",
    ),
    items: [
      { authors: [{ name: "Own" }] },
      { authors: [{ name: "Feed Owner", url: "https://people.example.org/owner" }] },
    ],
  },
  {
    name: "atom: an entry without an author takes its atom:source's authors before the feed's (RFC 4287 §4.2.1)",
    doc: atom(
      `<entry><title>Copied</title><id>1</id><source><id>urn:orig</id><title>Original Blog</title><author><name>Original Author</name><uri>/me</uri></author></source></entry>` +
        `<entry><title>Own wins</title><id>2</id><author><name>Own</name></author><source><author><name>Not used</name></author></source></entry>` +
        `<entry><title>Source without author</title><id>3</id><source><id>urn:s</id></source></entry>`,
      'xml:base="https://agg.example/"',
      "<author><name>Aggregator Bot</name></author>",
    ),
    items: [
      { authors: [{ name: "Original Author", url: "https://agg.example/me" }] },
      { authors: [{ name: "Own" }] },
      { authors: [{ name: "Aggregator Bot" }] },
    ],
    absent: ["Not used"],
  },
  {
    name: "rss: channel-level managingEditor is not an item author",
    doc: `<rss version="2.0"><channel><title>C</title><managingEditor>ed@example.org (Ed)</managingEditor><author>chan@example.org</author><item><title>No author</title></item></channel></rss>`,
    items: [{ title: "No author" }],
    missing: { 0: ["authors"] },
  },
  {
    name: "atom: type=text title and summary are text, html ones decoded once (RFC 4287 §3.1.1)",
    doc: atom(`<entry><id>urn:x:1</id><updated>2024-01-01T00:00:00Z</updated>
<title type="text">Why &lt;script&gt; tags block rendering</title>
<summary type="text">Put &lt;style&gt; in the head; AT&amp;amp;T</summary></entry>
<entry><id>urn:x:2</id><updated>2024-01-01T00:00:00Z</updated>
<title type="html">AT&amp;amp;T &amp;lt;b&amp;gt; bold &lt;i&gt;really&lt;/i&gt;</title>
<summary type="html">&lt;p&gt;The &amp;lt;canvas&amp;gt; element&lt;/p&gt;</summary></entry>`),
    items: [
      { title: "Why <script> tags block rendering", summaryFormat: "text" },
      { title: "AT&T <b> bold really", summaryFormat: "html" },
    ],
    normalized: [
      {
        title: "Why <script> tags block rendering",
        summary: "Put <style> in the head; AT&amp;T",
        content: "<p>Put &lt;style&gt; in the head; AT&amp;amp;T</p>",
      },
      { title: "AT&T <b> bold really", summary: "The <canvas> element" },
    ],
  },
  {
    // RFC 4287 is defined by namespace: an atom: prefix bound to the Atom namespace is the same document.
    name: "atom: elements under a prefix bound to the Atom namespace are read like unprefixed ones",
    doc: `<?xml version="1.0" encoding="utf-8"?>
<!-- <atom:feed> in a comment -->
<atom:feed xmlns:atom="http://www.w3.org/2005/Atom" xmlns:x="http://www.w3.org/1999/xhtml" xml:lang="en">
  <atom:title type="html">Prefixed &amp;amp; fine</atom:title><atom:id>urn:p</atom:id>
  <atom:updated>2024-01-01T00:00:00Z</atom:updated><atom:link rel="alternate" href="https://p.example/"/>
  <atom:author><atom:name>Feed Owner</atom:name></atom:author>
  <atom:entry><atom:title>E1</atom:title><atom:id>urn:p:1</atom:id>
    <atom:published>2024-01-01T00:00:00Z</atom:published><atom:updated>2024-01-02T00:00:00Z</atom:updated>
    <atom:link href="https://p.example/1"/><atom:link rel="enclosure" type="audio/mpeg" href="https://p.example/1.mp3"/>
    <atom:category term="news"/>
    <atom:summary type="html"><![CDATA[<p>Keeps <atom:title> in CDATA</p>]]></atom:summary>
    <atom:content type="xhtml"><x:div><x:p>Body <x:b>bold</x:b></x:p></x:div></atom:content>
  </atom:entry>
  <atom:entry><atom:title>E2</atom:title><atom:id>urn:p:2</atom:id><atom:updated>2024-01-03T00:00:00Z</atom:updated>
    <atom:author><atom:name>Own</atom:name></atom:author><atom:content>plain</atom:content></atom:entry>
</atom:feed>`,
    feed: { title: "Prefixed & fine", link: "https://p.example/", language: "en" },
    items: [
      {
        title: "E1",
        guid: "urn:p:1",
        link: "https://p.example/1",
        published: "2024-01-01T00:00:00Z",
        updated: "2024-01-02T00:00:00Z",
        enclosures: [{ url: "https://p.example/1.mp3", type: "audio/mpeg" }],
        categories: ["news"],
        summary: "<p>Keeps <atom:title> in CDATA</p>",
        summaryFormat: "html",
        contentHtml: "<p>Body <b>bold</b></p>",
        authors: [{ name: "Feed Owner" }],
      },
      { title: "E2", guid: "urn:p:2", contentText: "plain", authors: [{ name: "Own" }] },
    ],
  },
  {
    name: "atom: a prefix bound to another namespace is not taken for Atom",
    doc: `<?xml version="1.0"?><a:feed xmlns:a="http://example.org/not-atom"><a:entry><a:title>x</a:title></a:entry></a:feed>`,
    error: /not a valid RSS\/Atom feed/,
  },
  {
    // RFC 4287 §4.1.3.3: text/* (not text/html) is text, an XML media type XML, anything else Base64 data.
    name: "atom: content of a text/* media type is text, of a non-text non-XML type is not the body",
    doc: atom(`<entry><title>md</title><id>urn:m:1</id>
<content type="text/markdown">Put a &lt;br&gt; tag or &lt;script&gt;alert(1)&lt;/script&gt; in *markdown*</content></entry>
<entry><title>bin</title><id>urn:m:2</id><summary>A chart</summary>
<content type="image/png">iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==</content></entry>
<entry><title>csv</title><id>urn:m:3</id><content type="Text/CSV; charset=utf-8">a,b&lt;c</content></entry>
<entry><title>xml</title><id>urn:m:4</id><content type="application/xml">just &lt;text&gt;</content></entry>
<entry><title>xhtml+xml</title><id>urn:m:5</id><content type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>inline <i>x</i></p></div></content></entry>`),
    items: [
      { contentText: "Put a <br> tag or <script>alert(1)</script> in *markdown*" },
      { summary: "A chart", summaryFormat: "text" },
      { contentText: "a,b<c" },
      { contentText: "just <text>" },
      { contentHtml: "<p>inline <i>x</i></p>" },
    ],
    missing: {
      0: ["contentHtml"],
      1: ["contentHtml", "contentText"],
      2: ["contentHtml"],
      3: ["contentHtml"],
    },
    absent: ["iVBOR"],
    normalized: [
      { content: "<p>Put a &lt;br&gt; tag or &lt;script&gt;alert(1)&lt;/script&gt; in *markdown*</p>" },
      { summary: "A chart", content: "<p>A chart</p>" },
    ],
  },
];
