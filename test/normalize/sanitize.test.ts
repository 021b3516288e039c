import { readFileSync } from "node:fs";
import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { sanitizeHtml } from "../../src/normalize/index.js";

const vectors: string[] = JSON.parse(
  readFileSync(new URL("../fixtures/normalize/xss-vectors.json", import.meta.url), "utf8"),
);
const BASE = "https://example.org/news/2019/";

const FORBIDDEN_TAGS =
  /<\s*\/?\s*(script|style|iframe|object|embed|form|input|button|svg|math|meta|link|base|frame|frameset|applet|textarea|select|isindex|template|noscript|body)\b/i;

/** Every problem an attacker could exploit in sanitized output, found by parsing it like a browser. */
function dangers(html: string): string[] {
  const found: string[] = [];
  if (FORBIDDEN_TAGS.test(html)) found.push(`forbidden tag in ${html}`);
  const $ = cheerio.load(html, null, false);
  $("*").each((_, el) => {
    const element = el as unknown as { name: string; attribs: Record<string, string> };
    for (const [name, value] of Object.entries(element.attribs)) {
      if (/^on/i.test(name)) found.push(`event handler ${name}`);
      if (name === "style") found.push("style attribute");
      if (name === "srcdoc" || name === "formaction" || name === "action" || name === "background") {
        found.push(`attribute ${name}`);
      }
      if (["href", "src", "poster", "cite", "srcset"].includes(name)) {
        const url = value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        const dataImage =
          element.name === "img" && name === "src" && /^data:image\/(png|jpeg|gif|webp)/.test(url);
        if (!/^(https?:|mailto:)/.test(url) && !dataImage) found.push(`${name}=${value}`);
        if (/javascript:|vbscript:/.test(url)) found.push(`script URL ${value}`);
      }
    }
  });
  return found;
}

describe("sanitizeHtml against XSS vectors", () => {
  it("has a real vector list", () => {
    expect(vectors.length).toBeGreaterThan(60);
  });

  it.each(vectors.map((v) => [v]))("neutralizes %s", (vector) => {
    const out = sanitizeHtml(vector, BASE);
    expect(dangers(out)).toEqual([]);
    // No executable text survives as markup either way round.
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/javascript:/i);
  });

  it("the checker itself catches what it should (guards against a vacuous test)", () => {
    expect(dangers('<img src="x" onerror="a()">').length).toBeGreaterThan(0);
    expect(dangers('<a href="javascript:alert(1)">x</a>').length).toBeGreaterThan(0);
    expect(dangers('<div style="color:red">x</div>').length).toBeGreaterThan(0);
    expect(dangers("<svg></svg>").length).toBeGreaterThan(0);
  });
});

describe("sanitizeHtml output holds no XML-illegal characters", () => {
  // The decoded page is cleaned, but character references decode into such characters in the parser.
  it.each([
    [
      "the common path",
      '<p>a&#11;b&#1;c&#xFFFE;d&#x9F;e&#xFFFF;f</p><img alt="x&#8;y" src="https://e.org/i.png">',
    ],
    // <font> is not allowed, so sanitize-html handles the document.
    [
      "the sanitize-html path",
      '<font><p>a&#11;b&#1;c&#xFFFE;d&#x9F;e&#xFFFF;f</p></font><img alt="x&#8;y" src="https://e.org/i.png">',
    ],
  ])("%s", (_name, input) => {
    const output = sanitizeHtml(input, BASE);
    expect(output).toBe('<p>abcd\u0178ef</p><img alt="xy" src="https://e.org/i.png" />');
    expect(output).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  });
});

