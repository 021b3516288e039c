import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import {
  billionLaughsFeed,
  DRIP_PREFIX,
  deepCdataFeed,
  deepFeed,
  deepHtmlList,
  duplicateGuidFeed,
  flakyFeed,
  flipFeed,
  goodAtom,
  goodJsonFeed,
  goodRss,
  htmlDetail,
  htmlList,
  manyItemsFeed,
  xxeFeed,
} from "../fixtures/hardening/feeds.js";
import {
  hostileFieldsAtom,
  hostileFieldsJson,
  hostileFieldsRss,
} from "../fixtures/hardening/hostileFields.js";
import { xssFeed } from "../fixtures/hardening/xssFeed.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

const MB = 1024 * 1024;
export const BIG_BODY_BYTES = 60 * MB;
/** Seconds the rate-limited routes ask for: far beyond any test, so a second build must skip them. */
export const RETRY_AFTER_SECONDS = 3600;
/** A short Retry-After, for the test that waits it out. */
export const RATE_PHASE_SECONDS = 15;
export const MANY_ITEMS = 20_000;
/** Nesting depth of the deep HTML routes: a few hundred KB, far within fetch.maxBytes. */
export const DEEP_NESTING = 20_000;

export interface FaultServer extends LoopbackServer {
  /** Requests seen for one path (query ignored). */
  hits(path: string): number;
  /** The flaky route fails while `phase` is odd and serves items naming the phase while it is even. */
  phase: number;
  /** Bytes the 60 MB routes managed to write before the client hung up, per path. */
  bigWritten: Map<string, { written: number; finished: boolean }>;
  /** Most requests in flight at once (all routes), for the concurrency caps. */
  maxInFlight: number;
}

/**
 * One loopback server with a route per fault of issue 7. Bounded: hang and drip routes stop when the
 * client hangs up or the server closes (startServer destroys every socket); the 60 MB bodies stream from a
 * generator with backpressure; the gzip bomb is a ~1 MB buffer made once by the caller.
 */
