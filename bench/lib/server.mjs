import { createServer } from "node:http";

/**
 * Serves a corpus on 127.0.0.1 (never any other address) with ETag / Last-Modified and 304 answers.
 * Bounded: it closes itself after `lifetimeMs` or `maxRequests`, whichever comes first, so a crashed bench
 * never leaves a listener behind.
 */
export async function startCorpusServer(getCorpus, { lifetimeMs = 10 * 60_000, maxRequests = 500_000 } = {}) {
  const sockets = new Set();
  const counts = { total: 0, ok: 0, notModified: 0, notFound: 0, bytes: 0 };
  const server = createServer((req, res) => {
    counts.total++;
    if (counts.total > maxRequests) {
      res.writeHead(503, { connection: "close" }).end();
      void close();
      return;
    }
    const path = (req.url ?? "/").split("?")[0];
    const doc = getCorpus()?.get(path);
    if (!doc) {
      counts.notFound++;
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (isNotModified(req.headers, doc)) {
      counts.notModified++;
      res.writeHead(304, { etag: doc.etag, "last-modified": doc.lastModified }).end();
      return;
    }
    counts.ok++;
    counts.bytes += doc.body.length;
    res
      .writeHead(200, {
        "content-type": doc.contentType,
        "content-length": doc.body.length,
        etag: doc.etag,
        "last-modified": doc.lastModified,
        "cache-control": "max-age=0",
      })
      .end(doc.body);
  });
  // Longer than any client's idle timeout (undici: 4 s), so the client always closes an idle socket
  // first: a server-side close racing a new request shows up as "other side closed" in the client.
  server.keepAliveTimeout = 65_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const lifetime = setTimeout(() => void close(), lifetimeMs);
  lifetime.unref();

  let closing = null;
  function close() {
    closing ??= new Promise((resolve) => {
      clearTimeout(lifetime);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
    return closing;
  }

  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    /** Request counters since the last `resetCounts()`. */
    counts: () => ({ ...counts }),
    resetCounts() {
      for (const key of Object.keys(counts)) counts[key] = 0;
    },
    close,
  };
}

/** RFC 9110 §13.1: If-None-Match wins; If-Modified-Since only counts when there is none. */
function isNotModified(headers, doc) {
  const inm = headers["if-none-match"];
  if (inm !== undefined) {
    return inm
      .split(",")
      .map((tag) => tag.trim().replace(/^W\//, ""))
      .some((tag) => tag === "*" || tag === doc.etag);
  }
  const ims = headers["if-modified-since"];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Date.parse(doc.lastModified) <= since;
}
