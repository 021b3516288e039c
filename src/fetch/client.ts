import { isUtf8 } from "node:buffer";
import { STATUS_CODES } from "node:http";
import type { Readable } from "node:stream";
import { withoutCredentials } from "../uri.js";
import { AttemptAbort, whenAborted } from "./abortHandles.js";
import { backoffDelay, sleep } from "./backoff.js";
import { classifyError, failure, isRetryable } from "./classifyError.js";
import { basicCredentials, type OriginCredentials } from "./credentials.js";
import { BodyTooLargeError, destroyBody, readCappedBody } from "./readCappedBody.js";
import { nextRedirect, REDIRECT_STATUSES } from "./redirect.js";
import { parseRetryAfter } from "./retryAfter.js";
import { KeyedSemaphore, Semaphore } from "./semaphore.js";
import {
  FetchError,
  type Fetcher,
  type FetchNotModified,
  type FetchOk,
  type FetchRequest,
  type FetchResult,
  type FetchSettings,
} from "./types.js";
import { Agent, request } from "./undiciRequest.js";

export const DEFAULT_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5";
const HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

/**
 * An Accept header for what the caller will parse: a server that negotiates must not answer an HTML
 * source with its RSS version (or a feed source with HTML). The default (no `accept`) prefers feeds.
 */
export function acceptFor(kind: "xml" | "html" | "text"): string {
  if (kind === "html") return HTML_ACCEPT;
  if (kind === "text") return "text/plain, */*;q=0.5";
  return DEFAULT_ACCEPT;
}

/**
 * A Retry-After this short (a 503 during a restart, "Retry-After: 2") is waited out in the run, as a retry,
 * when retries remain; a longer one fails the request and is stored for the next runs.
 */
const SHORT_RATE_LIMIT_MS = 10_000;
/** When a 429 has no usable Retry-After. */
const DEFAULT_RATE_LIMIT_MS = 5 * 60_000;
/** A Retry-After further out than this is treated as this: a broken header must not silence a source for years. */
const MAX_RATE_LIMIT_MS = 24 * 60 * 60_000;
/** Error bodies are read (to keep the connection reusable) only up to this size. */
const ERROR_BODY_DUMP_LIMIT = 64 * 1024;

type Hop = { redirect: string | undefined } | { result: FetchResult };

/**
 * The HTTP client: undici `request()` on one pooled Agent (global fetch is ~3× slower on 304s), manual
 * redirects, retries with backoff, per-host and global caps, conditional GET and a streamed size cap.
 */
