import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { fetchError, fetcher, serve } from "./harness.js";

describe("fetch: status codes, retries and Retry-After", () => {
  it.each([404, 410])("maps %i to gone without retrying", async (status) => {
    const server = await serve((_req, res) => {
      res.writeHead(status);
      res.end("no");
    });
    const error = await fetchError(fetcher({ retries: 3 }).fetch({ url: server.url("/") }));
    expect(error.kind).toBe("gone");
    expect(error.status).toBe(status);
    expect(server.requests.length).toBe(1);
  });

  it("maps other 4xx to http without retrying", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(403);
      res.end();
    });
    const error = await fetchError(fetcher({ retries: 3 }).fetch({ url: server.url("/") }));
    expect(error).toMatchObject({ kind: "http", status: 403 });
    expect(server.requests.length).toBe(1);
  });

  it("does not retry a request undici refuses to send", async () => {
    const server = await serve((_req, res) => res.end("ok"));
    // A header value undici cannot carry (not Latin-1): refused before anything is sent.
    const bad = fetcher({ retries: 2, perHost: 1, userAgent: "crier (公安通知)" });
    const error = await fetchError(bad.fetch({ url: server.url("/") }));
    expect(error.kind).toBe("invalid-request");
    expect(error.message).toMatch(/refused before sending: UND_ERR_INVALID_ARG .*user-agent/);
    // Retried (as a network error), the refusals held the origin's only connection slot and the last
    // attempt timed out instead.
    expect(server.requests.length).toBe(0);
  });

  it("retries a 500 and returns the 200 that follows", async () => {
    const server = await serve((_req, res) => {
      const first = server.requests.length === 1;
      res.writeHead(first ? 500 : 200);
      res.end(first ? "oops" : "fine");
    });
    const result = await fetcher({ retries: 2 }).fetch({ url: server.url("/") });
    expect(result.status === 200 && result.body.toString()).toBe("fine");
    expect(server.requests.length).toBe(2);
  });

  it("gives up on a permanent 500 after exactly 1 + retries attempts", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    const error = await fetchError(fetcher({ retries: 3 }).fetch({ url: server.url("/") }));
    expect(error).toMatchObject({ kind: "http", status: 500 });
    expect(server.requests.length).toBe(4);
  });

  it("retries network errors (connection reset) too", async () => {
    const server = await serve((req, res) => {
      if (server.requests.length < 3) req.socket.destroy();
      else res.end("third time");
    });
    const result = await fetcher({ retries: 2 }).fetch({ url: server.url("/") });
    expect(result.status === 200 && result.body.toString()).toBe("third time");
    expect(server.requests.length).toBe(3);
  });

  it("reports a refused connection as a network error", async () => {
    // Grab a free port, then close it so nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await fetchError(fetcher({ retries: 1 }).fetch({ url: `http://127.0.0.1:${port}/` }));
    expect(error.kind).toBe("network");
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it("maps 429 with Retry-After seconds to rate-limited, without retrying", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(429, { "retry-after": "120" });
      res.end();
    });
    const before = Date.now();
    const error = await fetchError(fetcher({ retries: 3 }).fetch({ url: server.url("/") }));
    expect(error).toMatchObject({ kind: "rate-limited", status: 429 });
    const wait = error.retryAfter!.getTime() - before;
    expect(wait).toBeGreaterThanOrEqual(119_000);
    expect(wait).toBeLessThanOrEqual(125_000);
    expect(server.requests.length).toBe(1);
  });

  it("maps 429 with an HTTP-date Retry-After to that date", async () => {
    const until = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3600_000);
    const server = await serve((_req, res) => {
      res.writeHead(429, { "retry-after": until.toUTCString() });
      res.end();
    });
    const error = await fetchError(fetcher().fetch({ url: server.url("/") }));
    expect(error.kind).toBe("rate-limited");
    expect(error.retryAfter?.toISOString()).toBe(until.toISOString());
  });

  it("maps 503 with Retry-After to rate-limited without retrying, 503 without it to a retried error", async () => {
    const server = await serve((req, res) => {
      res.writeHead(503, req.url === "/ra" ? { "retry-after": "60" } : {});
      res.end();
    });
    const client = fetcher({ retries: 2 });
    const limited = await fetchError(client.fetch({ url: server.url("/ra") }));
    expect(limited).toMatchObject({ kind: "rate-limited", status: 503 });
    expect(server.requests.length).toBe(1);
    const failed = await fetchError(client.fetch({ url: server.url("/plain") }));
    expect(failed).toMatchObject({ kind: "http", status: 503 });
    expect(server.requests.length).toBe(4);
  });

  it("treats a 503 whose Retry-After cannot be read as an ordinary 503 (retried), a 429 as rate-limited", async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.url === "/429" ? 429 : 503, { "retry-after": "soon" });
      res.end();
    });
    const client = fetcher({ retries: 2 });
    const failed = await fetchError(client.fetch({ url: server.url("/503") }));
    expect(failed).toMatchObject({ kind: "http", status: 503 });
    expect(failed.retryAfter).toBeUndefined();
    expect(server.requests).toHaveLength(3);
    const limited = await fetchError(client.fetch({ url: server.url("/429") }));
    expect(limited).toMatchObject({ kind: "rate-limited", status: 429 });
    expect(server.requests).toHaveLength(4);
  });

  it.each([
    [429, "1"],
    [503, "2"],
  ])("waits out a short Retry-After (%i, %s s) as a retry when retries remain", async (status, seconds) => {
    const times: number[] = [];
    const server = await serve((_req, res) => {
      times.push(Date.now());
      if (times.length === 1) res.writeHead(status, { "retry-after": seconds }).end();
      else res.writeHead(200, { "content-type": "text/plain" }).end("back");
    });
    const result = await fetcher({ retries: 1 }).fetch({ url: server.url("/") });
    expect(result.status).toBe(200);
    expect(server.requests.length).toBe(2);
    const gap = times[1]! - times[0]!;
    expect(gap).toBeGreaterThanOrEqual(Number(seconds) * 1000 - 50);
    // Without retries left it is the stored rate limit, as for a long one.
    const none = await serve((_req, res) => res.writeHead(status, { "retry-after": seconds }).end());
    const error = await fetchError(fetcher({ retries: 0 }).fetch({ url: none.url("/") }));
    expect(error).toMatchObject({ kind: "rate-limited", status });
    expect(none.requests.length).toBe(1);
  });

  it("defaults a 429 without Retry-After to a few minutes", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(429);
      res.end();
    });
    const before = Date.now();
    const error = await fetchError(fetcher().fetch({ url: server.url("/") }));
    const wait = error.retryAfter!.getTime() - before;
    expect(wait).toBeGreaterThanOrEqual(60_000);
    expect(wait).toBeLessThanOrEqual(15 * 60_000);
  });

  it.each([String(10 * 365 * 86400), "9223372036854775807"])(
    "caps an absurd Retry-After (%s) at one day, without retrying",
    async (value) => {
      const server = await serve((_req, res) => {
        res.writeHead(429, { "retry-after": value });
        res.end();
      });
      const before = Date.now();
      const error = await fetchError(fetcher({ retries: 2 }).fetch({ url: server.url("/") }));
      expect(error.kind).toBe("rate-limited");
      const wait = error.retryAfter!.getTime() - before;
      expect(wait).toBeGreaterThanOrEqual(86_400_000 - 5000);
      expect(wait).toBeLessThanOrEqual(86_400_000 + 5000);
      expect(server.requests).toHaveLength(1);
    },
  );
});

describe("fetch: error messages", () => {
  it("name what happened and the URL, since callers often print only the message", async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.url === "/missing" ? 404 : 502);
      res.end();
    });
    const client = fetcher({ retries: 0 });
    const gone = await fetchError(client.fetch({ url: server.url("/missing") }));
    expect(gone.message).toBe(`gone: the server answered 404 Not Found (${server.url("/missing")})`);
    const bad = await fetchError(client.fetch({ url: server.url("/bad") }));
    expect(bad.message).toBe(`the server answered 502 Bad Gateway (${server.url("/bad")})`);
    const never = await serve(() => {});
    // undici's header/body timers tick every ~0.5 s; the whole-attempt cap is set far out so they fire first.
    const timeout = await fetchError(
      fetcher({ timeoutMs: 200, totalTimeoutMs: 20_000, retries: 0 }).fetch({ url: never.url("/") }),
    );
    expect(timeout.message).toMatch(
      /^timed out waiting for the response headers \(http:\/\/127\.0\.0\.1:\d+\/\)$/,
    );
  });
});
