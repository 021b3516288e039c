import { getEventListeners } from "node:events";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { AttemptAbort, whenAborted } from "../../src/fetch/abortHandles.js";
import { fetchError, fetcher, serve } from "./harness.js";

describe("whenAborted", () => {
  it("calls every subscriber still subscribed, once, through one listener on the signal", () => {
    const controller = new AbortController();
    const calls: string[] = [];
    const unsubscribers = ["a", "b", "c"].map((name) =>
      whenAborted(controller.signal, () => calls.push(name)),
    );
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    unsubscribers[1]!();
    controller.abort();
    controller.abort();
    expect(calls).toEqual(["a", "c"]);
    // A late unsubscribe is harmless.
    unsubscribers[0]!();
    expect(calls).toEqual(["a", "c"]);
  });

  it("calls at once for a signal that already aborted, and does nothing without a signal", () => {
    let called = 0;
    whenAborted(AbortSignal.abort(), () => called++);
    expect(called).toBe(1);
    whenAborted(undefined, () => called++)();
    expect(called).toBe(1);
  });
});

describe("AttemptAbort", () => {
  it("fires its listeners once with the reason, except those removed", () => {
    const attempt = new AttemptAbort();
    const seen: unknown[] = [];
    const removed = () => seen.push("removed");
    attempt.once("abort", () => seen.push(attempt.reason));
    attempt.on("abort", removed);
    attempt.removeListener("abort", removed);
    const reason = new Error("late");
    attempt.abort(reason);
    attempt.abort(new Error("again"));
    expect(attempt.aborted).toBe(true);
    expect(seen).toEqual([reason]);
  });
});

describe("fetch: requests sharing one caller signal", () => {
  it("add one abort listener to it, and none stays once they are done", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = await serve(async (_req, res) => {
      await gate;
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
    const controller = new AbortController();
    const client = fetcher({ concurrency: 4, perHost: 4 });
    // 12 requests: 4 in flight, 8 queued for a slot, all on the one signal.
    const results = Array.from({ length: 12 }, (_, i) =>
      client.fetch({ url: server.url(`/${i}`), signal: controller.signal }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    release();
    const done = await Promise.all(results);
    expect(done.map((r) => r.status)).toEqual(Array(12).fill(200));
    // The one listener waits for the signal (it fires once, then is gone); no per-request listener is left.
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
  });

  it("aborts the requests in flight and those queued, each reported as aborted", async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const client = fetcher({ concurrency: 2, perHost: 2, timeoutMs: 20_000 });
    const errors = Array.from({ length: 5 }, (_, i) =>
      fetchError(client.fetch({ url: server.url(`/${i}`), signal: controller.signal })),
    );
    setTimeout(() => controller.abort(new Error("shutdown")), 150);
    const kinds = (await Promise.all(errors)).map((e) => e.kind);
    expect(kinds).toEqual(Array(5).fill("aborted"));
    // Only the two that held a slot were sent.
    expect(server.requests.length).toBe(2);
  });
});

describe("fetch: the attempt's clock over a compressed body", () => {
  it("cuts off a gzip body that drips forever (the decompressor is torn down with it)", async () => {
    let timer: NodeJS.Timeout | undefined;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
      const gzip = zlib.createGzip();
      gzip.pipe(res);
      timer = setInterval(() => gzip.write("x".repeat(64), () => gzip.flush()), 100);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await fetchError(
      fetcher({ timeoutMs: 500, totalTimeoutMs: 1200, retries: 0 }).fetch({ url: server.url("/") }),
    );
    clearInterval(timer);
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/no complete response within 1200 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
