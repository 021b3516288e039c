import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../bench/lib/prng.mjs";
import { deriveTitle, htmlToText, summarize } from "../../src/normalize/index.js";
import { htmlToTextPrefix, LEAD_TEXT_LENGTH } from "../../src/normalize/text.js";

// htmlToTextPrefix stops tokenizing once it has enough text: summaries and titles made from its answer
// must be exactly those made from the whole text, whatever the markup around the chunk boundaries.

const PIECES = [
  "公告",
  "关于开展",
  "。",
  "！",
  "“五个",
  "”",
  "，",
  " ",
  "  ",
  "\n",
  "\r\n",
  "Council notice",
  "word.",
  "Done! ",
  "&amp;",
  "&lt;b&gt;",
  "&#20013;",
  "&#x1F600;",
  "&nbsp;",
  "😀",
  "👩‍👩‍👧",
  "e\u0301",
  "\u3000",
  "<p>",
  "</p>",
  "<br>",
  "<br/>",
  "<div><div>",
  "</div></div>",
  "<pre>a\n  b</pre>",
  "<pre>\r\n x\r\n</pre>",
  "<td>",
  "<li>",
  "<strong>",
  "</strong>",
  '<a href="http://example.org/x?a=1&amp;b=2">',
  "</a>",
  '<img src="http://example.org/i.png" alt="x">',
  "<script>ignored()</script>",
  "<h1>",
  "</h1>",
  // Markup-heavy pieces: a chunk of them holds little text, so the cut lands near the needed length.
  '<span class="a-long-class-name another-class" title="a long title that is not text">',
  "</span>",
  '<a href="http://example.org/a/long/path/to/some/notice/page.html?utm_source=feed&amp;x=1">',
  "<!-- a comment that is not text either, however long it is -->",
];

function randomHtml(random: () => number, length: number): string {
  let html = "";
  while (html.length < length) html += PIECES[Math.floor(random() * PIECES.length)];
  return html;
}

describe("htmlToTextPrefix", () => {
  it("gives the whole text for short bodies", () => {
    expect(htmlToTextPrefix("<p>a</p><p>b &amp; c</p>", 400)).toBe("a\nb & c");
    expect(htmlToTextPrefix("", 400)).toBe("");
  });

  it("stops early on a long body, with a prefix of the full text", () => {
    const html = `<p>${"公告内容。".repeat(100)}</p>`.repeat(20);
    const prefix = htmlToTextPrefix(html, 400);
    const full = htmlToText(html);
    expect(prefix.length).toBeGreaterThanOrEqual(400);
    expect(prefix.length).toBeLessThan(full.length);
    expect(full.startsWith(prefix)).toBe(true);
  });

  it("reads on past markup-only chunks until it has enough text", () => {
    const html = `${'<span class="x"></span>'.repeat(200)}<p>${"tail text ".repeat(60)}</p>`;
    const prefix = htmlToTextPrefix(html, 400);
    expect(prefix.length).toBeGreaterThanOrEqual(400);
    expect(htmlToText(html).startsWith(prefix)).toBe(true);
  });

  it("reads past a first chunk that is mostly markup", () => {
    // ~1 KB of markup holding ~250 characters of text, then more text: too little to stop at once.
    const filler = '<span class="a-long-class-name" title="not text">ab </span>'.repeat(17);
    const html = `<p>${filler}</p><p>${"Later words here. ".repeat(60)}</p>`;
    const full = htmlToText(html);
    const prefix = htmlToTextPrefix(html, LEAD_TEXT_LENGTH);
    expect(summarize(prefix)).toBe(summarize(full));
    expect(summarize(prefix).endsWith("…")).toBe(true);
  });

  it("LEAD_TEXT_LENGTH covers what summarize and deriveTitle read, clusters across the cut included", () => {
    const clusters = ["👩‍👩‍👧", "e\u0301\u0302", "🇨🇳", "\r\n"];
    for (const cluster of clusters) {
      for (const at of [70, 75, 79, 80, 290, 295, 298, 299, 300]) {
        for (const filler of ["公", "a", "a "]) {
          const text = `${filler.repeat(400).slice(0, at)}${cluster}${filler.repeat(600)}`;
          const lead = text.slice(0, LEAD_TEXT_LENGTH);
          expect(summarize(lead)).toBe(summarize(text));
          expect(deriveTitle(lead)).toBe(deriveTitle(text));
        }
      }
    }
  });

  it("yields the same summary and derived title as the full text (random markup)", () => {
    const random = mulberry32(20261125);
    for (let i = 0; i < 600; i++) {
      const html = randomHtml(random, 200 + Math.floor(random() * 6000));
      const full = htmlToText(html);
      const prefix = htmlToTextPrefix(html, LEAD_TEXT_LENGTH);
      expect(full.startsWith(prefix), html).toBe(true);
      expect(summarize(prefix), html).toBe(summarize(full));
      expect(deriveTitle(prefix), html).toBe(deriveTitle(full));
    }
  });
});
