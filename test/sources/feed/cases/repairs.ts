import { atom, type FeedCase, rss2 } from "../feedCase.js";

export const repairCases: FeedCase[] = [
  {
    name: "repair: unescaped & in a title",
    doc: rss2(`<item><title>Fish & Chips</title><link>https://example.org/f</link></item>`),
    items: [{ title: "Fish & Chips" }],
    warnings: [/repaired: escaped unescaped &/],
  },
  {
    name: "repair: unescaped & in a link query string",
    doc: rss2(`<item><title>Q</title><link>https://example.org/?a=1&b=2</link></item>`),
    items: [{ link: "https://example.org/?a=1&b=2" }],
    warnings: [/unescaped &/],
  },
  {
    name: "repair: one bad & does not lose the other items",
    doc: rss2(
      `<item><title>One</title></item><item><title>Two & a half</title></item><item><title>Three</title></item>`,
    ),
    items: [{ title: "One" }, { title: "Two & a half" }, { title: "Three" }],
    warnings: [/unescaped &/],
  },
  {
    name: "repair: & inside CDATA is left alone while outside is fixed",
    doc: rss2(`<item><title>A & B</title><description><![CDATA[<p>x &amp; y & z</p>]]></description></item>`),
    items: [{ title: "A & B", contentHtml: "<p>x &amp; y & z</p>" }],
    warnings: [/unescaped &/],
  },
  {
    name: "repair: HTML 4 entities &nbsp; &eacute; &mdash; become characters",
    doc: rss2(
      `<item><title>Caf&eacute;&nbsp;Society &mdash; Review</title><description>&hellip;more&rsquo;s</description></item>`,
    ),
    // sax knows the HTML 4 entities, so no repair is needed for these.
    items: [{ title: "Café Society — Review", contentHtml: "…more’s" }],
  },
  {
    name: "repair: unknown entity name is escaped, kept literally",
    doc: rss2(`<item><title>Odd &foo; entity</title></item>`),
    items: [{ title: "Odd &foo; entity" }],
    warnings: [/unescaped &/],
  },
  {
    name: "repair: numeric character references are untouched",
    doc: rss2(`<item><title>Snow &#9731; and &#x2603; &amp; ice</title></item>`),
    items: [{ title: "Snow ☃ and ☃ & ice" }],
  },
  {
    name: "repair: HTML5-only entities become character references",
    doc: rss2(`<item><title>Arrow &RightArrow; &bigstar; star</title></item>`),
    items: [{ title: "Arrow → ★ star" }],
    warnings: [/HTML entities undefined in XML/],
  },
  {
    name: "repair: multi-codepoint HTML entity",
    doc: rss2(`<item><title>Not subset &nsub; and &NotEqualTilde;</title></item>`),
    items: [{ title: "Not subset ⊄ and ≂̸" }],
    warnings: [/HTML entities/],
  },
  {
    name: "repair: raw control characters are removed",
    doc: rss2(
      `<item><title>Bell\u0007 and \u000Bvertical tab</title><description>nul\u0000 here</description></item>`,
    ),
    items: [{ title: "Bell and vertical tab", contentHtml: "nul here" }],
    warnings: [/control characters/],
  },
  {
    name: "repair: character references to XML-illegal characters are dropped, not the feed",
    doc: rss2(
      `<item><title>Stray &#x0B; ref</title><link>https://example.org/a?x=&#0;1</link><description>a&#8;b&#x1F;c&#xFFFE;d&#xD800;e&#65535;f&#x110000;g</description></item>` +
        `<item><title>Good item</title></item>`,
    ),
    items: [
      { title: "Stray ref", link: "https://example.org/a?x=1", contentHtml: "abcdefg" },
      { title: "Good item" },
    ],
    warnings: [/repaired: removed character references to XML-illegal characters/],
  },
  {
    name: "repair: legal references (TAB, LF, CR, astral) survive the illegal-reference repair",
    doc: rss2(
      `<item><title>Bad &#x0B; one</title><description>t&#x9;n&#xA;r&#13;e&#x1F600;&#xFFFD;</description></item>`,
    ),
    items: [{ title: "Bad one", contentHtml: "t\tn\nr\re\u{1F600}\uFFFD" }],
    warnings: [/illegal characters/],
  },
  {
    name: "repair: an illegal reference inside CDATA is literal text and stays",
    doc: rss2(
      `<item><title>T &#x0B;</title><description><![CDATA[<p>code: &#x0B;</p>]]></description></item>`,
    ),
    items: [{ title: "T", contentHtml: "<p>code: &#x0B;</p>" }],
    warnings: [/illegal characters/],
  },
  {
    name: "repair: byte order mark before the declaration",
    doc: `\uFEFF${rss2(`<item><title>BOM</title></item>`)}`,
    items: [{ title: "BOM" }],
  },
  {
    name: "repair: leading whitespace before the declaration",
    doc: `\n\n   ${rss2(`<item><title>WS</title></item>`)}`,
    items: [{ title: "WS" }],
  },
  {
    name: "repair: PHP warning printed before the feed",
    doc: `<br />\n<b>Warning</b>:  Cannot modify header information in <b>/var/www/feed.php</b> on line <b>12</b><br />\n${rss2(`<item><title>After PHP noise</title></item>`)}`,
    items: [{ title: "After PHP noise" }],
    warnings: [/text before the XML declaration/],
  },
  {
    name: "repair: garbage before a root element without declaration",
    doc: `garbage text here <rss version="2.0"><channel><title>C</title><item><title>Root</title></item></channel></rss>`,
    items: [{ title: "Root" }],
    warnings: [/text before the XML declaration or root element/],
  },
  {
    name: "repair: <rss> without a version attribute is read as 2.0",
    doc: `<?xml version="1.0"?><rss><channel><title>Unversioned</title><item><title>No version</title><link>https://example.org/nv</link></item></channel></rss>`,
    feed: { title: "Unversioned" },
    items: [{ title: "No version", link: "https://example.org/nv" }],
    warnings: [/no version attribute/],
  },
  {
    name: "repair: wrong encoding in the declaration does not matter (text is already decoded)",
    doc: `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Ünïcödé</title><item><title>Grüße 中文</title></item></channel></rss>`,
    feed: { title: "Ünïcödé" },
    items: [{ title: "Grüße 中文" }],
  },
  {
    name: "repair: unknown encoding label in the declaration",
    doc: `<?xml version="1.0" encoding="x-made-up"?><rss version="2.0"><channel><title>C</title><item><title>Still fine</title></item></channel></rss>`,
    items: [{ title: "Still fine" }],
  },
  {
    name: "repair: several defects at once",
    doc: `\uFEFF\n${rss2(`<item><title>A & B&nbsp;C\u0001</title></item>`)}`,
    items: [{ title: "A & B C" }],
    warnings: [/control characters/, /unescaped &/],
  },
  {
    name: "repair: & in an attribute value",
    doc: rss2(
      `<item><title>Att</title><enclosure url="https://cdn.example.org/a.mp3?x=1&y=2" type="audio/mpeg"/></item>`,
    ),
    items: [{ enclosures: [{ url: "https://cdn.example.org/a.mp3?x=1&y=2", type: "audio/mpeg" }] }],
    warnings: [/unescaped &/],
  },
  {
    name: "repair: Atom with &nbsp; in html content",
    doc: atom(
      `<entry><title>N&nbsp;B</title><id>n</id><content type="html">&lt;p&gt;a&nbsp;b&lt;/p&gt;</content></entry>`,
    ),
    items: [{ title: "N B", contentHtml: "<p>a\u00a0b</p>" }],
  },
  {
    name: "repair: entity without semicolon is escaped",
    doc: rss2(`<item><title>Copy &copy 2024</title></item>`),
    items: [{ title: "Copy &copy 2024" }],
    warnings: [/unescaped &/],
  },
  {
    name: "repair: PHP notice appended after </rss>",
    doc: `${rss2(`<item><title>Before the notice</title></item>`)}\n<br />\n<b>Notice</b>: Undefined index: id in <b>/srv/rss.php</b>`,
    // sax stops at the end of the root element, so this needs no repair.
    items: [{ title: "Before the notice" }],
  },
  {
    name: "repair: tracking pixel markup after </feed>",
    doc: `${atom(`<entry><title>E</title><id>e</id></entry>`)}<img src="https://t.example/p.gif">`,
    items: [{ title: "E" }],
  },
  {
    name: "repair: trailing garbage is cut when another defect forces the repair pass",
    doc: `${rss2(`<item><title>Tom & Jerry</title></item>`)}\n<b>Warning</b>: x & y`,
    items: [{ title: "Tom & Jerry" }],
    warnings: [/text after the root element/, /unescaped &/],
    absent: ["Warning"],
  },
  {
    name: "repair: unclosed <br> and <img> inside unescaped description markup",
    doc: rss2(
      `<item><title>Void</title><description><p>line one<br>line two<img src="a.png" alt="x>y"></p></description></item>`,
    ),
    items: [{ title: "Void", contentHtml: '<p>line one<br/>line two<img src="a.png" alt="x>y"/></p>' }],
    warnings: [/void elements/],
  },
  {
    name: "repair: void-element repair leaves RSS <link> alone",
    doc: rss2(
      `<item><title>V</title><link>https://example.org/v</link><description><p>a<br>b</p></description></item>`,
    ),
    items: [{ link: "https://example.org/v" }],
    warnings: [/void elements/],
  },
  {
    name: "repair: stray < in a title",
    doc: rss2(`<item><title>Prices < 5 EUR & more</title></item>`),
    items: [{ title: "Prices < 5 EUR & more" }],
    warnings: [/stray </, /unescaped &/],
  },
  {
    name: "repair: <3 in a description is text",
    doc: rss2(`<item><title>Love</title><description>I <3 feeds</description></item>`),
    items: [{ contentHtml: "I <3 feeds" }],
    warnings: [/stray </],
  },
  {
    name: "repair: unrecoverable garbage fails with a clear error",
    doc: "this is not xml at all",
    error: /not a valid RSS\/Atom feed/,
  },
  {
    name: "repair: truncated document fails clearly",
    doc: `<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title><item><title>Half`,
    error: /not a valid RSS\/Atom feed/,
  },
  {
    name: "repair: mismatched tags fail clearly",
    doc: `<rss version="2.0"><channel><item><title>x</item></title></channel></rss>`,
    error: /not a valid RSS\/Atom feed/,
  },
  {
    name: "error: an HTML page instead of a feed",
    doc: `<!DOCTYPE html>\n<html><head><title>Home</title></head><body><p>Welcome</p></body></html>`,
    error: /HTML page/,
  },
  {
    name: "error: unknown XML root",
    doc: `<?xml version="1.0"?><sitemap><url><loc>https://example.org/</loc></url></sitemap>`,
    error: /not a valid RSS\/Atom feed: Feed not recognized/,
  },
  {
    name: "error: empty document",
    doc: "",
    error: /not a feed: the response is empty \(0 bytes\)/,
  },
  {
    name: "error: a document of whitespace only",
    doc: " \r\n\t",
    error: /not a feed: the response is empty \(only whitespace\)/,
  },
];
