// Parsing and normalizing one fetched feed document: the CPU-heavy part of a feed source's refresh, kept
// pure and structured-cloneable so it can run on a parser thread (parsePool.ts) or in-process alike.

import { performance } from "node:perf_hooks";
import type { FeedSourceConfig } from "../config/index.js";
import { decodeText } from "../fetch/index.js";
import type { Article } from "../model.js";
import { parseFeedDocument } from "../sources/feed/parseFeedDocument.js";
import type { EarlierArticle } from "./earlierIds.js";
import { earlierReadings } from "./earlierReadings.js";
import { normalizeContext, normalizeSourceItems, sourceIdentity } from "./normalizeSource.js";

export interface FeedJob {
  source: FeedSourceConfig;
  body: Uint8Array;
  contentType: string | null;
  documentUrl: string;
  defaultTimezone: string;
  /** Build time, epoch ms (the injectable clock). */
  now: number;
}

export interface FeedJobResult {
  articles: Article[];
  /** What earlier crier made of items the adapter now reads otherwise, by fresh id (see earlierIds.ts). */
  earlier: Map<string, EarlierArticle>;
  warnings: string[];
  /** What the feed says of itself (see sourceIdentity). */
  identity: { title: string | null; url: string | null };
  /** CPU-side milliseconds of this job, per stage. */
  timings: { decode: number; parse: number; normalize: number };
}

export async function runFeedJob(job: FeedJob): Promise<FeedJobResult> {
  const started = performance.now();
  const body = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength);
  const text = decodeText(body, { contentType: job.contentType, override: job.source.encoding, kind: "xml" });
  const decoded = performance.now();
  const feed = await parseFeedDocument(text, job.documentUrl);
  const parsed = performance.now();
  const read = { feed, documentUrl: job.documentUrl };
  const options = { defaultTimezone: job.defaultTimezone, now: new Date(job.now) };
  const articles = normalizeSourceItems(job.source, read, { ...options, stored: [] });
  return {
    articles,
    earlier: earlierReadings(feed.items, normalizeContext(job.source, read, options)),
    warnings: feed.warnings,
    identity: sourceIdentity(job.source, { feed }),
    timings: {
      decode: decoded - started,
      parse: parsed - decoded,
      normalize: performance.now() - parsed,
    },
  };
}
