// Contract of the fetch stage. Implementation: ./client.ts (HTTP via undici 7) and ./decode.ts (charsets).

export interface FetchSettings {
  /** Per request: connect, response headers, and idle time between body chunks. */
  timeoutMs: number;
  /** Retries after the first attempt for 5xx / network errors (429/503 with Retry-After are not retried). */
  retries: number;
  /** Global cap on requests in flight. */
  concurrency: number;
  /** Cap on requests in flight to one host. */
  perHost: number;
  /** Body cap in bytes, enforced while streaming and again after decompression. */
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /**
   * Whole-attempt cap (connect + headers + body), so a server trickling bytes cannot hold a slot forever.
   * Default: 3 × timeoutMs. The caller's signal still bounds the whole source.
   */
  totalTimeoutMs?: number;
  /** First retry waits about this long (with jitter), doubling per retry up to 30 s. Default: 1000. */
  backoffMs?: number;
}

export interface FetchRequest {
  url: string;
  /** Validators from the previous successful fetch: sent as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  /** Aborts the request (and any retry wait): the per-source deadline or a shutdown. */
  signal?: AbortSignal;
  accept?: string;
  /**
   * A URL whose `user:password@` is sent (Basic) on requests to its origin when `url` has none of its
   * own: an html source's URL, for its next and detail pages. Credentials go to no other origin, not
   * even after a redirect.
   */
  credentialsFrom?: string;
  /**
   * Requests that share this controller stop together: the first 429/503 with Retry-After among them
   * aborts it (with that FetchError, before its slots pass to requests queued behind it), and from then on
   * none of them is sent (an "aborted" FetchError). Requests already under way are not cut off.
   */
  stopOnRetryAfter?: AbortController;
}

export interface FetchOk {
  status: 200;
  /** Final URL after redirects, without credentials: the base for relative links. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: Date;
}

export interface FetchNotModified {
  status: 304;
  url: string;
  headers: Record<string, string>;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: Date;
}

export type FetchResult = FetchOk | FetchNotModified;

export type FetchErrorKind =
  | "timeout" // connect/headers/body idle timeout or deadline
  | "aborted" // the caller's signal fired
  | "network" // DNS, refused, reset
  | "http" // other non-2xx status
  | "gone" // 404 / 410: the source URL is dead
  | "rate-limited" // 429 / 503 with Retry-After: see retryAfter
  | "too-large" // maxBytes exceeded (raw or decompressed)
  | "undecodable" // Content-Encoding unsupported, or the body is not in it (corrupt, truncated): never retried
  | "redirect" // too many redirects, loop, or redirect to a non-http(s) scheme
  | "invalid-url"
  | "invalid-request"; // undici refused to send it (e.g. a header value it cannot carry): never retried

export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly url: string,
    readonly status?: number,
    /** When the server may be asked again (from Retry-After). */
    readonly retryAfter?: Date,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResult>;
  /** Close pooled connections. */
  close(): Promise<void>;
}
