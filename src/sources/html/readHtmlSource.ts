import { realpath } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CheerioAPI } from "cheerio";
import type { HtmlSourceConfig } from "../../config/index.js";
import { errorMessage } from "../../errorMessage.js";
import { FetchError } from "../../fetch/types.js";
import type { RawItem } from "../../model.js";
import { type LoadedDocument, loadDocument } from "../load.js";
import type { SourceContext, SourceReader, SourceReadResult } from "../types.js";
import { withoutFragment } from "./links.js";

type PageParsers = typeof import("./pageParsers.js");

export interface HtmlReaderOptions {
  /** Detail pages fetched per run at most; new items past the cap wait for the next run. */
  maxDetailFetches: number;
  /** Detail pages in flight at once (the fetcher's per-host cap still applies). */
  detailConcurrency: number;
}

export const DEFAULT_HTML_READER_OPTIONS: HtmlReaderOptions = { maxDetailFetches: 50, detailConcurrency: 4 };

/** Reads an html source: the list page(s), then the detail page of every item not published yet. */
export function createHtmlSourceReader(
  options: Partial<HtmlReaderOptions> = {},
): SourceReader<HtmlSourceConfig> {
  const settings = { ...DEFAULT_HTML_READER_OPTIONS, ...options };
  return (source, context) => readHtml(source, context, settings);
}

export const readHtmlSource: SourceReader<HtmlSourceConfig> = createHtmlSourceReader();

async function readHtml(
  source: HtmlSourceConfig,
  context: SourceContext,
  options: HtmlReaderOptions,
): Promise<SourceReadResult> {
  const first = await loadDocument(source.url, context, "html");
  const result: SourceReadResult = {
    notModified: first.notModified,
    feed: { items: [], warnings: [] },
    documentUrl: first.documentUrl,
    etag: first.etag,
    lastModified: first.lastModified,
  };
  if (first.notModified) return result;
  await context.prepareKnownUrls?.();
  const parsers = await import("./pageParsers.js");

  const { feed } = result;
  const $ = parsers.loadHtml(first.text, "list page");
  const pageTitle = parsers.cleanText($("title").first().text());
  if (pageTitle) feed.title = pageTitle;
  if (!first.documentUrl.startsWith("file:")) feed.link = first.documentUrl;
  const lang = $("html").attr("lang")?.trim();
  if (lang) feed.language = lang;

  // A bad detail selector fails the source once instead of every detail page.
  if (source.detail) parsers.checkDetailSelectors(source.detail);
  const { items, rateLimit } = await readListPages(parsers, source, context, $, first, feed.warnings);
  if (items.length === 0) {
    // Almost always a redesign or a wrong selector, not an empty notice board: fail so the source keeps
    // its last good articles and the problem is reported.
    throw new Error(
      `list.item "${source.list.item}" matched no entries with a title or link on ${first.documentUrl}; ` +
        "the page layout may have changed: check list.item and list.title against the page source",
    );
  }
  const detailed = source.detail
    ? await addDetails(parsers, items, source.detail, source.url, context, options, feed.warnings, rateLimit)
    : { items, deferred: 0, retryAfter: rateLimit?.until };
  // The entries of list pages not read (rate-limited) are deferred too.
  if (detailed.deferred > 0 || rateLimit) {
    // Deferred items are only found again by re-reading the list: drop the validators so the next run
    // does not get a 304 for an unchanged list and lose them.
    result.etag = null;
    result.lastModified = null;
  }
  if (detailed.retryAfter) result.retryAfter = detailed.retryAfter;
  const withDetails = detailed.items;
  const hasLocalLinks = withDetails.some((item) => item.link?.startsWith("file:"));
  const root = hasLocalLinks ? await realpath(context.configDir) : "";
  feed.items = withDetails.map((item) => localIdentity(item, source.id, root));
  return result;
}

/** List entries read from one source's list pages at most (the first ones: lists are newest first). */
export const MAX_LIST_ENTRIES = 1000;

