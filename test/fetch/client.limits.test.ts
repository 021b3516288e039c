import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";
import { PassThrough } from "node:stream";
import zlib from "node:zlib";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { fetchError, fetcher, serve } from "./harness.js";

const MB = 1024 * 1024;

/** Resolves with what the server saw when the response ended: bytes written and whether it completed. */
function writeForever(res: import("node:http").ServerResponse, chunk: Buffer, totalBytes: number) {
  return new Promise<{ written: number; finished: boolean }>((resolve) => {
    let written = 0;
    let done = false;
    const finish = (finished: boolean) => {
      if (done) return;
      done = true;
      resolve({ written, finished });
    };
    res.on("close", () => finish(res.writableFinished));
    const pump = () => {
      while (!done && written < totalBytes) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      if (!done && written >= totalBytes) res.end();
    };
    pump();
  });
}

/** A raw TCP server for responses node:http refuses to send (lying Content-Length). */
const rawServers: { close: () => void }[] = [];
afterEach(() => {
  while (rawServers.length) rawServers.pop()?.close();
});
async function rawServer(onSocket: (socket: Socket) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.once("data", () => onSocket(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  rawServers.push({
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe("fetch: timeouts and aborts", () => {
  it("times out on a server that accepts and never answers", async () => {
    const server = await serve(() => {});
    const started = Date.now();
    const error = await fetchError(fetcher({ timeoutMs: 300, retries: 1 }).fetch({ url: server.url("/") }));
    expect(error.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.requests.length).toBe(2);
  });

  it("cuts off a server that drips one byte every 200 ms forever", async () => {
    let timer: NodeJS.Timeout | undefined;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      timer = setInterval(() => res.write("x"), 200);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await fetchError(
      fetcher({ timeoutMs: 500, totalTimeoutMs: 1500, retries: 0 }).fetch({ url: server.url("/") }),
    );
    clearInterval(timer);
    expect(error.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("aborts mid-request when the caller's signal fires", async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("shutdown")), 100);
    const started = Date.now();
    const error = await fetchError(
      fetcher({ timeoutMs: 20_000 }).fetch({ url: server.url("/"), signal: controller.signal }),
    );
    expect(error.kind).toBe("aborted");
    expect(error.message).toMatch(/shutdown/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.requests.length).toBe(1);
  });

  it("aborts while the body is streaming, closing the connection", async () => {
    let timer: NodeJS.Timeout | undefined;
    let closed: Promise<boolean> | undefined;
    const controller = new AbortController();
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first bytes ");
      closed = new Promise((resolve) => res.on("close", () => resolve(!res.writableFinished)));
      timer = setInterval(() => res.write("more "), 50);
      setTimeout(() => controller.abort(new Error("shutdown")), 200);
    });
    const error = await fetchError(
      fetcher({ timeoutMs: 20_000 }).fetch({ url: server.url("/"), signal: controller.signal }),
    );
    clearInterval(timer);
    expect(error.kind).toBe("aborted");
    expect(await closed).toBe(true);
    expect(server.requests.length).toBe(1);
  });

  it("reports a TimeoutError reason of the caller's signal as timeout", async () => {
    const server = await serve(() => {});
    const error = await fetchError(
      fetcher({ timeoutMs: 20_000 }).fetch({ url: server.url("/"), signal: AbortSignal.timeout(150) }),
    );
    expect(error.kind).toBe("timeout");
    expect(server.requests.length).toBe(1);
  });

  it("aborts during the backoff wait between retries", async () => {
    const controller = new AbortController();
    const server = await serve((_req, res) => {
      res.writeHead(500);
      res.end();
      setTimeout(() => controller.abort(), 50);
    });
    const started = Date.now();
    const error = await fetchError(
      fetcher({ retries: 3, backoffMs: 20_000 }).fetch({ url: server.url("/"), signal: controller.signal }),
    );
    expect(error.kind).toBe("aborted");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.requests.length).toBe(1);
  });
});

describe("fetch: size caps and decompression", () => {
  let bomb: Buffer;
  beforeAll(async () => {
    // 1 GiB of zeros gzipped in a stream (about 1 MB): never held in memory uncompressed.
    const gzip = zlib.createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on("data", (part: Buffer) => parts.push(part));
    const done = new Promise((resolve) => gzip.on("end", resolve));
    const zeros = Buffer.alloc(MB);
    const source = new PassThrough();
    source.pipe(gzip);
    for (let i = 0; i < 1024; i++) {
      if (!source.write(zeros)) await new Promise((resolve) => source.once("drain", resolve));
    }
    source.end();
    await done;
    bomb = Buffer.concat(parts);
  }, 60_000);

  it("stops reading a 60 MB body at a 1 MB cap and closes the connection", async () => {
    let seen: Promise<{ written: number; finished: boolean }> | undefined;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      seen = writeForever(res, Buffer.alloc(64 * 1024, 0x61), 60 * MB);
    });
    const error = await fetchError(fetcher({ maxBytes: MB }).fetch({ url: server.url("/") }));
    expect(error.kind).toBe("too-large");
    const { written, finished } = await seen!;
    expect(finished).toBe(false);
    expect(written).toBeLessThan(60 * MB);
    expect(server.requests.length).toBe(1);
  });

  it("rejects a Content-Length above the cap before reading the body", async () => {
    let seen: Promise<{ written: number; finished: boolean }> | undefined;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-length": String(60 * MB) });
      seen = writeForever(res, Buffer.alloc(64 * 1024, 0x61), 60 * MB);
    });
    const error = await fetchError(fetcher({ maxBytes: MB }).fetch({ url: server.url("/") }));
    expect(error.kind).toBe("too-large");
    expect(error.message).toMatch(/Content-Length/);
    expect((await seen!).finished).toBe(false);
  });

  it("stops a gzip bomb at the cap on decompressed bytes", async () => {
    const maxBytes = 2 * MB;
    expect(bomb.length).toBeLessThan(maxBytes); // small on the wire: only the decompressed cap can catch it
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip", "content-length": String(bomb.length) });
      res.end(bomb);
    });
    const error = await fetchError(fetcher({ maxBytes }).fetch({ url: server.url("/") }));
    expect(error.kind).toBe("too-large");
    expect(error.message).toMatch(/after decompression/);
  });

  it.each([
    ["gzip", zlib.gzipSync],
    ["x-gzip", zlib.gzipSync],
    ["deflate", zlib.deflateSync],
    ["deflate", zlib.deflateRawSync],
    ["br", zlib.brotliCompressSync],
  ] as const)("decodes Content-Encoding %s (%o)", async (coding, compress) => {
    const text = "<rss><channel><title>压缩 ünïcode</title></channel></rss>".repeat(200);
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-encoding": coding });
      res.end(compress(Buffer.from(text)));
    });
    const result = await fetcher().fetch({ url: server.url("/") });
    expect(result.status === 200 && result.body.toString()).toBe(text);
  });

  // The same bytes would fail the same way again: a decoding error, not network trouble, and not retried.
  it.each([
    ["gzip on a plain body", "gzip", Buffer.from("definitely not gzip"), /gzip.*incorrect header check/],
    ["a truncated gzip body", "gzip", zlib.gzipSync(Buffer.alloc(5000, 0x61)).subarray(0, 30), /end of file/],
    ["br on a plain body", "br", Buffer.from("<rss><channel></channel></rss>"), /br/],
    ["deflate on a plain body", "deflate", Buffer.from("<rss/>"), /deflate/],
  ])("fails %s as undecodable, without retrying it", async (_name, coding, body, detail) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-encoding": coding });
      res.end(body);
    });
    const error = await fetchError(fetcher({ retries: 2 }).fetch({ url: server.url("/") }));
    expect(error.kind).toBe("undecodable");
    expect(error.message).toMatch(/could not be decompressed/);
    expect(error.message).toMatch(detail);
    expect(server.requests).toHaveLength(1);
  });

  it("still calls a gzip body cut off by the connection a network error (retried)", async () => {
    const gzip = zlib.gzipSync(Buffer.alloc(50_000, 0x61));
    let attempts = 0;
    const url = await rawServer((socket) => {
      attempts++;
      socket.write(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${gzip.length}\r\n\r\n`);
      socket.end(gzip.subarray(0, 40));
    });
    const error = await fetchError(fetcher({ retries: 1 }).fetch({ url }));
    expect(error.kind).toBe("network");
    expect(attempts).toBe(2);
  });

  it("fails an unsupported Content-Encoding as undecodable, without retrying it", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-encoding": "compress" });
      res.end("<rss/>");
    });
    const error = await fetchError(fetcher({ retries: 2 }).fetch({ url: server.url("/") }));
    expect(error.kind).toBe("undecodable");
    expect(error.message).toMatch(/unsupported Content-Encoding: compress/);
    expect(server.requests).toHaveLength(1);
  });

  it("reads no more than a short lying Content-Length, so the cap cannot be bypassed", async () => {
    const url = await rawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n");
      socket.end(Buffer.alloc(5 * MB, 0x62));
    });
    const result = await fetcher({ maxBytes: MB, retries: 0 }).fetch({ url });
    expect(result.status === 200 && result.body.length).toBe(100);
  });

  it("fails a body shorter than its Content-Length instead of returning it truncated", async () => {
    const url = await rawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n");
      socket.end(Buffer.alloc(300, 0x62));
    });
    const error = await fetchError(fetcher({ maxBytes: MB, retries: 0 }).fetch({ url }));
    expect(error.kind).toBe("network");
  });

  it("enforces the cap on a chunked body with no Content-Length at exactly maxBytes + 1", async () => {
    const server = await serve((req, res) => {
      res.writeHead(200);
      res.end(Buffer.alloc(req.url === "/fits" ? 1000 : 1001, 0x63));
    });
    const client = fetcher({ maxBytes: 1000 });
    const fits = await client.fetch({ url: server.url("/fits") });
    expect(fits.status === 200 && fits.body.length).toBe(1000);
    expect((await fetchError(client.fetch({ url: server.url("/over") }))).kind).toBe("too-large");
  });
});

/** Resolves false when `promise` has not settled within `ms` (a leaked connection keeps Agent.close() pending). */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);
}

describe("fetch: every failed response gives its connection back", () => {
  // A body larger than undici's socket buffers (~64 KB) is still arriving when the attempt fails: unless it
  // is destroyed, the connection stays busy, later requests to the host queue forever and close() hangs.
  const big = Buffer.alloc(300 * 1024, 0x61);

  it.each(["UTF-8", "zstd", "gzip, compress"])(
    "fails a large 200 with Content-Encoding %s as undecodable and frees its connection",
    async (coding) => {
      const server = await serve((req, res) => {
        if (req.url === "/next") return res.writeHead(200).end("next");
        res.writeHead(200, { "content-encoding": coding, "content-length": String(big.length) });
        res.end(big);
      });
      const client = fetcher({ perHost: 1, retries: 2, timeoutMs: 20_000 });
      const error = await fetchError(client.fetch({ url: server.url("/bad") }));
      expect(error.kind).toBe("undecodable");
      const token = coding.split(",").at(-1)!.trim().toLowerCase();
      expect(error.message).toContain(`unsupported Content-Encoding: ${token}`);
      expect(server.requests).toHaveLength(1);
      // The host's only connection is free again: the next request is answered at once.
      const next = client.fetch({ url: server.url("/next") });
      expect(await settlesWithin(next, 3000)).toBe(true);
      expect((await next).status).toBe(200);
      expect(await settlesWithin(client.close(), 3000)).toBe(true);
    },
  );

  it.each([
    [500, {}],
    [404, {}],
    [302, { location: "/next" }],
    [429, { "retry-after": "1" }],
  ])("frees the connection of a large %i body", async (status, headers) => {
    const server = await serve((req, res) => {
      if (req.url === "/next") return res.writeHead(200).end("next");
      res.writeHead(status, { ...headers, "content-length": String(big.length) });
      res.end(big);
    });
    const client = fetcher({ perHost: 1, retries: 0, timeoutMs: 20_000 });
    await client.fetch({ url: server.url("/bad") }).catch(() => {});
    expect(await settlesWithin(client.fetch({ url: server.url("/next") }), 3000)).toBe(true);
    expect(await settlesWithin(client.close(), 3000)).toBe(true);
  });
});
