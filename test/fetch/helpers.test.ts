import { PassThrough } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { backoffDelay, sleep } from "../../src/fetch/backoff.js";
import { defaultUserAgent, parseRetryAfter } from "../../src/fetch/index.js";
import { BodyTooLargeError, contentCodings, readCappedBody } from "../../src/fetch/readCappedBody.js";
import { nextRedirect } from "../../src/fetch/redirect.js";
import { Semaphore } from "../../src/fetch/semaphore.js";
import { fetcher, serve } from "./harness.js";

const now = new Date("2024-10-01T10:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    ["120", "2024-10-01T10:02:00.000Z"],
    [" 0 ", "2024-10-01T10:00:00.000Z"],
    ["Tue, 01 Oct 2024 11:30:00 GMT", "2024-10-01T11:30:00.000Z"],
    ["Tuesday, 01-Oct-24 11:30:00 GMT", "2024-10-01T11:30:00.000Z"],
    ["Tue Oct  1 11:30:00 2024", "2024-10-01T11:30:00.000Z"],
    // A date in the past means "now", not a negative wait.
    ["Mon, 30 Sep 2024 10:00:00 GMT", "2024-10-01T10:00:00.000Z"],
  ])("%s → %s", (value, expected) => {
    expect(parseRetryAfter(value, now)?.toISOString()).toBe(expected);
  });

  // Past ~8.6e12 s, now + delay is no longer a Date: "Invalid time value" failed the request as a network error.
  it.each([
    ["Long.MAX_VALUE", "9223372036854775807"],
    ["1e14", "99999999999999"],
    ["400 digits (Infinity)", "9".repeat(400)],
  ])("reads a huge delay (%s) as the latest Date", (_name, value) => {
    expect(parseRetryAfter(value, now)?.getTime()).toBe(8.64e15);
  });

  it.each(["", "soon", "-5", "1.5", "2024-10-01"])("rejects %o", (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });

  // RFC 9110 §5.6.7: every HTTP-date form is GMT, whatever the machine's zone (Date.parse reads an
  // asctime date, which names no zone, as local time). Node applies a TZ change at once.
  it.each([
    ["Tue, 01 Oct 2024 11:30:00 GMT", Date.UTC(2024, 9, 1, 11, 30)],
    ["Tuesday, 01-Oct-24 11:30:00 GMT", Date.UTC(2024, 9, 1, 11, 30)],
    ["Tue Oct  1 11:30:00 2024", Date.UTC(2024, 9, 1, 11, 30)],
    ["Thu Nov 26 11:07:47 2026", Date.UTC(2026, 10, 26, 11, 7, 47)],
  ])("reads %s as GMT in any time zone", (value, expected) => {
    const saved = process.env.TZ;
    try {
      for (const zone of ["Asia/Shanghai", "America/New_York", "UTC"]) {
        process.env.TZ = zone;
        expect(parseRetryAfter(value, now)?.getTime(), zone).toBe(expected);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it.each([
    ["Tue, 01 Oct 2024 19:30:00 +0800", Date.UTC(2024, 9, 1, 11, 30)],
    ["Tue, 01 Oct 2024 11:30:00", Date.UTC(2024, 9, 1, 11, 30)],
    ["Tue, 01-Oct-2024 11:30:00 GMT", Date.UTC(2024, 9, 1, 11, 30)],
  ])("tolerates %s", (value, expected) => {
    expect(parseRetryAfter(value, new Date(Date.UTC(2024, 0, 1)))?.getTime()).toBe(expected);
  });

  it("reads a two-digit year as the most recent past year when it would be more than 50 years ahead", () => {
    const in1990 = new Date(Date.UTC(1990, 0, 1));
    expect(parseRetryAfter("Sunday, 06-Nov-94 08:49:37 GMT", in1990)?.getTime()).toBe(
      Date.UTC(1994, 10, 6, 8, 49, 37),
    );
    expect(parseRetryAfter("Sunday, 06-Nov-40 08:49:37 GMT", in1990)?.getTime()).toBe(
      Date.UTC(2040, 10, 6, 8, 49, 37),
    );
    // 2041 is more than 50 years after 1990: the date is 1941, long past, so "now".
    expect(parseRetryAfter("Wednesday, 06-Nov-41 08:49:37 GMT", in1990)?.getTime()).toBe(in1990.getTime());
  });

  it.each([
    "Tue, 01 Oct 2024 11:30:00 EST",
    "Tue, 31 Feb 2024 11:30:00 GMT",
    "Tue, 32 Oct 2024 11:30:00 GMT",
    "Tue, 01 Okt 2024 11:30:00 GMT",
    "Tue Oct  1 11:30:00 2024 GMT",
  ])("rejects %o (not an HTTP-date)", (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});

describe("defaultUserAgent", () => {
  it("names crier, its version and the site", () => {
    expect(defaultUserAgent("0.1.0", "https://site/")).toBe("crier/0.1.0 (+https://site/)");
  });

  it("is a header undici sends when site.url has Chinese characters or a line break (ASCII URL form)", async () => {
    const server = await serve((_req, res) => res.end("ok"));
    const userAgent = defaultUserAgent("0.1.0", "https://公安.example/通知/\r\nX-Evil: 1");
    expect(userAgent).toBe("crier/0.1.0 (+https://xn--55q79v.example/%E9%80%9A%E7%9F%A5/X-Evil:%201)");
    const result = await fetcher({ userAgent }).fetch({ url: server.url("/") });
    expect(result.status).toBe(200);
    expect(server.requests[0]!.headers["user-agent"]).toBe(userAgent);
    expect(server.requests[0]!.headers["x-evil"]).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  it("doubles per attempt with jitter in the upper half, capped at 30 s", () => {
    expect(backoffDelay(0, 1000, () => 0)).toBe(500);
    expect(backoffDelay(0, 1000, () => 1)).toBe(1000);
    expect(backoffDelay(2, 1000, () => 0)).toBe(2000);
    expect(backoffDelay(20, 1000, () => 1)).toBe(30_000);
  });

  it("sleep rejects with the signal's reason as soon as it aborts", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(sleep(60_000, controller.signal)).rejects.toThrow("stop");
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("nextRedirect", () => {
  const visited = new Set(["http://h/a"]);
  it("resolves relative locations and drops the fragment", () => {
    expect(nextRedirect("http://h/x/a", "../b#top", visited, 0, 5)).toEqual({ ok: true, url: "http://h/b" });
    expect(nextRedirect("http://h/a", "//other/c", visited, 0, 5)).toEqual({
      ok: true,
      url: "http://other/c",
    });
  });
  it("refuses a missing Location, loops, other schemes and too many hops", () => {
    expect(nextRedirect("http://h/b", undefined, visited, 0, 5)).toMatchObject({ ok: false });
    expect(nextRedirect("http://h/b", "/a", visited, 0, 5)).toMatchObject({ ok: false, reason: /loop/ });
    expect(nextRedirect("http://h/b", "data:,x", visited, 0, 5)).toMatchObject({
      ok: false,
      reason: /non-http/,
    });
    expect(nextRedirect("http://h/b", "/c", visited, 5, 5)).toMatchObject({
      ok: false,
      reason: /more than 5/,
    });
  });
});

describe("contentCodings", () => {
  it("lists codings in the order to undo them and rejects unknown ones", () => {
    expect(contentCodings("gzip, br")).toEqual(["br", "gzip"]);
    expect(contentCodings("identity")).toEqual([]);
    expect(() => contentCodings("compress")).toThrow(/unsupported Content-Encoding: compress/);
  });
});

describe("readCappedBody on a stream of its own (no HTTP client behind it)", () => {
  it("joins the chunks of a plain and a gzip body alike", async () => {
    const plain = new PassThrough();
    plain.end(Buffer.from("héllo wörld"));
    expect((await readCappedBody(plain, undefined, 100)).toString()).toBe("héllo wörld");
    const zipped = new PassThrough();
    zipped.end(gzipSync("héllo wörld"));
    expect((await readCappedBody(zipped, "gzip", 100)).toString()).toBe("héllo wörld");
  });

  it.each([undefined, "gzip"])(
    "stops a body that never ends when the signal aborts (encoding %s)",
    async (coding) => {
      const body = new PassThrough();
      body.write(coding ? gzipSync("x").subarray(0, 5) : "partial");
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error("shutdown")), 20);
      await expect(readCappedBody(body, coding, 100, controller.signal)).rejects.toThrow();
      expect(body.destroyed).toBe(true);
    },
  );

  it("refuses a signal that is already aborted without reading", async () => {
    const body = new PassThrough();
    body.end("data");
    await expect(readCappedBody(body, undefined, 100, AbortSignal.abort(new Error("gone")))).rejects.toThrow(
      "gone",
    );
    expect(body.destroyed).toBe(true);
  });

  it("fails one byte over the cap and destroys the stream", async () => {
    const body = new PassThrough();
    body.write("12345");
    body.end("6");
    await expect(readCappedBody(body, undefined, 5)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(body.destroyed).toBe(true);
    const exact = new PassThrough();
    exact.end("12345");
    expect((await readCappedBody(exact, undefined, 5)).toString()).toBe("12345");
  });
});

describe("Semaphore", () => {
  it("hands slots out in order and never above the limit", async () => {
    const semaphore = new Semaphore(1);
    const order: string[] = [];
    const releaseA = await semaphore.acquire();
    const b = semaphore.acquire().then((release) => {
      order.push("b");
      return release;
    });
    const c = semaphore.acquire().then((release) => {
      order.push("c");
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual([]);
    releaseA();
    releaseA(); // a second release of the same slot is ignored: c must still wait for b
    const releaseB = await b;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(["b"]);
    releaseB();
    (await c)();
    expect(order).toEqual(["b", "c"]);
    expect(semaphore.idle).toBe(true);
  });
});