describe("sanitizeHtml keeps and repairs content", () => {
  const cases: [name: string, input: string, expected: string][] = [
    [
      "paragraphs and inline",
      "<p>a <em>b</em> <strong>c</strong> <b>d</b> <i>e</i> <u>f</u> <s>g</s></p>",
      "<p>a <em>b</em> <strong>c</strong> <b>d</b> <i>e</i> <u>f</u> <s>g</s></p>",
    ],
    ["headings and rules", "<h1>T</h1><h6>t</h6><hr>", "<h1>T</h1><h6>t</h6><hr />"],
    [
      "lists",
      '<ul><li>a</li></ul><ol start="3"><li>b</li></ol><dl><dt>k</dt><dd>v</dd></dl>',
      '<ul><li>a</li></ul><ol start="3"><li>b</li></ol><dl><dt>k</dt><dd>v</dd></dl>',
    ],
    [
      "code",
      '<pre><code class="language-js evil">x &lt; 1</code></pre>',
      '<pre><code class="language-js">x &lt; 1</code></pre>',
    ],
    [
      "table",
      '<table><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">c</td></tr></tbody></table>',
      '<table><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">c</td></tr></tbody></table>',
    ],
    [
      "sub/sup/blockquote",
      "<blockquote>q<sub>1</sub><sup>2</sup></blockquote>",
      "<blockquote>q<sub>1</sub><sup>2</sup></blockquote>",
    ],
    [
      "relative link made absolute with rel",
      '<a href="../a.html?x=1&amp;y=2" target="_blank">a</a>',
      '<a href="https://example.org/news/a.html?x=1&amp;y=2" rel="noopener noreferrer">a</a>',
    ],
    [
      "protocol-relative link",
      '<a href="//cdn.example.com/x">a</a>',
      '<a href="https://cdn.example.com/x" rel="noopener noreferrer">a</a>',
    ],
    [
      "author rel replaced",
      '<a href="https://x.example/" rel="opener">a</a>',
      '<a href="https://x.example/" rel="noopener noreferrer">a</a>',
    ],
    [
      "mailto kept",
      '<a href="mailto:a@b.example">m</a>',
      '<a href="mailto:a@b.example" rel="noopener noreferrer">m</a>',
    ],
    ["mailto with an injected quote dropped", "<a href='mailto:a@b.example\"onclick=x'>m</a>", "<a>m</a>"],
    [
      "figure with relative image",
      '<figure><img src="img/a.png" alt="A"><figcaption>cap</figcaption></figure>',
      '<figure><img src="https://example.org/news/2019/img/a.png" alt="A" /><figcaption>cap</figcaption></figure>',
    ],
    [
      "picture/srcset",
      '<picture><source srcset="a.webp 1x, b.webp 2x" type="image/webp"><img src="a.png"></picture>',
      '<picture><source srcset="https://example.org/news/2019/a.webp 1x, https://example.org/news/2019/b.webp 2x" type="image/webp" /><img src="https://example.org/news/2019/a.png" /></picture>',
    ],
    [
      "srcset mixing width and bare candidates keeps the width ones",
      '<img src="a.png" srcset="a.png 100w, b.png, c.png 200w">',
      '<img src="https://example.org/news/2019/a.png" srcset="https://example.org/news/2019/a.png 100w, https://example.org/news/2019/c.png 200w" sizes="100vw" />',
    ],
    [
      "srcset with two 1x candidates (a bare URL is 1x) keeps the first",
      '<img src="a.png" srcset="a.png, c.png 1x, d.png 2x, e.png 2x">',
      '<img src="https://example.org/news/2019/a.png" srcset="https://example.org/news/2019/a.png, https://example.org/news/2019/d.png 2x" />',
    ],
    [
      "video and audio",
      '<video src="v.mp4" controls poster="p.jpg" autoplay></video><audio src="/a.mp3" controls></audio>',
      '<video src="https://example.org/news/2019/v.mp4" controls poster="https://example.org/news/2019/p.jpg"></video><audio src="https://example.org/a.mp3" controls></audio>',
    ],
    [
      "data: png image kept",
      '<img src="data:image/png;base64,iVBORw0KGgo=">',
      '<img src="data:image/png;base64,iVBORw0KGgo=" />',
    ],
    [
      "tracking pixel by size",
      '<p>t<img src="https://x.example/p.gif" width="1" height="1"></p>',
      "<p>t</p>",
    ],
    ["tracking pixel by host", '<p>t<img src="https://feeds.feedburner.com/~r/x/~4/abc"></p>', "<p>t</p>"],
    ["zero-size pixel", '<img src="https://x.example/p.gif" width="0">', ""],
    ["empty wrappers removed", "<div><p> </p><span>\n</span></div><p>keep</p>", "<p>keep</p>"],
    [
      "wrapper holding only a pixel removed",
      '<p><img src="https://pixel.wp.com/g.gif"></p><p>x</p>',
      "<p>x</p>",
    ],
    [
      "wrapper holding an image kept",
      '<div><p><img src="/a.png"></p></div>',
      '<div><p><img src="https://example.org/a.png" /></p></div>',
    ],
    [
      "unknown tags unwrapped, text kept",
      "<custom-el>hello <font color=red>world</font></custom-el>",
      "hello world",
    ],
    [
      "entities stay escaped",
      "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 中文</p>",
      "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 中文</p>",
    ],
  ];

  it.each(cases)("%s", (_name, input, expected) => {
    expect(sanitizeHtml(input, BASE)).toBe(expected);
  });

  it("drops relative URLs that cannot be resolved without a base", () => {
    expect(
      sanitizeHtml('<a href="/x">a</a><img src="b.png"><img src="https://ok.example/c.png">', null),
    ).toBe('<a>a</a><img src="https://ok.example/c.png" />');
  });
});

