import { describe, expect, it } from "vitest";
import { renderArticlePage, renderIndexHtml } from "../../src/render/pages/index.js";
import { article, articles, meta, page } from "../fixtures/pages/site.js";
import { htmlProblems as problems } from "../helpers/htmlValidate.js";

describe("html-validate (recommended)", () => {
  it.each([
    ["index.html", () => renderIndexHtml(meta(), articles, page())],
    [
      "empty index.html",
      () => renderIndexHtml(meta(), [], page({ sources: [], outputs: [], changedAt: null })),
    ],
    [
      "police/index.html",
      () =>
        renderIndexHtml(meta({ baseUrl: "https://example.org/police/", language: "en" }), articles, page()),
    ],
    ["articles/x.html", () => renderArticlePage(meta(), articles[1]!, page())],
    [
      "articles/rich.html",
      () =>
        renderArticlePage(
          meta(),
          article({
            id: "rich",
            title: "Rich",
            content:
              '<h1>Own title</h1><h2>Heading</h2><p>Text <a href="https://example.org/">link</a></p><ul><li>one</li></ul><blockquote><p>quote</p></blockquote><pre>code</pre><table><tbody><tr><td>1</td></tr></tbody></table>',
            authors: [{ name: "A" }, { name: "B" }],
            categories: ["x"],
            enclosures: [{ url: "https://example.org/a.mp3", type: "audio/mpeg" }],
          }),
          page(),
        ),
    ],
    [
      // What the bundled example and real notices bring: an ~80-character derived CJK title, sanitize-html's
      // self-closed <br /> and <img />, and an item with neither title nor summary.
      "articles/long.html",
      () =>
        renderArticlePage(
          meta(),
          article({
            id: "long",
            title:
              "5月30日下午,在收聽收看全省安全穩定工作視頻會議之後,市委常委、政法委書記王偉,市政府副市長、公安局長李紅念立即組織市維穩辦、國安局…",
            content: '<p>一<br />二<br />三</p><p><img src="https://example.org/a.png" alt="a" /></p>',
          }),
          page(),
        ),
    ],
    [
      "articles/untitled.html",
      () => renderArticlePage(meta(), article({ id: "u", title: "", summary: "" }), page()),
    ],
    [
      // Images from sources mostly come without alternative text (WCAG H37).
      "articles/images.html",
      () =>
        renderArticlePage(
          meta(),
          article({
            id: "img",
            title: "Images",
            content:
              '<p><img src="https://example.org/a.png" /> <img src="https://example.org/b.png" width="10" /></p>',
          }),
          page(),
        ),
    ],
    [
      "index.html with untitled items",
      () =>
        renderIndexHtml(
          meta(),
          [
            article({ id: "u1", title: "", summary: "" }),
            article({ id: "u2", title: "", summary: "Only a summary" }),
          ],
          page(),
        ),
    ],
  ])("%s has zero errors", async (name, render) => {
    expect(await problems(render(), name)).toEqual([]);
  });
});

describe("page <title> with characters that are escaped", () => {
  const titleText = (markup: string) => /<title>(.*)<\/title>/.exec(markup)?.[1];
  // html-validate's long-title counts the title's source text, where "&amp;" is 5 characters.
  const long = `The Mayor's office: "Q&A" on road closures & detours <this> weekend & more & more`;

  it("keeps the escaped title within 70 characters and valid", async () => {
    const markup = renderArticlePage(meta({ language: "en" }), article({ id: "t", title: long }), page());
    const title = titleText(markup)!;
    expect(title).toBe(`The Mayor's office: "Q&amp;A" on road closures &amp; detours &lt;this…`);
    expect(title.length).toBe(70);
    expect(await problems(markup, "articles/t.html")).toEqual([]);
  });

  it("index.html with site title 'A & B' keeps it whole", async () => {
    const markup = renderIndexHtml(meta({ title: `A & B's "news"`, language: "en" }), articles, page());
    expect(titleText(markup)).toBe(`A &amp; B's "news"`);
    expect(await problems(markup, "index.html")).toEqual([]);
  });

  it("a title of ampersands is cut by its escaped length", async () => {
    const markup = renderIndexHtml(meta({ title: "&".repeat(40), language: "en" }), articles, page());
    expect(titleText(markup)).toBe(`${"&amp;".repeat(13)}…`);
    expect(await problems(markup, "index.html")).toEqual([]);
  });
});