export function createFetcher(settings: FetchSettings): Fetcher {
  const agent = new Agent({
    // Never more connections to an origin than requests crier lets run against it at once: without a cap,
    // undici opens a new socket whenever the next request starts before the last one's socket is idle
    // again (a warm build opened 64 sockets for 32 slots).
    connections: settings.perHost,
    connect: { timeout: settings.timeoutMs },
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
  });
  const globalSlots = new Semaphore(settings.concurrency);
  const hostSlots = new KeyedSemaphore(settings.perHost);
  const totalTimeoutMs = settings.totalTimeoutMs ?? settings.timeoutMs * 3;
  const backoffMs = settings.backoffMs ?? 1000;
  let closing: Promise<void> | undefined;

  async function fetchFollowingRedirects(req: FetchRequest): Promise<FetchResult> {
    const { url: start, credentials } = parseHttpUrl(req);
    let url = start;
    const visited = new Set([url]);
    for (let redirects = 0; ; redirects++) {
      // Only to the credentials' own origin: a redirect elsewhere never gets them (as in browsers).
      const authorization =
        credentials && new URL(url).origin === credentials.origin ? credentials.authorization : undefined;
      const hop = await fetchWithRetries(url, req, authorization);
      if ("result" in hop) return hop.result;
      const step = nextRedirect(url, hop.redirect, visited, redirects, settings.maxRedirects);
      if (!step.ok) throw failure("redirect", `${step.reason}, from ${url}`, start);
      url = step.url;
      visited.add(url);
    }
  }

  async function fetchWithRetries(url: string, req: FetchRequest, authorization?: string): Promise<Hop> {
    for (let attempt = 0; ; attempt++) {
      const retriesLeft = attempt < settings.retries && !req.signal?.aborted;
      try {
        return await attemptOnce(url, req, authorization, retriesLeft);
      } catch (thrown) {
        if (thrown instanceof ShortRateLimit) {
          try {
            await sleep(thrown.waitMs, req.signal);
          } catch (abort) {
            throw classifyError(abort, url, req.signal);
          }
          continue;
        }
        const error = thrown instanceof FetchError ? thrown : classifyError(thrown, url, req.signal);
        if (!retriesLeft || !isRetryable(error, req.signal)) throw error;
        try {
          await sleep(backoffDelay(attempt, backoffMs), req.signal);
        } catch (abort) {
          throw classifyError(abort, url, req.signal);
        }
      }
    }
  }

  async function attemptOnce(
    url: string,
    req: FetchRequest,
    authorization: string | undefined,
    /** A short Retry-After may then be waited out as a retry. */
    retriesLeft: boolean,
  ): Promise<Hop> {
    const releases: (() => void)[] = [];
    // Aborted by the attempt's own clock, or by the caller's signal (forwarded); classifyError reads the
    // caller's signal first, so an abort is still told apart from the attempt's timeout.
    const attempt = new AttemptAbort();
    const outer = req.signal;
    let timer: NodeJS.Timeout | undefined;
    let body: Readable | undefined;
    try {
      const target = new URL(url);
      // Host slot first: waiting for a busy host must not hold a global slot other hosts could use.
      releases.push(await hostSlots.acquire(target.host, outer));
      releases.push(await globalSlots.acquire(outer));
      const stop = req.stopOnRetryAfter?.signal;
      if (stop?.aborted) throw failure("aborted", `not sent: ${reasonText(stop.reason)}`, url);
      // The attempt's clock starts once it holds its slots: time queued behind other requests is not its fault.
      timer = setTimeout(
        () => attempt.abort(new Error(`no complete response within ${totalTimeoutMs} ms`)),
        totalTimeoutMs,
      );
      releases.push(whenAborted(outer, () => attempt.abort(outer?.reason)));
      // undici destroys the response body too when the attempt aborts, until the body is closed: reading
      // or dumping it needs no signal of its own.
      const response = await request(target, {
        dispatcher: agent,
        method: "GET",
        headers: requestHeaders(req, settings.userAgent, authorization),
        signal: attempt,
      });
      body = response.body;
      const headers = flattenHeaders(response.headers);
      const status = response.statusCode;
      const fetchedAt = new Date();

      if (status >= 200 && status < 300) {
        const declared = Number(headers["content-length"]);
        if (Number.isFinite(declared) && declared > settings.maxBytes) {
          response.body.destroy();
          throw new BodyTooLargeError("declared", settings.maxBytes);
        }
        const body = await readCappedBody(response.body, headers["content-encoding"], settings.maxBytes);
        const ok: FetchOk = {
          status: 200,
          url,
          headers,
          body,
          contentType: headers["content-type"] ?? null,
          etag: headers.etag ?? null,
          lastModified: headers["last-modified"] ?? null,
          fetchedAt,
        };
        return { result: ok };
      }

      await response.body.dump({ limit: ERROR_BODY_DUMP_LIMIT }).catch(() => {});
      if (status === 304) {
        // A 304 may omit the validators; the stored ones then stay valid.
        const notModified: FetchNotModified = {
          status: 304,
          url,
          headers,
          etag: headers.etag ?? req.etag ?? null,
          lastModified: headers["last-modified"] ?? req.lastModified ?? null,
          fetchedAt,
        };
        return { result: notModified };
      }
      if (REDIRECT_STATUSES.has(status)) return { redirect: locationText(headers.location) };
      const retryAfterHeader = headers["retry-after"];
      const askedUntil = retryAfterHeader === undefined ? null : parseRetryAfter(retryAfterHeader, fetchedAt);
      // A 503 is a rate limit only with a Retry-After that can be read; with "soon" it is an ordinary 5xx.
      if (status === 429 || (status === 503 && askedUntil !== null)) {
        const retryAfter = rateLimitUntil(askedUntil, fetchedAt);
        const waitMs = retryAfter.getTime() - fetchedAt.getTime();
        if (retriesLeft && askedUntil !== null && waitMs <= SHORT_RATE_LIMIT_MS) {
          throw new ShortRateLimit(waitMs);
        }
        const error = failure(
          "rate-limited",
          `rate limited (${statusText(status)}), asked to wait until ${retryAfter.toISOString()}`,
          url,
          status,
          retryAfter,
        );
        // Now, while this request still holds the host's slot: the next one queued for it must see it.
        req.stopOnRetryAfter?.abort(error);
        throw error;
      }
      if (status === 404 || status === 410) {
        throw failure("gone", `gone: the server answered ${statusText(status)}`, url, status);
      }
      throw failure("http", `the server answered ${statusText(status)}`, url, status);
    } catch (error) {
      // A body still unread holds its connection until destroyed (a no-op once read, dumped or destroyed).
      if (body) destroyBody(body);
      if (error instanceof ShortRateLimit) throw error;
      throw classifyError(error, url, req.signal, attempt);
    } finally {
      clearTimeout(timer);
      for (const release of releases.reverse()) release();
    }
  }

  return {
    fetch: fetchFollowingRedirects,
    // Idempotent: a shutdown path and a finally block may both close the same fetcher.
    close: () => {
      closing ??= agent.close();
      return closing;
    },
  };
}