describe("sanitizeHtml writes attributes with a microsyntax validly, or drops them", () => {
  // html-validate's attribute-allowed-values; what a browser reads of each value is kept.
  const cases: [name: string, input: string, expected: string][] = [
    [
      "image size: percentage and words dropped, pixels read as an integer",
      '<img src="https://x.example/a.png" width="100%" height="abc"><img src="https://x.example/b.png" width=" 120px" height="80.5">',
      '<img src="https://x.example/a.png" /><img src="https://x.example/b.png" width="120" height="80" />',
    ],
    [
      "tracking pixel still found by a 1px width",
      '<p>t<img src="https://x.example/p.gif" width="1px"></p>',
      "<p>t</p>",
    ],
    [
      "table cells",
      '<table><tbody><tr><th scope="bogus" colspan="0">a</th><th scope="COL" rowspan="x">b</th><td colspan="2;" rowspan="0">c</td><td colspan="1001">d</td></tr></tbody></table>',
      '<table><tbody><tr><th>a</th><th scope="col">b</th><td colspan="2" rowspan="0">c</td><td>d</td></tr></tbody></table>',
    ],
    [
      "column spans",
      '<table><colgroup span="-1"><col span="2"></colgroup><tbody><tr><td>x</td></tr></tbody></table>',
      '<table><colgroup><col span="2" /></colgroup><tbody><tr><td>x</td></tr></tbody></table>',
    ],
    [
      "list numbering",
      '<ol start="x" type="disc"><li value="-3">a</li></ol><ol start=" +4" type="i"><li value="b">b</li></ol>',
      '<ol><li value="-3">a</li></ol><ol start="4" type="i"><li>b</li></ol>',
    ],
    [
      "media keywords",
      '<video src="https://x.example/v.mp4" preload="Auto" width="50%"><track src="https://x.example/t.vtt" kind="sub"></video><audio src="https://x.example/a.mp3" preload="eager"></audio>',
      '<video src="https://x.example/v.mp4" preload="auto"><track src="https://x.example/t.vtt" /></video><audio src="https://x.example/a.mp3"></audio>',
    ],
  ];

  it.each(cases)("%s", (_name, input, expected) => {
    expect(sanitizeHtml(input, BASE)).toBe(expected);
  });
});

describe("sanitizeHtml keeps sizes exactly where a srcset of widths needs it", () => {
  // HTML: with a width descriptor in srcset, sizes must be present; without one, sizes may not be.
  it.each([
    [
      "widths without sizes get the browsers' default",
      '<img src="a.png" srcset="a.png 300w, b.png 600w">',
      '<img src="https://example.org/news/2019/a.png" srcset="https://example.org/news/2019/a.png 300w, https://example.org/news/2019/b.png 600w" sizes="100vw" />',
    ],
    [
      "widths keep their own sizes",
      '<picture><source srcset="a.webp 300w" sizes="50vw"><img src="a.png"></picture>',
      '<picture><source srcset="https://example.org/news/2019/a.webp 300w" sizes="50vw" /><img src="https://example.org/news/2019/a.png" /></picture>',
    ],
    [
      "densities take no sizes",
      '<img src="a.png" srcset="a.png 1x, b.png 2x" sizes="50vw">',
      '<img src="https://example.org/news/2019/a.png" srcset="https://example.org/news/2019/a.png 1x, https://example.org/news/2019/b.png 2x" />',
    ],
    [
      "nor does an image without srcset",
      '<img src="a.png" sizes="50vw">',
      '<img src="https://example.org/news/2019/a.png" />',
    ],
  ])("%s", (_name, input, expected) => {
    expect(sanitizeHtml(input, BASE)).toBe(expected);
  });
});
