import { describe, expect, it } from "vitest";
import type { Handler } from "../helpers/server.js";
import { fetcher, serve } from "./harness.js";

/** A handler that holds each request for `holdMs` and records the peak number in flight (shared gauge). */
function gauge() {
  const state = { inFlight: 0, peak: 0 };
  const handler =
    (holdMs: number): Handler =>
    (_req, res) => {
      state.inFlight++;
      state.peak = Math.max(state.peak, state.inFlight);
      setTimeout(() => {
        state.inFlight--;
        res.end("ok");
      }, holdMs);
    };
  return { state, handler };
}

describe("fetch: concurrency caps", () => {
  it("keeps at most perHost requests in flight to one host", async () => {
    const { state, handler } = gauge();
    const server = await serve(handler(80));
    const client = fetcher({ perHost: 2, concurrency: 10 });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => client.fetch({ url: server.url(`/${i}`) })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(server.requests.length).toBe(8);
    expect(state.peak).toBe(2);
  });

  it("opens no more connections to a host than perHost, however quickly answers come back", async () => {
    // Without a per-origin connection cap, undici opens a new socket whenever the next request starts
    // before the last one's socket is idle again, which is every time answers are quick.
    const sockets = new Set<unknown>();
    const server = await serve((req, res) => {
      sockets.add(req.socket);
      res.statusCode = 304;
      res.end();
    });
    const client = fetcher({ perHost: 2, concurrency: 10 });
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => client.fetch({ url: server.url(`/${i}`), etag: '"e"' })),
    );
    expect(results.every((r) => r.status === 304)).toBe(true);
    expect(server.requests.length).toBe(60);
    expect(sockets.size).toBeLessThanOrEqual(2);
  });

  it("keeps at most `concurrency` requests in flight across hosts", async () => {
    const { state, handler } = gauge();
    const servers = await Promise.all([serve(handler(80)), serve(handler(80)), serve(handler(80))]);
    const client = fetcher({ perHost: 5, concurrency: 2 });
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) => client.fetch({ url: servers[i % 3]!.url(`/${i}`) })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(state.peak).toBe(2);
  });

  it("lets a queued request leave the queue when its signal aborts", async () => {
    const { handler } = gauge();
    const server = await serve(handler(300));
    const client = fetcher({ perHost: 1 });
    const first = client.fetch({ url: server.url("/first") });
    const controller = new AbortController();
    const queued = client.fetch({ url: server.url("/queued"), signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(queued).rejects.toMatchObject({ kind: "aborted" });
    expect((await first).status).toBe(200);
    expect(server.requests.map((r) => r.url)).toEqual(["/first"]);
  });
});

describe("fetch: queueing and the per-attempt deadline", () => {
  it("does not count time spent waiting for a slot against the attempt's deadline", async () => {
    const { handler } = gauge();
    const server = await serve(handler(250));
    // Four requests through one slot: the last one waits ~750 ms, longer than its 700 ms budget.
    const client = fetcher({ perHost: 1, timeoutMs: 700, totalTimeoutMs: 700, retries: 0 });
    const results = await Promise.all([0, 1, 2, 3].map((i) => client.fetch({ url: server.url(`/${i}`) })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(server.requests.length).toBe(4);
  });
});
