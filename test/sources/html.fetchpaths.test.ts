import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import type { HtmlSourceConfig } from "../../src/config/index.js";
import { readHtmlSource } from "../../src/sources/html/index.js";
import { fetcher, serve } from "../fetch/harness.js";
import { sourceContext } from "../fixtures/html/context.js";

// How an html source's further requests (list.next pages, detail pages) treat odd answers.

function htmlSource(url: string, overrides: Partial<HtmlSourceConfig> = {}): HtmlSourceConfig {
  return {
    type: "html",
    id: "notices",
    url,
    tags: [],
    enabled: true,
    transforms: [],
    list: { item: "li", title: "a", link: "a@href", next: "a.next", maxPages: 2 },
    detail: { content: "#c" },
    ...overrides,
  };
}

const page = (res: ServerResponse, html: string) =>
  void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);

const paths = (requests: { url: string }[]) => requests.map((request) => request.url);

describe("304 to a request without validators", () => {
  // RFC 9110 §15.4.5: 304 answers a conditional request. To a detail page or a next list page, which
  // crier asks for without validators, it is a broken server or cache, not an empty page.
  it("fails that detail page or list page (the list entry is kept, with a warning)", async () => {
    const server = await serve((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === "/list") {
        return page(
          res,
          `<ul><li><a href="/d1">Notice one</a></li><li><a href="/d2">Notice two</a></li></ul><a class="next" href="/list2">next</a>`,
        );
      }
      if (req.url === "/d2") return page(res, `<div id="c">two's text</div>`);
      res.writeHead(304).end();
    });
    const result = await readHtmlSource(
      htmlSource(server.url("/list")),
      sourceContext({ fetcher: fetcher({ retries: 0 }), etag: '"list-v1"' }),
    );
    expect(result.notModified).toBe(false);
    expect(result.feed.items.map((item) => [item.title, item.contentHtml])).toEqual([
      ["Notice one", undefined],
      ["Notice two", "two's text"],
    ]);
    const warnings = result.feed.warnings.join("\n");
    expect(warnings).toMatch(/list page 2 .*304 Not Modified to a request without If-None-Match/);
    expect(warnings).toMatch(/detail page .*\/d1 failed, kept the list entry: .*304 Not Modified/);
    expect(server.requests.find((r) => r.url === "/d1")?.headers["if-none-match"]).toBeUndefined();
  });
});