/**
 * The request's URL without fragment and credentials (it is what results and errors report), and the
 * credentials to send: its own, else those of `credentialsFrom`.
 */
function parseHttpUrl(req: FetchRequest): { url: string; credentials: OriginCredentials | null } {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    throw failure("invalid-url", "not a URL", withoutCredentials(req.url));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw failure("invalid-url", "only http(s) URLs can be fetched", withoutCredentials(req.url));
  }
  url.hash = "";
  let credentials = basicCredentials(url);
  if (credentials) {
    url.username = "";
    url.password = "";
  } else if (req.credentialsFrom?.includes("@") && URL.canParse(req.credentialsFrom)) {
    credentials = basicCredentials(new URL(req.credentialsFrom));
  }
  return { url: url.href, credentials };
}

function reasonText(reason: unknown): string {
  if (reason instanceof FetchError && reason.retryAfter) {
    return `the server asked to wait until ${reason.retryAfter.toISOString()}`;
  }
  return reason instanceof Error ? reason.message : "stopped before sending";
}

function statusText(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ""}`.trim();
}

function requestHeaders(
  req: FetchRequest,
  userAgent: string,
  authorization: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": userAgent,
    accept: req.accept ?? DEFAULT_ACCEPT,
    "accept-encoding": "gzip, deflate, br",
  };
  if (authorization) headers.authorization = authorization;
  if (req.etag) headers["if-none-match"] = req.etag;
  if (req.lastModified) headers["if-modified-since"] = req.lastModified;
  return headers;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

/**
 * undici reads header bytes as Latin-1; a Location of raw UTF-8 bytes (IIS, many CJK sites) is read as
 * UTF-8 instead, as curl and browsers do: "/é€š…" would otherwise be requested as "/%C3%A9%C2%80…".
 */
function locationText(value: string | undefined): string | undefined {
  if (value === undefined || !/[^\0-\x7f]/.test(value) || /[^\0-\xff]/.test(value)) return value;
  const bytes = Buffer.from(value, "latin1");
  return isUtf8(bytes) ? bytes.toString("utf8") : value;
}

/** A rate limit short enough to wait out in this run (see SHORT_RATE_LIMIT_MS). */
class ShortRateLimit extends Error {
  constructor(readonly waitMs: number) {
    super(`rate limited for ${waitMs} ms`);
  }
}

function rateLimitUntil(parsed: Date | null, now: Date): Date {
  const ms = parsed ? parsed.getTime() - now.getTime() : DEFAULT_RATE_LIMIT_MS;
  return new Date(now.getTime() + Math.min(Math.max(ms, 0), MAX_RATE_LIMIT_MS));
}
