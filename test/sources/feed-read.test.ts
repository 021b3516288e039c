import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import type { FeedSourceConfig } from "../../src/config/index.js";
import { createFetcher, type Fetcher } from "../../src/fetch/index.js";
import { FeedParseError, readFeedSource } from "../../src/sources/feed/index.js";
import type { SourceContext } from "../../src/sources/types.js";
import { type Handler, type LoopbackServer, startServer } from "../helpers/server.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function serve(handler: Handler): Promise<LoopbackServer> {
  const server = await startServer(handler);
  cleanups.push(() => server.close());
  return server;
}

function testFetcher(): Fetcher {
  const fetcher = createFetcher({
    timeoutMs: 2000,
    retries: 0,
    concurrency: 4,
    perHost: 2,
    maxBytes: 1024 * 1024,
    maxRedirects: 3,
    userAgent: "crier-test/1.0",
  });
  cleanups.unshift(() => fetcher.close());
  return fetcher;
}

function context(overrides: Partial<SourceContext> = {}): SourceContext {
  return {
    configDir: tmpdir(),
    fetcher: testFetcher(),
    now: new Date("2024-03-05T00:00:00Z"),
    etag: null,
    lastModified: null,
    isKnownUrl: () => false,
    signal: AbortSignal.timeout(10_000),
    log: () => {},
    ...overrides,
  };
}

const source = (url: string): FeedSourceConfig => ({
  type: "feed",
  id: "news",
  url,
  tags: [],
  enabled: true,
  transforms: [],
});

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loopback News</title><link>/</link>
<item><title>First &amp; foremost</title><link>/posts/1</link><guid>urn:1</guid><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>Second</title><link>posts/2</link><guid>urn:2</guid></item>
</channel></rss>`;

describe("readFeedSource over loopback HTTP", () => {
  it("returns items and validators, then sends If-None-Match and reports notModified on 304", async () => {
    const etag = '"v1-abc"';
    const lastModified = "Mon, 04 Mar 2024 10:00:00 GMT";
    const server = await serve((req, res) => {
      if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { "content-type": "application/rss+xml", etag, "last-modified": lastModified });
      res.end(RSS);
    });
    const url = server.url("/feed.xml");
    const first = await readFeedSource(source(url), context());
    expect(first.notModified).toBe(false);
    expect(first.etag).toBe(etag);
    expect(first.lastModified).toBe(lastModified);
    expect(first.documentUrl).toBe(url);
    expect(first.feed.title).toBe("Loopback News");
    expect(first.feed.items.map((item) => [item.title, item.link, item.baseUrl])).toEqual([
      ["First & foremost", "/posts/1", url],
      ["Second", "posts/2", url],
    ]);
    expect(server.requests[0]?.headers["if-none-match"]).toBeUndefined();

    const second = await readFeedSource(
      source(url),
      context({ etag: first.etag, lastModified: first.lastModified }),
    );
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers["if-none-match"]).toBe(etag);
    expect(second.notModified).toBe(true);
    expect(second.feed.items).toEqual([]);
    expect(second.etag).toBe(etag);
  });

  it("reads a gzip-encoded feed", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/atom+xml", "content-encoding": "gzip" });
      res.end(
        gzipSync(
          `<feed xmlns="http://www.w3.org/2005/Atom"><title>Zipped</title><entry><title>Compressed entry</title><id>z1</id><link href="https://example.org/z1"/></entry></feed>`,
        ),
      );
    });
    const result = await readFeedSource(source(server.url("/atom.xml")), context());
    expect(result.feed.title).toBe("Zipped");
    expect(result.feed.items).toEqual([
      {
        title: "Compressed entry",
        guid: "z1",
        link: "https://example.org/z1",
        baseUrl: server.url("/atom.xml"),
      },
    ]);
  });

  it("decodes a GBK feed declared with encoding=gbk (no charset in the header)", async () => {
    const xml = `<?xml version="1.0" encoding="gbk"?>
