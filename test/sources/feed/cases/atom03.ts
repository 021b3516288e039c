import { atom03, type FeedCase } from "../feedCase.js";

export const atom03Cases: FeedCase[] = [
  {
    name: "atom0.3: issued, modified, created",
    doc: atom03(`<entry><title>Old entry</title><link rel="alternate" type="text/html" href="https://old.example.org/1"/>
<id>tag:old.example.org,2004:1</id><issued>2004-05-30T10:00:00-05:00</issued><modified>2004-06-01T12:00:00Z</modified><created>2004-05-30T09:00:00Z</created></entry>`),
    feed: { title: "Old Atom", link: "https://old.example.org/" },
    items: [
      {
        title: "Old entry",
        link: "https://old.example.org/1",
        guid: "tag:old.example.org,2004:1",
        published: "2004-05-30T10:00:00-05:00",
        updated: "2004-06-01T12:00:00Z",
      },
    ],
    normalized: [{ published: "2004-05-30T15:00:00.000Z", updated: "2004-06-01T12:00:00.000Z" }],
  },
  {
    name: "atom0.3: created used when issued is missing",
    doc: atom03(`<entry><title>C</title><id>c</id><created>2004-01-01T00:00:00Z</created></entry>`),
    items: [{ published: "2004-01-01T00:00:00Z" }],
  },
  {
    name: "atom0.3: escaped html content (mode=escaped)",
    doc: atom03(
      `<entry><title>E</title><id>e</id><content type="text/html" mode="escaped">&lt;p&gt;escaped&lt;/p&gt;</content></entry>`,
    ),
    items: [{ contentHtml: "<p>escaped</p>" }],
  },
  {
    name: "atom0.3: inline xhtml content (mode=xml)",
    doc: atom03(
      `<entry><title>X</title><id>x</id><content type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>inline <i>xml</i></p></div></content></entry>`,
    ),
    items: [{ contentHtml: "<p>inline <i>xml</i></p>" }],
  },
  {
    name: "atom0.3: base64 content",
    doc: atom03(
      `<entry><title>B</title><id>b</id><content type="text/html" mode="base64">${Buffer.from("<p>decoded é</p>").toString("base64")}</content></entry>`,
    ),
    items: [{ contentHtml: "<p>decoded é</p>" }],
  },
  {
    name: "atom0.3: text/plain content default",
    doc: atom03(`<entry><title>P</title><id>p</id><content>just text</content></entry>`),
    items: [{ contentText: "just text" }],
  },
  {
    name: "atom0.3: author with url and email",
    doc: atom03(
      `<entry><title>A</title><id>a</id><author><name>Old Timer</name><url>https://old.example.org/me</url><email>old@example.org</email></author></entry>`,
    ),
    items: [
      { authors: [{ name: "Old Timer", url: "https://old.example.org/me", email: "old@example.org" }] },
    ],
  },
  {
    name: "atom0.3: tagline is the description",
    doc: atom03(`<entry><title>T</title><id>t</id></entry>`, "<tagline>Since 2003</tagline>"),
    feed: { description: "Since 2003" },
    items: [{ title: "T" }],
  },
  {
    name: "atom0.3: escaped title mode",
    doc: atom03(
      `<entry><title mode="escaped" type="text/html">Tom &amp;amp; &lt;b&gt;Jerry&lt;/b&gt;</title><id>t</id></entry>`,
    ),
    items: [{ title: "Tom & Jerry" }],
  },
  {
    name: "atom0.3: summary and dc:subject",
    doc: atom03(
      `<entry><title>S</title><id>s</id><summary>short</summary><dc:subject>History</dc:subject></entry>`,
    ),
    items: [{ summary: "short", categories: ["History"] }],
  },
  {
    name: "atom0.3: base64 content of a non-text media type is not the body",
    doc: atom03(
      `<entry><title>B</title><id>b</id><summary>Photo</summary><content type="image/png" mode="base64">${Buffer.from("<p>not html</p>").toString("base64")}</content></entry>`,
    ),
    items: [{ summary: "Photo" }],
    missing: { 0: ["contentHtml", "contentText"] },
    absent: ["not html"],
  },
];
