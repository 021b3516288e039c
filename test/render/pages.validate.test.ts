import { HtmlValidate } from "html-validate";
import { describe, expect, it } from "vitest";
import { renderArticlePage, renderIndexHtml } from "../../src/render/pages/index.js";
import { article, articles, meta, page } from "../fixtures/pages/site.js";

// html-validate's recommended rules, with one setting changed (not disabled): the brief asks for the
// lowercase `<!doctype html>`, which the standard allows; the default style rule wants uppercase.
const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: { "doctype-style": ["error", { style: "lowercase" }] },
});

async function problems(markup: string, name: string): Promise<string[]> {
  const report = await validator.validateString(markup, name);
  return report.results.flatMap((result) =>
    result.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId} ${m.message}`),
  );
}

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
  ])("%s has zero errors", async (name, render) => {
    expect(await problems(render(), name)).toEqual([]);
  });
});
