import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { htmlSourceSchema } from "../../src/config/schema.js";
import { readHtmlSource } from "../../src/sources/html/index.js";
import { htmlNestingDepth, loadHtml, MAX_HTML_DEPTH } from "../../src/sources/html/loadHtml.js";
import { sourceContext } from "../fixtures/html/context.js";

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
    // HTML ignores the slash on a non-void element: parse5 nests "<div/><div/>".
    ["<div/>".repeat(40), 40],
    ["<span/><br/><img src=x />", 1],
    // In svg and math the slash closes the element, and "<svg/>" closes itself.
    [`<svg>${'<path d="M0 0"/>'.repeat(500)}</svg><math><mi/><mo/></math><svg/>`, 1],
    // An HTML tag inside svg leaves foreign content: its slash is ignored again.
    [`<svg><g/>${"<div/>".repeat(30)}`, 31],
    // svg's <title/> is closed, not raw text that would hide the rest of the page from the scan.
    [`<svg><title/></svg>${"<div>".repeat(20)}`, 20],
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

describe("self-closed tags in a list page", () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  async function readList(body: string) {
    dir = await mkdtemp(path.join(tmpdir(), "crier-html-depth-"));
    await writeFile(
      path.join(dir, "list.html"),
      `<!doctype html><html><body><ul class="list"><li><a href="d1.html">one</a></li></ul>${body}</body></html>`,
    );
    const source = htmlSourceSchema.parse({
      id: "deep",
      type: "html",
      url: "list.html",
      list: { item: "ul.list li", title: "a" },
    });
    return readHtmlSource(source, sourceContext({ configDir: dir }));
  }

  it("counts <div/> as an open div: 2000 of them fail the source with the depth message", async () => {
    await expect(readList("<div/>".repeat(2000))).rejects.toThrow(
      `list page is nested deeper than ${MAX_HTML_DEPTH} elements`,
    );
  });

  it("reads a page with thousands of self-closed svg paths", async () => {
    const result = await readList(`<svg viewBox="0 0 10 10">${'<path d="M0 0h1"/>'.repeat(5000)}</svg>`);
    expect(result.feed.items.map((item) => item.title)).toEqual(["one"]);
  });
});