<rss version="2.0"><channel><title>公安局通知公告</title><item><title>关于春节期间烟花爆竹燃放管理的通告</title><link>/tzgg/1.html</link><pubDate>2024年2月1日</pubDate></item></channel></rss>`;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(iconv.encode(xml, "gbk"));
    });
    const result = await readFeedSource(source(server.url("/rss.xml")), context());
    expect(result.feed.title).toBe("公安局通知公告");
    expect(result.feed.items[0]).toMatchObject({
      title: "关于春节期间烟花爆竹燃放管理的通告",
      published: "2024年2月1日",
    });
  });

  it("decodes a Big5 feed named by the Content-Type charset", async () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>臺北市政府公告</title><item><title>颱風停班停課</title></item></channel></rss>`;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=big5" });
      res.end(iconv.encode(xml, "big5"));
    });
    const result = await readFeedSource(source(server.url("/big5.xml")), context());
    expect(result.feed.items[0]?.title).toBe("颱風停班停課");
  });

  it("reads a UTF-8 feed whose XML declaration says UTF-16 (.NET StringWriter)", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?>
<rss version="2.0"><channel><title>Café news</title><item><title>Große Überschrift — 新闻</title><link>https://n.example/1</link></item></channel></rss>`;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      res.end(Buffer.from(xml, "utf8"));
    });
    const result = await readFeedSource(source(server.url("/net.xml")), context());
    expect(result.feed.title).toBe("Café news");
    expect(result.feed.items[0]?.title).toBe("Große Überschrift — 新闻");
  });

  it("decodes a Big5 feed whose XML declaration follows a PHP notice", async () => {
    const xml = `<br />
<b>Notice</b>: Undefined variable<br />
<?xml version="1.0" encoding="big5"?><rss version="2.0"><channel><title>臺北市政府公告</title><item><title>颱風停班停課</title><link>https://g.example/1</link></item></channel></rss>`;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(iconv.encode(xml, "big5"));
    });
    const result = await readFeedSource(source(server.url("/junk-big5.xml")), context());
    expect(result.feed.title).toBe("臺北市政府公告");
    expect(result.feed.items[0]?.title).toBe("颱風停班停課");
    expect(result.feed.warnings).toContain(
      "repaired: removed text before the XML declaration or root element",
    );
  });

  it("uses the final URL after a redirect as the document URL", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/old") return void res.writeHead(301, { location: "/new/feed.xml" }).end();
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(RSS);
    });
    const result = await readFeedSource(source(server.url("/old")), context());
    expect(result.documentUrl).toBe(server.url("/new/feed.xml"));
    expect(result.feed.items[1]?.baseUrl).toBe(server.url("/new/feed.xml"));
  });

  it("reads a JSON Feed", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/feed+json" });
      res.end(
        JSON.stringify({
          version: "https://jsonfeed.org/version/1.1",
          title: "J",
          items: [{ id: "j1", title: "Json item" }],
        }),
      );
    });
    const result = await readFeedSource(source(server.url("/feed.json")), context());
    expect(result.feed.items).toEqual([{ guid: "j1", title: "Json item" }]);
  });

  it("rejects an HTML page with a FeedParseError naming the problem", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><html><head><title>Moved</title></head><body>Our feed moved</body></html>");
    });
    const reading = readFeedSource(source(server.url("/feed")), context());
    await expect(reading).rejects.toBeInstanceOf(FeedParseError);
    await expect(reading).rejects.toThrow(/HTML page/);
  });

  it("carries repair warnings in the result", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(
        `<rss version="2.0"><channel><title>Q&A</title><item><title>Salt & pepper</title></item></channel></rss>`,
      );
    });
    const result = await readFeedSource(source(server.url("/rss")), context());
    expect(result.feed.title).toBe("Q&A");
    expect(result.feed.items[0]?.title).toBe("Salt & pepper");
    expect(result.feed.warnings).toContain("repaired: escaped unescaped & characters");
  });
});

describe("readFeedSource from a local file", () => {
  it("reads a file under the config folder with its mtime as Last-Modified", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-feed-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(path.join(dir, "local.xml"), RSS);
    const result = await readFeedSource(source("local.xml"), context({ configDir: dir }));
    expect(result.documentUrl).toMatch(/^file:\/\/.*local\.xml$/);
    expect(result.lastModified).toMatch(/GMT$/);
    expect(result.feed.items.map((item) => item.title)).toEqual(["First & foremost", "Second"]);
  });
});