export async function startFaultServer(options: { gzipBomb: Buffer }): Promise<FaultServer> {
  let flip = 0;
  let inFlight = 0;
  const state = {
    phase: 0,
    maxInFlight: 0,
    bigWritten: new Map<string, { written: number; finished: boolean }>(),
  };

  const xml = (res: ServerResponse, body: string, type = "application/rss+xml; charset=utf-8") => {
    res.writeHead(200, { "content-type": type });
    res.end(body);
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    "/good/rss.xml": (_q, res) => xml(res, goodRss()),
    "/good/atom.xml": (_q, res) => xml(res, goodAtom(), "application/atom+xml"),
    "/good/feed.json": (_q, res) => xml(res, goodJsonFeed(), "application/feed+json"),
    // Accepts the connection and the request, never answers.
    "/fault/hang": () => {},
    "/fault/drip": (_q, res) => drip(res),
    "/fault/500": (_q, res) => res.writeHead(500, { "content-type": "text/plain" }).end("internal error"),
    "/fault/404": (_q, res) => res.writeHead(404).end("not found"),
    "/fault/410": (_q, res) => res.writeHead(410).end("gone"),
    "/fault/429": (_q, res) => res.writeHead(429, { "retry-after": String(RETRY_AFTER_SECONDS) }).end(),
    "/fault/503": (_q, res) => res.writeHead(503, { "retry-after": String(RETRY_AFTER_SECONDS) }).end(),
    "/fault/loop/a": (_q, res) => res.writeHead(302, { location: "/fault/loop/b" }).end(),
    "/fault/loop/b": (_q, res) => res.writeHead(301, { location: "/fault/loop/a" }).end(),
    "/fault/to-file": (_q, res) => res.writeHead(302, { location: "file:///etc/passwd" }).end(),
    "/fault/big": (req, res) => big(req, res, false),
    "/fault/big-declared": (req, res) => big(req, res, true),
    "/fault/gzip-bomb": (_q, res) => {
      res.writeHead(200, {
        "content-type": "application/rss+xml",
        "content-encoding": "gzip",
        "content-length": String(options.gzipBomb.length),
      });
      res.end(options.gzipBomb);
    },
    "/fault/xxe": (_q, res) => xml(res, xxeFeed(server.origin)),
    "/fault/evil.dtd": (_q, res) => xml(res, '<!ENTITY leak "PWN-DTD-LOADED">', "application/xml-dtd"),
    "/fault/lol": (_q, res) => xml(res, billionLaughsFeed()),
    "/fault/deep": (_q, res) => xml(res, deepFeed()),
    "/fault/xss": (_q, res) => xml(res, xssFeed()),
    "/fault/dupes": (_q, res) => xml(res, duplicateGuidFeed()),
    "/fault/fields.rss": (_q, res) => xml(res, hostileFieldsRss()),
    "/fault/fields.atom": (_q, res) => xml(res, hostileFieldsAtom(), "application/atom+xml"),
    "/fault/fields.json": (_q, res) => xml(res, hostileFieldsJson(), "application/feed+json"),
    "/fault/flaky": (_q, res) => {
      if (state.phase % 2 === 1) res.writeHead(500).end("flaky phase");
      else xml(res, flakyFeed(state.phase));
    },
    // Rate-limited (Retry-After: RATE_PHASE_SECONDS) while phase is 1, a good feed otherwise.
    "/fault/rate-phase": (_q, res) => {
      if (state.phase === 1) res.writeHead(429, { "retry-after": String(RATE_PHASE_SECONDS) }).end();
      else xml(res, flakyFeed(state.phase));
    },
    // About 1 MiB of tiny items: within fetch.maxBytes, but 20,000 of them.
    "/fault/many": (_q, res) => xml(res, manyItemsFeed(MANY_ITEMS)),
    // Fails every other request: one retry always gets through.
    "/fault/flip": (_q, res) => {
      if (flip++ % 2 === 0) res.writeHead(502).end("bad gateway");
      else xml(res, flipFeed());
    },
    // A notice list whose links try to make crier read local files or run script, next to real details.
    "/html/list": (req, res) => {
      const local = new URL(req.url ?? "/", "http://x").searchParams.get("file") ?? "file:///etc/passwd";
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(htmlList(local));
    },
    "/html/detail/1": (_q, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(htmlDetail());
    },
    "/html/deep-list": (_q, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(deepHtmlList(DEEP_NESTING));
    },
    "/fault/deep-cdata": (_q, res) => xml(res, deepCdataFeed(DEEP_NESTING)),
    "/slow": (req, res) => {
      const ms = Math.min(Number(new URL(req.url ?? "/", "http://x").searchParams.get("ms")) || 100, 2000);
      const timer = setTimeout(() => xml(res, flipFeed()), ms);
      res.on("close", () => clearTimeout(timer));
    },
  };

  const server = await startServer((req, res) => {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    const route = routes[pathOf(req.url)];
    if (!route) {
      res.writeHead(404).end("no such route");
      return;
    }
    route(req, res);
  });

  function drip(res: ServerResponse) {
    res.writeHead(200, { "content-type": "application/rss+xml" });
    let i = 0;
    // One byte a second: under the idle timeout, so only the whole-request and source deadlines stop it.
    const timer = setInterval(() => {
      res.write(DRIP_PREFIX[i % DRIP_PREFIX.length]!);
      i++;
    }, 1000);
    res.write(DRIP_PREFIX[i++]!);
    res.on("close", () => clearInterval(timer));
  }

  function big(req: IncomingMessage, res: ServerResponse, declare: boolean) {
    const record = { written: 0, finished: false };
    state.bigWritten.set(pathOf(req.url), record);
    res.writeHead(200, {
      "content-type": "application/rss+xml",
      ...(declare ? { "content-length": String(BIG_BODY_BYTES) } : {}),
    });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    function* body() {
      yield Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>');
      for (let sent = 0; sent < BIG_BODY_BYTES - 64 * 1024; sent += chunk.length) yield chunk;
    }
    const stream = Readable.from(body());
    stream.on("data", (part: Buffer) => {
      record.written += part.length;
    });
    stream.on("end", () => {
      record.finished = true;
    });
    res.on("close", () => stream.destroy());
    stream.pipe(res);
  }

  return {
    origin: server.origin,
    url: server.url,
    requests: server.requests,
    close: server.close,
    hits: (path: string) => server.requests.filter((r) => pathOf(r.url) === path).length,
    get phase() {
      return state.phase;
    },
    set phase(value: number) {
      state.phase = value;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    set maxInFlight(value: number) {
      state.maxInFlight = value;
    },
    bigWritten: state.bigWritten,
  };
}

function pathOf(url: string | undefined): string {
  return new URL(url ?? "/", "http://loopback").pathname;
}
