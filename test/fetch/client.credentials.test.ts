import { describe, expect, it } from "vitest";
import { fetchError, fetcher, serve } from "./harness.js";

// A source URL may carry user:password@ (README, Security model): sent as Basic credentials (RFC 7617) to
// that URL's origin only, and never part of a URL crier reports.

const basic = (userPass: string) => `Basic ${Buffer.from(userPass, "utf8").toString("base64")}`;
const withUserinfo = (url: string, userinfo: string) => url.replace("http://", `http://${userinfo}@`);

describe("fetch: credentials in the URL", () => {
  it("sends them as Basic authorization, percent-decoded as UTF-8, and reports the URL without them", async () => {
    const server = await serve((req, res) => {
      const ok = req.headers.authorization === basic("rë@der:p:ss/密码");
      res.writeHead(ok ? 200 : 401, { "www-authenticate": 'Basic realm="x"' }).end(ok ? "secret" : "");
    });
    const url = withUserinfo(server.url("/feed?x=1"), "r%C3%AB%40der:p%3Ass%2F%E5%AF%86%E7%A0%81");
    const result = await fetcher().fetch({ url });
    expect(result.status === 200 && result.body.toString()).toBe("secret");
    expect(result.url).toBe(server.url("/feed?x=1"));
    expect(server.requests[0]!.url).toBe("/feed?x=1");
  });

  it("sends a user name without a password as user:", async () => {
    const server = await serve((req, res) => void res.writeHead(200).end(req.headers.authorization));
    const result = await fetcher().fetch({ url: withUserinfo(server.url("/"), "token") });
    expect(result.status === 200 && result.body.toString()).toBe(basic("token:"));
  });

  it("keeps them on a redirect within the origin and drops them on one to another origin", async () => {
    const other = await serve((_req, res) => void res.writeHead(200).end("elsewhere"));
    const server = await serve((req, res) => {
      if (req.url === "/a") return void res.writeHead(302, { location: "/b" }).end();
      if (req.url === "/b") return void res.writeHead(301, { location: other.url("/c") }).end();
      res.writeHead(404).end();
    });
    const result = await fetcher().fetch({ url: withUserinfo(server.url("/a"), "user:s3cret") });
    expect(result.url).toBe(other.url("/c"));
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      basic("user:s3cret"),
      basic("user:s3cret"),
    ]);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("ignores credentials in a Location header", async () => {
    const other = await serve((_req, res) => void res.writeHead(200).end("elsewhere"));
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: withUserinfo(other.url("/c"), "planted:pw") }).end();
    });
    const result = await fetcher().fetch({ url: server.url("/a") });
    expect(result.url).toBe(other.url("/c"));
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("credentialsFrom lends a source URL's credentials to its origin only", async () => {
    const other = await serve((req, res) => void res.writeHead(200).end(req.headers.authorization ?? "none"));
    const server = await serve(
      (req, res) => void res.writeHead(200).end(req.headers.authorization ?? "none"),
    );
    const client = fetcher();
    const credentialsFrom = withUserinfo(server.url("/list"), "user:s3cret");
    const same = await client.fetch({ url: server.url("/detail/1"), credentialsFrom });
    const elsewhere = await client.fetch({ url: other.url("/detail/2"), credentialsFrom });
    expect(same.status === 200 && same.body.toString()).toBe(basic("user:s3cret"));
    expect(elsewhere.status === 200 && elsewhere.body.toString()).toBe("none");
  });

  it("leaves them out of error messages", async () => {
    const server = await serve((_req, res) => void res.writeHead(500).end());
    const url = withUserinfo(server.url("/feed"), "user:s3cret");
    const error = await fetchError(fetcher({ retries: 0 }).fetch({ url }));
    expect(error.message).toContain(server.url("/feed"));
    expect(`${error.message} ${error.url}`).not.toContain("s3cret");
    const invalid = await fetchError(fetcher().fetch({ url: "ftp://user:s3cret@example.org/x" }));
    expect(`${invalid.message} ${invalid.url}`).not.toContain("s3cret");
    const looping = await serve((_req, res) => void res.writeHead(302, { location: "/feed" }).end());
    const loop = await fetchError(
      fetcher().fetch({ url: withUserinfo(looping.url("/feed"), "user:s3cret") }),
    );
    expect(loop.kind).toBe("redirect");
    expect(`${loop.message} ${loop.url}`).not.toContain("s3cret");
  });
});