/** Page 1 (already loaded) and up to maxPages-1 further pages via list.next; never the same page twice. */
async function readListPages(
  { extractList }: PageParsers,
  source: HtmlSourceConfig,
  context: SourceContext,
  firstPage: CheerioAPI,
  first: LoadedDocument,
  warnings: string[],
): Promise<{ items: RawItem[]; rateLimit?: RateLimit }> {
  const items: RawItem[] = [];
  const seenLinks = new Set<string>();
  const visited = new Set<string>([withoutFragment(first.documentUrl)]);
  let listPage: string | CheerioAPI = firstPage;
  let pageUrl = first.documentUrl;
  let charset = first.charset ?? undefined;
  for (let page = 1; ; page++) {
    const extracted = extractList(listPage, pageUrl, source.list, charset);
    for (const item of extracted.items) {
      // Full link, fragment included: one page may hold several notices (#n1, #n2).
      if (item.link) {
        if (seenLinks.has(item.link)) continue;
        seenLinks.add(item.link);
      }
      if (items.length === MAX_LIST_ENTRIES) {
        // As for a feed document: a page of 125,000 entries would be normalized and stored whole.
        warnings.push(
          `kept the first ${MAX_LIST_ENTRIES} list entries; the rest of page ${page} and later pages are not read`,
        );
        return { items };
      }
      items.push(item);
    }
    const next = extracted.nextUrl;
    if (!next || page >= source.list.maxPages) break;
    const nextKey = withoutFragment(next);
    if (visited.has(nextKey)) break;
    visited.add(nextKey);
    try {
      // Later pages carry no validators: the stored ones belong to the first page.
      const loaded = await loadDocument(next, context, "html", false, { credentialsFrom: source.url });
      listPage = loaded.text;
      pageUrl = loaded.documentUrl;
      charset = loaded.charset ?? undefined;
      visited.add(withoutFragment(pageUrl));
    } catch (error) {
      if (context.signal.aborted) throw error;
      warnings.push(`list page ${page + 1} (${next}) failed, kept the first ${page}: ${errorMessage(error)}`);
      // The site asked to wait: no further page of the source in this run, and the wait is stored.
      if (error instanceof FetchError && error.kind === "rate-limited") {
        return { items, rateLimit: { until: rateLimitEnd(error, context), by: `list page ${page + 1}` } };
      }
      break;
    }
  }
  return { items };
}

/** A Retry-After (429/503) from one of the source's pages: when, and which page asked. */
interface RateLimit {
  until: Date;
  by: string;
}

function rateLimitEnd(error: FetchError, context: SourceContext): Date {
  return error.retryAfter ?? new Date(context.now.getTime() + 5 * 60_000);
}

/**
 * Fetches the detail page of each new item. Known items are left as they are (`detailSkipped`); a failed
 * page keeps the list-level item (`detailFailed`: the caller decides whether to try it again); items past the cap or the source deadline are deferred to the next run
 * rather than published without their content (once published they would never be fetched again).
 */
