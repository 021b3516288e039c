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

describe("Retry-After on a further page", () => {
  const list = (next: string) =>
    `<ul><li><a href="/d1">Notice one</a></li><li><a href="/d2">Notice two</a></li></ul><a class="next" href="${next}">next</a>`;

  it("on list page 2: is returned to be stored, and no detail page is asked for in this run", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/list") return page(res, list("/list2"));
      if (req.url === "/list2") return void res.writeHead(429, { "retry-after": "3600" }).end();
      page(res, `<div id="c">text</div>`);
    });
    const started = Date.now();
    const result = await readHtmlSource(
      htmlSource(server.url("/list"), { list: { item: "li", title: "a", next: "a.next", maxPages: 3 } }),
      sourceContext({ fetcher: fetcher({ retries: 0 }), etag: '"v1"' }),
    );
    expect(paths(server.requests)).toEqual(["/list", "/list2"]);
    expect(result.retryAfter?.getTime()).toBeGreaterThanOrEqual(started + 3599_000);
    expect(result.retryAfter?.getTime()).toBeLessThanOrEqual(Date.now() + 3600_000);
    // The entries wait for their detail pages until after that time; the list is read again then.
    expect(result.feed.items).toEqual([]);
    expect(result.etag).toBeNull();
    const warnings = result.feed.warnings.join("\n");
    expect(warnings).toMatch(/list page 2 .* failed, kept the first 1: rate limited \(429/);
    expect(warnings).toMatch(/list page 2 rate-limited: 2 new items deferred until .* \(Retry-After\)/);
  });

  it("on a detail page: detail requests already waiting for the host's slot are not sent", async () => {
    const links = [1, 2, 3, 4, 5, 6].map((n) => `<li><a href="/x${n}">N${n}</a></li>`).join("");
    const server = await serve((req, res) => {
      if (req.url === "/list") return page(res, `<ul>${links}</ul>`);
      setTimeout(() => res.writeHead(429, { "retry-after": "3600" }).end(), 100);
    });
    // One request at a time to the host: three detail requests queue behind the first.
    const result = await readHtmlSource(
      htmlSource(server.url("/list"), { list: { item: "li", title: "a", maxPages: 1 } }),
      sourceContext({ fetcher: fetcher({ retries: 0, perHost: 1 }) }),
    );
    expect(paths(server.requests)).toEqual(["/list", "/x1"]);
    expect(result.feed.items).toEqual([]);
    expect(result.retryAfter).toBeInstanceOf(Date);
    expect(result.feed.warnings).toEqual([
      expect.stringMatching(/^detail pages rate-limited: 6 new items deferred until /),
    ]);
  });

  it("on list page 2 of a source without detail pages: is returned, and page 1's entries are kept", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/list") return page(res, list("/list2"));
      res.writeHead(503, { "retry-after": "120" }).end();
    });
    const result = await readHtmlSource(
      htmlSource(server.url("/list"), { detail: undefined }),
      sourceContext({ fetcher: fetcher({ retries: 0 }) }),
    );
    expect(result.feed.items.map((item) => item.title)).toEqual(["Notice one", "Notice two"]);
    expect(result.retryAfter).toBeInstanceOf(Date);
    expect(result.etag).toBeNull();
  });
});

describe("credentials in the source URL", () => {
  it("are sent to the list, next and detail pages on its origin, and appear in no link", async () => {
    const expected = `Basic ${Buffer.from("reader:s3cret").toString("base64")}`;
    const other = await serve((_req, res) => page(res, `<div id="c">elsewhere</div>`));
    const server = await serve((req, res) => {
      if (req.headers.authorization !== expected) return void res.writeHead(401).end();
      if (req.url === "/list") {
        return page(
          res,
          `<ul><li><a href="/d1">One</a></li><li><a href="${other.url("/d2")}">Two</a></li></ul><a class="next" href="/list2">next</a>`,
        );
      }
      if (req.url === "/list2") return page(res, `<ul><li><a href="d3">Three</a></li></ul>`);
      page(res, `<div id="c">text of ${req.url}</div>`);
    });
    const url = server.url("/list").replace("http://", "http://reader:s3cret@");
    const result = await readHtmlSource(htmlSource(url), sourceContext({ fetcher: fetcher({ retries: 0 }) }));
    expect(result.feed.items.map((item) => [item.link, item.contentHtml])).toEqual([
      [server.url("/d1"), "text of /d1"],
      [other.url("/d2"), "elsewhere"],
      [server.url("/d3"), "text of /d3"],
    ]);
    expect(paths(server.requests)).toEqual(["/list", "/list2", "/d1", "/d3"]);
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
    expect(result.documentUrl).toBe(server.url("/list"));
    expect(JSON.stringify(result)).not.toContain("s3cret");
  });
});
