import { describe, expect, it } from "vitest";
import { acceptFor } from "../../src/fetch/index.js";
import { baseSettings, fetchError, fetcher, serve } from "./harness.js";

describe("fetch: responses, validators, redirects", () => {
  it("returns body, headers and the URL of a 200, sending User-Agent, Accept and Accept-Encoding", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/rss+xml; charset=utf-8",
        etag: '"v1"',
        "last-modified": "Tue, 01 Oct 2024 10:00:00 GMT",
      });
      res.end("<rss/>");
    });
    const result = await fetcher().fetch({ url: server.url("/feed.xml") });
    expect(result.status).toBe(200);
    if (result.status !== 200) return;
    expect(result.body.toString()).toBe("<rss/>");
    expect(result.url).toBe(server.url("/feed.xml"));
    expect(result.contentType).toBe("application/rss+xml; charset=utf-8");
    expect(result.etag).toBe('"v1"');
    expect(result.lastModified).toBe("Tue, 01 Oct 2024 10:00:00 GMT");
    expect(result.headers.etag).toBe('"v1"');
    const sent = server.requests[0]!.headers;
    expect(sent["user-agent"]).toBe(baseSettings.userAgent);
    expect(sent.accept).toContain("application/rss+xml");
    expect(sent["accept-encoding"]).toBe("gzip, deflate, br");
    expect(sent["if-none-match"]).toBeUndefined();
  });

  it("sends the stored validators and maps 304, keeping them when the 304 omits them", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/with") res.writeHead(304, { etag: '"v2"' });
      else res.writeHead(304);
      res.end();
    });
    const client = fetcher();
    const validators = { etag: '"v1"', lastModified: "Tue, 01 Oct 2024 10:00:00 GMT" };
    const bare = await client.fetch({ url: server.url("/bare"), ...validators });
    expect(bare).toMatchObject({ status: 304, etag: '"v1"', lastModified: validators.lastModified });
    const renewed = await client.fetch({ url: server.url("/with"), ...validators });
    expect(renewed).toMatchObject({ status: 304, etag: '"v2"', lastModified: validators.lastModified });
    expect(server.requests[0]!.headers["if-none-match"]).toBe('"v1"');
    expect(server.requests[0]!.headers["if-modified-since"]).toBe(validators.lastModified);
  });

  it("follows a redirect chain, relative Location included, and reports the final URL", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/a") res.writeHead(301, { location: "/b" });
      else if (req.url === "/b") res.writeHead(302, { location: "c?x=1" });
      else if (req.url === "/c?x=1") res.writeHead(307, { location: `${server.origin}/final` });
      else res.writeHead(200, { "content-type": "text/plain" });
      res.end(req.url === "/final" ? "done" : "moved");
    });
    const result = await fetcher().fetch({ url: server.url("/a") });
    expect(result.url).toBe(server.url("/final"));
    expect(result.status === 200 && result.body.toString()).toBe("done");
    expect(server.requests.map((r) => r.url)).toEqual(["/a", "/b", "/c?x=1", "/final"]);
  });

  // IIS and many CJK sites send the Location path as raw UTF-8 bytes; curl and browsers follow it as UTF-8.
  it("follows a Location sent as raw UTF-8 bytes to the UTF-8 percent-encoded path", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/old") {
        // Node writes header strings as Latin-1: one character per byte puts the UTF-8 bytes on the wire.
        res.writeHead(301, { location: Buffer.from("/通知/feed.xml?t=é").toString("latin1") });
        return void res.end();
      }
      res.writeHead(req.url === "/%E9%80%9A%E7%9F%A5/feed.xml?t=%C3%A9" ? 200 : 404).end(req.url);
    });
    const result = await fetcher().fetch({ url: server.url("/old") });
    expect(server.requests.map((r) => r.url)).toEqual(["/old", "/%E9%80%9A%E7%9F%A5/feed.xml?t=%C3%A9"]);
    expect(result.url).toBe(server.url("/%E9%80%9A%E7%9F%A5/feed.xml?t=%C3%A9"));
  });

  it("refuses a redirect loop", async () => {
    const server = await serve((req, res) => {
      res.writeHead(302, { location: req.url === "/a" ? "/b" : "/a" });
      res.end();
    });
    const error = await fetchError(fetcher().fetch({ url: server.url("/a") }));
    expect(error.kind).toBe("redirect");
    expect(error.message).toMatch(/loop/);
    expect(server.requests.length).toBe(2);
  });

  it("stops after maxRedirects", async () => {
    const server = await serve((req, res) => {
      const n = Number(req.url?.slice(1));
      res.writeHead(302, { location: `/${n + 1}` });
      res.end();
    });
    const error = await fetchError(fetcher({ maxRedirects: 3 }).fetch({ url: server.url("/0") }));
    expect(error.kind).toBe("redirect");
    expect(error.message).toMatch(/more than 3 redirects/);
    expect(server.requests.length).toBe(4);
  });

  it.each(["ftp://127.0.0.1/feed.xml", "file:///etc/passwd", "javascript:alert(1)"])(
    "refuses a redirect to %s",
    async (target) => {
      const server = await serve((_req, res) => {
        res.writeHead(301, { location: target });
        res.end();
      });
      const error = await fetchError(fetcher().fetch({ url: server.url("/") }));
      expect(error.kind).toBe("redirect");
      expect(error.message).toMatch(/non-http/);
    },
  );

  it("rejects a non-http URL before any request", async () => {
    const client = fetcher();
    expect((await fetchError(client.fetch({ url: "file:///etc/passwd" }))).kind).toBe("invalid-url");
    expect((await fetchError(client.fetch({ url: "not a url" }))).kind).toBe("invalid-url");
  });

  it("uses the caller's Accept when given", async () => {
    const server = await serve((_req, res) => {
      res.end("ok");
    });
    await fetcher().fetch({ url: server.url("/"), accept: "text/html" });
    expect(server.requests[0]!.headers.accept).toBe("text/html");
  });

  it("refuses new requests once closed, without retrying", async () => {
    const server = await serve((_req, res) => {
      res.end("ok");
    });
    const client = fetcher({ retries: 3, backoffMs: 10_000 });
    expect((await client.fetch({ url: server.url("/") })).status).toBe(200);
    await client.close();
    const error = await fetchError(client.fetch({ url: server.url("/") }));
    expect(error.kind).toBe("aborted");
    expect(error.message).toMatch(/closed/);
    expect(server.requests.length).toBe(1);
  });

  it("acceptFor asks for HTML for html sources and feeds otherwise", () => {
    expect(acceptFor("html").startsWith("text/html")).toBe(true);
    expect(acceptFor("xml").startsWith("application/rss+xml")).toBe(true);
  });
});
