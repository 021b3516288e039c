import { describe, expect, it } from "vitest";
import type { RawItem } from "../../src/model.js";
import { htmlNestingDepth, MAX_HTML_DEPTH, markupText } from "../../src/normalize/htmlDepth.js";
import { type NormalizeContext, normalizeItem } from "../../src/normalize/index.js";

function context(): NormalizeContext {
  return {
    source: { id: "news", title: "News", url: "https://example.org/" },
    documentUrl: "https://example.org/feed.xml",
    timezone: "UTC",
    now: new Date("2024-01-02T00:00:00.000Z"),
    transforms: [],
    language: null,
  };
}

// The audit's shape (60,000 × 3 levels in a feed item took 22 s to normalize); this size took seconds
// before the depth check.
const LEVELS = 20_000;
const deep = `${"<div><span><b>".repeat(LEVELS)}Deep &amp; dark<br>second line<script>var a = "<b>";</script>`;

describe("feed HTML nested deeper than any real body", () => {
  it("is published as its text, not parsed as markup", () => {
    const raw: RawItem = { guid: "dd1", title: "deep", link: "/n/1", contentHtml: deep, summary: deep };
    const article = normalizeItem(raw, context());
    expect(article.content).toBe("<p>Deep &amp; dark</p>\n<p>second line</p>");
    expect(article.summary).toBe("Deep & dark second line");
  });

  it("reads an HTML summary as its text too when the item has no body", () => {
    const raw: RawItem = { guid: "dd2", title: "", summary: deep, summaryFormat: "html" };
    const article = normalizeItem(raw, context());
    expect(article.content).toBe("<p>Deep &amp; dark</p>\n<p>second line</p>");
    expect(article.title).toBe("Deep & dark");
  });

  it("counts every level at the limit: one more tag than MAX_HTML_DEPTH is too deep", () => {
    // The fewest "<" that can be too deep: the cheap pre-count must not skip this body.
    const tooDeep = `${"<i>".repeat(MAX_HTML_DEPTH + 1)}x`;
    const atLimit = `${"<i>".repeat(MAX_HTML_DEPTH)}x`;
    expect(normalizeItem({ guid: "d1", title: "t", contentHtml: tooDeep }, context()).content).toBe(
      "<p>x</p>",
    );
    expect(normalizeItem({ guid: "d2", title: "t", contentHtml: atLimit }, context()).content).toMatch(
      /^(?:<i>){1000}x/,
    );
  });

  it("leaves bodies within the limit to the sanitizer", () => {
    const nested = `${"<div>".repeat(MAX_HTML_DEPTH - 1)}<b>bold</b>`;
    const article = normalizeItem({ guid: "ok", title: "t", contentHtml: nested }, context());
    expect(article.content).toContain("<b>bold</b>");
  });
});

describe("the depth scan and the text of deep markup", () => {
  it("stops at an unterminated tag in linear time (the rest of the text is one tag)", () => {
    const start = performance.now();
    expect(htmlNestingDepth(`<div><div>${"<a x".repeat(80_000)}`)).toBe(2);
    expect(markupText(`a<b>c</b> 1 < 2${"<a x".repeat(80_000)}`)).toBe("ac 1 < 2");
    // Quadratic, this took 12 s; linear, a few ms.
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it("drops comments, script text and tags, decodes entities and breaks lines at blocks", () => {
    expect(
      markupText("<p>One&nbsp;&lt;two&gt;</p><!-- <p>no</p> --><style>p{}</style><li>three\n  four<?x?>"),
    ).toBe("One\u00a0<two>\nthree four");
  });
});
