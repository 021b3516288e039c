import { DOC_URL, type FeedCase, rss2 } from "../feedCase.js";

export const rss2Cases: FeedCase[] = [
  {
    name: "rss2: minimal item with title, link, guid, pubDate",
    doc: rss2(`<item><title>Hello world</title><link>https://example.org/hello</link>
<guid>https://example.org/hello</guid><pubDate>Tue, 05 Mar 2024 08:30:00 +0000</pubDate></item>`),
    feed: { title: "Example Channel", link: "https://example.org/", description: "Channel description" },
    items: [
      {
        title: "Hello world",
        link: "https://example.org/hello",
        guid: "https://example.org/hello",
        published: "Tue, 05 Mar 2024 08:30:00 +0000",
        baseUrl: DOC_URL,
      },
    ],
    missing: { 0: ["guidIsPermaLink", "contentHtml", "updated"] },
    normalized: [
      {
        title: "Hello world",
        url: "https://example.org/hello",
        published: "2024-03-05T08:30:00.000Z",
        id: "https://example.org/hello",
      },
    ],
  },
  {
    name: "rss2: guid isPermaLink=false is kept and not used as link",
    doc: rss2(`<item><title>No link</title><guid isPermaLink="false">post-1234@example.org</guid></item>`),
    items: [{ title: "No link", guid: "post-1234@example.org", guidIsPermaLink: false }],
    missing: { 0: ["link"] },
    normalized: [{ title: "No link", url: null, id: "post-1234@example.org" }],
  },
  {
    name: "rss2: permalink guid becomes the link when <link> is missing",
    doc: rss2(`<item><title>Guid only</title><guid>https://example.org/p/7</guid></item>`),
    items: [{ title: "Guid only", guid: "https://example.org/p/7", link: "https://example.org/p/7" }],
    missing: { 0: ["guidIsPermaLink"] },
    normalized: [{ url: "https://example.org/p/7", id: "https://example.org/p/7" }],
  },
  {
    name: "rss2: isPermaLink=true is recorded",
    doc: rss2(`<item><title>T</title><guid isPermaLink="true">https://example.org/p/8</guid></item>`),
    items: [{ guid: "https://example.org/p/8", guidIsPermaLink: true, link: "https://example.org/p/8" }],
  },
  {
    name: "rss2: non-URL guid without isPermaLink is not a link",
    doc: rss2(`<item><title>T</title><guid>12345</guid></item>`),
    items: [{ guid: "12345" }],
    missing: { 0: ["link"] },
  },
  {
    name: "rss2: content:encoded is the content, description the summary",
    doc: rss2(`<item><title>Both</title><link>https://example.org/both</link>
<description>Short teaser</description>
<content:encoded><![CDATA[<p>The <b>full</b> body.</p>]]></content:encoded></item>`),
    items: [{ contentHtml: "<p>The <b>full</b> body.</p>", summary: "Short teaser" }],
  },
  {
    name: "rss2: description alone is the content",
    doc: rss2(`<item><title>Desc</title><description>Only a description</description></item>`),
    items: [{ contentHtml: "Only a description" }],
    missing: { 0: ["summary"] },
  },
  {
    name: "rss2: entity-escaped HTML in description is decoded once",
    doc: rss2(
      `<item><title>Esc</title><description>&lt;p&gt;Hello &amp;amp; &lt;a href="/x"&gt;link&lt;/a&gt;&lt;/p&gt;</description></item>`,
    ),
    items: [{ contentHtml: '<p>Hello &amp; <a href="/x">link</a></p>' }],
  },
  {
    name: "rss2: CDATA description with markup and a literal ampersand",
    doc: rss2(
      `<item><title>CDATA</title><description><![CDATA[<p>Tom & Jerry &nbsp; <i>again</i></p>]]></description></item>`,
    ),
    items: [{ contentHtml: "<p>Tom & Jerry &nbsp; <i>again</i></p>" }],
  },
  {
    name: "rss2: CDATA title is plain text",
    doc: rss2(`<item><title><![CDATA[Rock & Roll]]></title></item>`),
    items: [{ title: "Rock & Roll" }],
  },
  {
    name: "rss2: double-escaped ampersand in title decodes to one &",
    doc: rss2(`<item><title>AT&amp;amp;T earnings</title></item>`),
    items: [{ title: "AT&T earnings" }],
  },
  {
    name: "rss2: escaped markup in title is stripped to text",
    doc: rss2(`<item><title>&lt;b&gt;Bold&lt;/b&gt; news</title></item>`),
    items: [{ title: "Bold news" }],
  },
  {
    name: "rss2: inline markup in titles joins, and the title's own spaces stay",
    doc: rss2(
      `<item><title>Hello&lt;b&gt;World&lt;/b&gt; H&lt;sub&gt;2&lt;/sub&gt;O</title></item>
<item><title>Quoi de neuf ? &lt;i&gt;Tout&lt;/i&gt; : rien !</title></item>`,
    ).replace("<title>Example Channel</title>", "<title>Feed&lt;b&gt;Name&lt;/b&gt;</title>"),
    feed: { title: "FeedName" },
    items: [{ title: "HelloWorld H2O" }, { title: "Quoi de neuf ? Tout : rien !" }],
  },
  {
    name: "rss2: literal less-than in a title stays",
    doc: rss2(`<item><title>1 &lt; 2 is true</title></item>`),
    items: [{ title: "1 < 2 is true" }],
  },
  {
    name: "rss2: a title is HTML only when all its tags are inline formatting and it shows an end tag or entity",
    doc: rss2(
      `<item><title>Why &lt;script&gt; tags &amp;amp; &lt;b&gt;bold&lt;/b&gt; ones</title></item>
<item><title>&lt;textarea&gt;Grows&lt;/textarea&gt; &amp;mdash; &lt;i&gt;demo&lt;/i&gt;</title></item>
<item><title>Line&lt;br&gt;break &amp;amp; more</title></item>
<item><title>Use &lt;em&gt; for emphasis</title></item>
<item><title>Map&lt;K, V&gt; &amp;lt;b&amp;gt; &lt;a href="/x"&gt;docs&lt;/a&gt;</title></item>
<item><title>Breaking&lt;script&gt;alert(1)&lt;/script&gt; &lt;textarea&gt; news&lt;STYLE&gt;p{}&lt;/style &gt;</title></item>`,
    ).replace("<title>Example Channel</title>", "<title>The &lt;blink&gt; Times</title>"),
    feed: { title: "The <blink> Times" },
    items: [
      // A tag that would run, load or swallow text in a reader taking the title as HTML goes; its words stay.
      { title: "Why tags & <b>bold</b> ones" },
      { title: "Grows \u2014 <i>demo</i>" },
      { title: "Line break & more" },
      { title: "Use <em> for emphasis" },
      { title: 'Map<K, V> <b> <a href="/x">docs</a>' },
      // Whole script and style elements are code, never title text.
      { title: "Breaking news" },
    ],
  },
  {
    // qTranslate's language markers and stray comments are never text; a planted active tag, escaped once
    // or twice, never survives as text either.
    name: "rss2: HTML comments leave titles, categories and authors; active tags leave titles",
    doc: rss2(
      `<item><title><![CDATA[<!--:en-->Road works<!--:--><!--:zh-->主街道路施工<!--:-->]]></title><category><![CDATA[<!--:en-->News<!--:-->]]></category><dc:creator>&lt;!-- x --&gt;Ann</dc:creator></item>
<item><title>A&lt;!-- x --&gt;B &lt;!-- unclosed</title></item>
<item><title>&lt;img src=x onerror=alert(1)&gt;Photo</title></item>
<item><title>&amp;lt;svg onload=alert(1)&amp;gt; twice</title></item>
<item><title>&lt;details/open/ontoggle=alert(1)&gt;Road works</title></item>
<item><title>&lt;a title="&gt;" onmouseover=alert(2)&gt;hover&lt;/a&gt;</title></item>
<item><title>&lt;p&gt;&lt;a href="javascript&amp;amp;colon;alert(1)"&gt;click&lt;/a&gt; after</title></item>
<item><title>&lt;b&gt;&amp;lt;img src=x onerror=y&amp;gt;&lt;/b&gt; z</title></item>`,
    ),
    items: [
      { title: "Road works主街道路施工" },
      // An unclosed comment hides the rest from a reader taking the title as HTML: it goes.
      { title: "AB" },
      { title: "Photo" },
      { title: "twice" },
      // As a browser tokenizes: a handler after "/", a ">" inside quotes, a scheme hidden by a reference.
      { title: "Road works" },
      { title: "hover" },
      { title: "<p> click after" },
      { title: "z" },
    ],
    normalized: [{ title: "Road works主街道路施工", categories: ["News"], authors: [{ name: "Ann" }] }],
  },
  {
    name: "rss2: dc:description stands in for a missing description, never over one",
    doc: rss2(`<item><title>Only dc</title><dc:description>The only text of this item.</dc:description></item>
<item><title>Encoded</title><content:encoded><![CDATA[<p>Body</p>]]></content:encoded><dc:description>Teaser</dc:description></item>
<item><title>Both</title><description>Own</description><dc:description>Not this</dc:description></item>
<item><title>Blank own</title><description> </description><dcterms:description>Terms</dcterms:description></item>`),
    items: [
      { contentHtml: "The only text of this item." },
      { contentHtml: "<p>Body</p>", summary: "Teaser", summaryFormat: "html" },
      { contentHtml: "Own" },
      { contentHtml: "Terms" },
    ],
    missing: { 0: ["summary"], 2: ["summary"], 3: ["summary"] },
    normalized: [{ summary: "The only text of this item." }],
  },
  {
    name: "rss2: whitespace and newlines in title and link are trimmed",
    doc: rss2(`<item><title>
      Spread   over
      lines </title><link>
      https://example.org/ws
    </link></item>`),
    items: [{ title: "Spread over lines", link: "https://example.org/ws" }],
  },
  {
    name: "rss2: missing title keeps description",
    doc: rss2(
      `<item><description>Untitled status update</description><link>https://example.org/s/1</link></item>`,
    ),
    items: [{ contentHtml: "Untitled status update", link: "https://example.org/s/1" }],
    missing: { 0: ["title"] },
  },
  {
    name: "rss2: empty items are skipped with a warning",
    doc: rss2(`<item></item><item><title>Real</title></item><item>  </item>`),
    items: [{ title: "Real" }],
    warnings: [/skipped 2 empty items/],
  },
  {
    name: "rss2: channel without items",
    doc: rss2(""),
    feed: { title: "Example Channel" },
    items: [],
  },
  {
    name: "rss2: garbage date kept raw",
    doc: rss2(`<item><title>Bad date</title><pubDate>sometime last week</pubDate></item>`),
    items: [{ published: "sometime last week" }],
    normalized: [{ published: null }],
  },
  {
    name: "rss2: dc:date used when pubDate is absent",
    doc: rss2(`<item><title>DC</title><dc:date>2024-02-10T09:00:00+08:00</dc:date></item>`),
    items: [{ published: "2024-02-10T09:00:00+08:00" }],
    normalized: [{ published: "2024-02-10T01:00:00.000Z" }],
  },
  {
    name: "rss2: pubDate wins over dc:date",
    doc: rss2(
      `<item><title>Both dates</title><pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate><dc:date>2020-01-01T00:00:00Z</dc:date></item>`,
    ),
    items: [{ published: "Wed, 06 Mar 2024 10:00:00 GMT" }],
  },
  {
    name: "rss2: dcterms created/modified",
    doc: rss2(
      `<item><title>Terms</title><dcterms:created>2023-12-24</dcterms:created><dcterms:modified>2023-12-25T08:00:00Z</dcterms:modified></item>`,
    ),
    items: [{ published: "2023-12-24", updated: "2023-12-25T08:00:00Z" }],
  },
  {
    name: "rss2: dcterms:issued",
    doc: rss2(`<item><title>Issued</title><dcterms:issued>2023-11-11T11:11:11Z</dcterms:issued></item>`),
    items: [{ published: "2023-11-11T11:11:11Z" }],
    normalized: [{ published: "2023-11-11T11:11:11.000Z" }],
  },
  {
    name: "rss2: atom:updated inside an RSS item is not confused with Atom",
    doc: rss2(`<item><title>Mixed</title><pubDate>Thu, 07 Mar 2024 00:00:00 GMT</pubDate></item>`),
    items: [{ published: "Thu, 07 Mar 2024 00:00:00 GMT" }],
  },
  {
    name: "rss2: author in spec form email (Name)",
    doc: rss2(`<item><title>A</title><author>jane@example.org (Jane Doe)</author></item>`),
    items: [{ authors: [{ name: "Jane Doe", email: "jane@example.org" }] }],
  },
  {
    name: "rss2: author as Name <email>",
    doc: rss2(`<item><title>A</title><author>Jane Doe &lt;jane@example.org&gt;</author></item>`),
    items: [{ authors: [{ name: "Jane Doe", email: "jane@example.org" }] }],
  },
  {
    name: "rss2: bare email author",
    doc: rss2(`<item><title>A</title><author>news@example.org</author></item>`),
    items: [{ authors: [{ name: "news@example.org", email: "news@example.org" }] }],
  },
  {
    name: "rss2: multiple dc:creator are all kept",
    doc: rss2(
      `<item><title>A</title><dc:creator>Alice</dc:creator><dc:creator><![CDATA[Bob]]></dc:creator><dc:creator>Carol</dc:creator></item>`,
    ),
    items: [{ authors: [{ name: "Alice" }, { name: "Bob" }, { name: "Carol" }] }],
  },
  {
    name: "rss2: author and dc:creator both, duplicates removed",
    doc: rss2(
      `<item><title>A</title><author>a@example.org (Alice)</author><dc:creator>Bob</dc:creator><dc:creator>Bob</dc:creator></item>`,
    ),
    items: [{ authors: [{ name: "Alice", email: "a@example.org" }, { name: "Bob" }] }],
  },
  {
    name: "rss2: categories with and without domain, deduplicated",
    doc: rss2(
      `<item><title>C</title><category>News</category><category domain="https://example.org/tags">Local</category><category>News</category><category> </category></item>`,
    ),
    items: [{ categories: ["News", "Local"] }],
  },
  {
    name: "rss2: dc:subject adds categories",
    doc: rss2(`<item><title>C</title><category>One</category><dc:subject>Two</dc:subject></item>`),
    items: [{ categories: ["One", "Two"] }],
  },
  {
    name: "rss2: all enclosures are kept, length parsed",
    doc: rss2(`<item><title>Pod</title><enclosure url="https://cdn.example.org/a.mp3" type="audio/mpeg" length="123456"/>
<enclosure url="https://cdn.example.org/a.ogg" type="audio/ogg" length="0"/>
<enclosure url="https://cdn.example.org/a.pdf" type="application/pdf" length="n/a"/></item>`),
    items: [
      {
        enclosures: [
          { url: "https://cdn.example.org/a.mp3", type: "audio/mpeg", length: 123456 },
          { url: "https://cdn.example.org/a.ogg", type: "audio/ogg" },
          { url: "https://cdn.example.org/a.pdf", type: "application/pdf" },
        ],
      },
    ],
  },
  {
    name: "rss2: image enclosure also becomes the image",
    doc: rss2(`<item><title>Pic</title><enclosure url="/img/p.jpg" type="image/jpeg" length="100"/></item>`),
    items: [{ enclosures: [{ url: "/img/p.jpg", type: "image/jpeg", length: 100 }], image: "/img/p.jpg" }],
  },
  {
    name: "rss2: relative link stays relative with the document as base",
    doc: rss2(`<item><title>Rel</title><link>/news/2024/rel.html</link></item>`),
    url: "https://example.org/feeds/main.xml",
    items: [{ link: "/news/2024/rel.html", baseUrl: "https://example.org/feeds/main.xml" }],
    normalized: [{ url: "https://example.org/news/2024/rel.html" }],
  },
  {
    name: "rss2: relative link without a document URL has no base",
    doc: rss2(`<item><title>Rel</title><link>page.html</link></item>`),
    url: null,
    items: [{ link: "page.html" }],
    missing: { 0: ["baseUrl"] },
  },
  {
    name: "rss2: channel language and item dc:language",
    doc: rss2(
      `<item><title>Lang</title><dc:language>fr</dc:language></item><item><title>Default</title></item>`,
      "<language>en-us</language>",
    ),
    feed: { language: "en-us" },
    items: [{ language: "fr" }, { title: "Default" }],
    missing: { 1: ["language"] },
  },
  {
    name: "rss2: comments and source elements are ignored",
    doc: rss2(
      `<item><title>Extra</title><comments>https://example.org/c</comments><source url="https://other.example/rss">Other</source></item>`,
    ),
    items: [{ title: "Extra" }],
    missing: { 0: ["link"] },
  },
  {
    name: "rss2: unescaped markup inside description is kept verbatim",
    doc: rss2(
      `<item><title>Raw</title><description><p>Inline <b>markup</b> &amp; text</p></description></item>`,
    ),
    items: [{ contentHtml: "<p>Inline <b>markup</b> &amp; text</p>" }],
  },
  {
    name: "rss2: many items keep their order",
    doc: rss2(
      Array.from(
        { length: 12 },
        (_, i) => `<item><title>Item ${i + 1}</title><link>https://example.org/${i + 1}</link></item>`,
      ).join(""),
    ),
    items: Array.from({ length: 12 }, (_, i) => ({
      title: `Item ${i + 1}`,
      link: `https://example.org/${i + 1}`,
    })),
  },
  {
    name: "rss2: version 2.01 (seen in the wild) is read as RSS 2",
    doc: rss2(`<item><title>v2.01</title></item>`, "", "2.01"),
    items: [{ title: "v2.01" }],
  },
  {
    name: "rss2: uppercase-ish isPermaLink value FALSE",
    doc: rss2(`<item><title>T</title><guid isPermaLink="FALSE">https://example.org/x</guid></item>`),
    items: [{ guid: "https://example.org/x", guidIsPermaLink: false }],
    missing: { 0: ["link"] },
  },
  {
    name: "rss2: itunes podcast episode image and enclosure",
    doc: rss2(
      `<item><title>Episode 12</title><itunes:image href="https://cdn.example.org/ep12.jpg"/>
<enclosure url="https://cdn.example.org/ep12.mp3" type="audio/mpeg" length="9000000"/><itunes:duration>42:00</itunes:duration></item>`,
      `<itunes:image href="https://cdn.example.org/show.jpg"/><itunes:author>Show Host</itunes:author>`,
    ),
    items: [
      {
        title: "Episode 12",
        image: "https://cdn.example.org/ep12.jpg",
        enclosures: [{ url: "https://cdn.example.org/ep12.mp3", type: "audio/mpeg", length: 9000000 }],
      },
    ],
  },
  {
    name: "rss: a title is HTML once (the convention): entity-escaped markup becomes its text",
    doc: rss2(`<item><guid>https://example.org/c</guid><title>The &amp;lt;canvas&amp;gt; element &amp;amp; more</title>
<description>&lt;p&gt;Short &amp;amp; sweet&lt;/p&gt;</description><content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded></item>`),
    items: [{ title: "The <canvas> element & more", summaryFormat: "html" }],
    normalized: [{ title: "The <canvas> element & more", summary: "Short & sweet" }],
  },
  {
    name: "rss: category and dc:creator are text, HTML-escaped once more by some feeds (WordPress CDATA)",
    doc: rss2(`<item><guid>https://example.org/w</guid><title>W</title>
<category><![CDATA[News &amp; Events]]></category><category>C++ &lt;T&gt;</category>
<dc:creator><![CDATA[Tom &amp; Jerry]]></dc:creator><author>jo@example.org (Jo &lt;JD&gt; Doe)</author></item>`),
    items: [
      {
        categories: ["News & Events", "C++ <T>"],
        authors: [{ name: "Jo <JD> Doe", email: "jo@example.org" }, { name: "Tom & Jerry" }],
      },
    ],
  },
  {
    name: "rss: atom:updated / a10:updated on items are dates (Blogger, .NET SyndicationFeed)",
    doc: rss2(`<item><guid>https://example.org/u1</guid><title>only updated</title><atom:updated>2024-06-03T15:00:00Z</atom:updated></item>
<item xmlns:a10="http://www.w3.org/2005/Atom"><guid>https://example.org/u2</guid><title>both</title><pubDate>Tue, 04 Jun 2024 10:00:00 GMT</pubDate><a10:updated>2024-06-05T10:00:00Z</a10:updated></item>`),
    items: [
      { updated: "2024-06-03T15:00:00Z" },
      { published: "Tue, 04 Jun 2024 10:00:00 GMT", updated: "2024-06-05T10:00:00Z" },
    ],
    normalized: [
      { published: "2024-06-03T15:00:00.000Z", updated: "2024-06-03T15:00:00.000Z" },
      { published: "2024-06-04T10:00:00.000Z", updated: "2024-06-05T10:00:00.000Z" },
    ],
  },
];