async function addDetails(
  { extractDetail, mergeDetail }: PageParsers,
  items: RawItem[],
  detail: NonNullable<HtmlSourceConfig["detail"]>,
  /** The source's URL: its credentials, if any, go to detail pages on its origin. */
  sourceUrl: string,
  context: SourceContext,
  options: HtmlReaderOptions,
  warnings: string[],
  /** Set when a list page was rate-limited: no detail page is asked for then. */
  listRateLimit?: RateLimit,
): Promise<{ items: RawItem[]; deferred: number; retryAfter?: Date }> {
  const out: (RawItem | null)[] = items.map(() => null);
  const queue: number[] = [];
  items.forEach((item, index) => {
    if (item.link && !item.link.startsWith("file:") && context.isKnownUrl(item.link)) {
      out[index] = { ...item, detailSkipped: true };
    } else if (!item.link) {
      out[index] = item;
    } else {
      queue.push(index);
    }
  });
  // Local detail pages (an offline mirror) are files: all are read every run, none counts against the cap
  // (their items have no URL crier could remember them by, so a deferred one would wait forever).
  let remote = 0;
  const fetchNow = queue.filter(
    (index) => items[index]!.link!.startsWith("file:") || remote++ < options.maxDetailFetches,
  );
  const deferred = queue.length - fetchNow.length;
  if (deferred > 0) {
    warnings.push(
      `${deferred} new items deferred to the next run: at most ${options.maxDetailFetches} detail pages are fetched per run`,
    );
  }
  // Aborted by the first Retry-After: detail requests already queued for a slot are then not sent.
  const stopSending = new AbortController();
  // Notices that share a page (#n1, #n2) fetch it once.
  const pages = new Map<string, ReturnType<typeof loadDocument>>();
  const loadPage = (url: string) => {
    const key = withoutFragment(url);
    let page = pages.get(key);
    if (!page) {
      page = loadDocument(key, context, "html", false, {
        stopOnRetryAfter: stopSending,
        credentialsFrom: sourceUrl,
      });
      pages.set(key, page);
    }
    return page;
  };
  let interrupted = 0;
  let rateLimited = 0;
  let rateLimit = listRateLimit;
  let cursor = 0;
  const worker = async (): Promise<void> => {
    while (cursor < fetchNow.length) {
      const index = fetchNow[cursor++]!;
      const item = items[index]!;
      const link = item.link!;
      if (context.signal.aborted) {
        interrupted++;
        continue;
      }
      // The site asked to wait (429/503 Retry-After): no further detail page this run, and the items wait
      // for the next run after that time (the wait is stored with the source, like any Retry-After).
      if (rateLimit) {
        rateLimited++;
        continue;
      }
      try {
        const page = await loadPage(link);
        out[index] = mergeDetail(
          item,
          extractDetail(page.text, page.documentUrl, detail, page.charset ?? undefined),
          context.now,
        );
      } catch (error) {
        if (context.signal.aborted) {
          interrupted++;
          continue;
        }
        if (error instanceof FetchError && error.kind === "rate-limited") {
          rateLimit ??= { until: rateLimitEnd(error, context), by: "detail pages" };
          rateLimited++;
          continue;
        }
        if (stopSending.signal.aborted && error instanceof FetchError && error.kind === "aborted") {
          rateLimited++;
          continue;
        }
        warnings.push(`detail page ${link} failed, kept the list entry: ${errorMessage(error)}`);
        out[index] = { ...item, detailFailed: true };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.detailConcurrency) }, worker));
  if (interrupted > 0) {
    warnings.push(`source deadline or shutdown: ${interrupted} new items deferred to the next run`);
  }
  if (rateLimit && rateLimited > 0) {
    warnings.push(
      `${rateLimit.by} rate-limited: ${rateLimited} new items deferred until ${rateLimit.until.toISOString()} (Retry-After)`,
    );
  }
  return {
    items: out.filter((item): item is RawItem => item !== null),
    deferred: deferred + interrupted + rateLimited,
    ...(rateLimit ? { retryAfter: rateLimit.until } : {}),
  };
}

/**
 * Items of a local example site link to file: URLs. Those never become article URLs (they would publish a
 * path on the build machine): the item gets a guid from its path inside the config folder instead, stable
 * across checkouts, and renders as an article page of its own like a files-source item.
 */
function localIdentity(item: RawItem, sourceId: string, configRoot: string): RawItem {
  if (!item.link?.startsWith("file:")) return item;
  const fragment = item.link.slice(withoutFragment(item.link).length);
  const relative = path
    .relative(configRoot, fileURLToPath(withoutFragment(item.link)))
    .split(path.sep)
    .join("/");
  const { link: _dropped, ...rest } = item;
  return { ...rest, guid: item.guid ?? `urn:crier:html:${sourceId}:${relative}${fragment}` };
}
