import type { SourceConfig } from "../config/index.js";
import type { Fetcher } from "../fetch/types.js";
import type { RawFeed } from "../model.js";

// Contract of the sources stage: one configured source → raw items (or "not modified").

export interface SourceContext {
  /** Folder of the config file: local paths resolve against it and may not leave it. */
  configDir: string;
  fetcher: Fetcher;
  /** Build time (injectable clock). */
  now: Date;
  /** Validators of the last good fetch of the source's main URL. */
  etag: string | null;
  lastModified: string | null;
  /** True for an article URL (absolute, as normalized) already published: html detail pages are not re-fetched. */
  isKnownUrl: (url: string) => boolean;
  /**
   * Awaited once before isKnownUrl is first asked, only when the source changed: the caller may load what
   * it knows then (a source that answers 304 never needs it).
   */
  prepareKnownUrls?: () => Promise<void>;
  /** Per-source deadline and shutdown. */
  signal: AbortSignal;
  /** Encoding override from the config (wins over detection). */
  encoding?: string;
  /** fetch.maxBytes: the cap on a local file as on a response body (default 10 MiB). */
  maxBytes?: number;
  /** The build's output and state folders: files there are crier's own, never a `files` source's. */
  ownFolders?: readonly string[];
  log: (message: string) => void;
}

export interface SourceReadResult {
  /** 304 on the main document: the stored articles stand. */
  notModified: boolean;
  feed: RawFeed;
  /** URL of the main document after redirects (or file: URL); base for relative links. */
  documentUrl: string | null;
  etag: string | null;
  lastModified: string | null;
  /** A server the source reads from asked to wait (Retry-After on a detail page): no request before then. */
  retryAfter?: Date;
  /**
   * Set when the read is the whole source (a files folder), not a window onto it: stored items absent from
   * it are withdrawn rather than kept as history, except `unreadable` (ids of items still there that could
   * not be read now, e.g. a file caught mid-write), whose stored copies stay.
   */
  whole?: { unreadable: string[] };
}

export type SourceReader<S extends SourceConfig = SourceConfig> = (
  source: S,
  context: SourceContext,
) => Promise<SourceReadResult>;
