import { describe, expect, it } from "vitest";
import { htmlNestingDepth, loadHtml, MAX_HTML_DEPTH } from "../../src/sources/html/loadHtml.js";

describe("HTML nesting limit before parsing", () => {
  it.each([
    ["<div><ul><li><a href=x>t</a></ul></div>", 3],
    // Tag soup of real notice pages: unclosed <p>/<li>/<td>, void and self-closed elements add nothing.
    [
      `<table>${"<tr><td>x<td>y".repeat(500)}</table><ul>${"<li>z".repeat(2000)}</ul><p>a<p>b<br><img src=x>`,
      1,
    ],
    // Script text is not markup, however many "<div>" it contains.
    [`<div><script>${"document.write('<div>');".repeat(5000)}</script></div>`, 1],
    [`${"<div>".repeat(50)}${"</div>".repeat(50)}`, 50],
  ])("measures %#", (html, depth) => {
    expect(htmlNestingDepth(html)).toBe(depth);
  });

  it("refuses a hostile page before the (quadratic) parse, and parses a normal one", () => {
    const hostile = "<div>".repeat(200_000);
    expect(() => loadHtml(hostile, "list page")).toThrow(
      new RegExp(`list page is nested deeper than ${MAX_HTML_DEPTH} elements`),
    );
    expect(loadHtml('<ul class="list"><li><a href="/n/1">通知</a></ul>')("ul.list a").text()).toBe("通知");
  });
});
