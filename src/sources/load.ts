import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isHttpUrl } from "../config/urls.js";
import { acceptFor, decodeText, detectCharset, type FetchRequest } from "../fetch/index.js";
import type { SourceContext } from "./types.js";

export interface LoadedDocument {
  notModified: boolean;
  /** Decoded text; empty when notModified. */
  text: string;
  /** The decoder it was read with (utf-8, gb18030, big5hkscs, …); null when notModified. */
  charset: string | null;
  /** Final URL (after redirects) or file: URL. */
  documentUrl: string;
  etag: string | null;
  lastModified: string | null;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const UNCONDITIONAL_304 =
  "the server answered 304 Not Modified to a request without If-None-Match/If-Modified-Since";

export class SourcePathError extends Error {
  override name = "SourcePathError";
}

/** A source document as bytes: what `loadDocument` decodes, or what a parser thread receives. */
export interface FetchedDocument {
  notModified: boolean;
  /** Raw body; empty when notModified. */
  body: Buffer;
  /** Content-Type header (null for local files): one of the charset hints. */
  contentType: string | null;
  /** Final URL (after redirects) or file: URL. */
  documentUrl: string;
  etag: string | null;
  lastModified: string | null;
}

/** What a further page of a source (html detail or next page) adds to its requests. */
export type PageRequestOptions = Pick<FetchRequest, "stopOnRetryAfter" | "credentialsFrom">;

/**
 * Fetches a source's main document as bytes: over HTTP with the stored validators (conditional GET), or
 * from a local file under the config folder (examples, tests, offline mirrors). Local paths may not leave
 * that folder.
 */
export async function fetchDocument(
  location: string,
  context: SourceContext,
  kind: "xml" | "html" | "text",
  conditional = true,
  page: PageRequestOptions = {},
): Promise<FetchedDocument> {
  if (isHttpUrl(location)) {
    const etag = conditional ? context.etag : null;
    const lastModified = conditional ? context.lastModified : null;
    const result = await context.fetcher.fetch({
      url: location,
      etag,
      lastModified,
      signal: context.signal,
      accept: acceptFor(kind),
      ...page,
    });
    if (result.status === 304) {
      // 304 answers a conditional request only (RFC 9110 §15.4.5). To one without validators (a detail
      // page, a next list page) it is a broken server or cache, and says nothing about the page.
      if (!etag && !lastModified) throw new Error(UNCONDITIONAL_304);
      return {
        notModified: true,
        body: Buffer.alloc(0),
        contentType: null,
        documentUrl: result.url,
        etag: result.etag ?? context.etag,
        lastModified: result.lastModified ?? context.lastModified,
      };
    }
    return {
      notModified: false,
      body: result.body,
      contentType: result.contentType,
      documentUrl: result.url,
      etag: result.etag,
      lastModified: result.lastModified,
    };
  }
  const file = await resolveLocalPath(location, context.configDir);
  const info = await stat(file);
  // A FIFO or device would block the read past every deadline (a read of one cannot be aborted).
  if (!info.isFile()) throw new SourcePathError(`${location}: not a regular file`);
  const maxBytes = context.maxBytes ?? DEFAULT_MAX_BYTES;
  if (info.size > maxBytes) {
    throw new SourcePathError(
      `${location}: the file is ${info.size} bytes, over fetch.maxBytes (${maxBytes}); raise fetch.maxBytes or split the file`,
    );
  }
  // Local files have no ETag; the mtime serves as the validator so unchanged files can be skipped alike.
  return {
    notModified: false,
    body: await readFile(file, { signal: context.signal }),
    contentType: null,
    documentUrl: pathToFileURL(file).href,
    etag: null,
    lastModified: info.mtime.toUTCString(),
  };
}

/** `fetchDocument`, decoded (BOM, header, in-document declaration, then the fallback charset). */
export async function loadDocument(
  location: string,
  context: SourceContext,
  kind: "xml" | "html" | "text",
  conditional = true,
  page: PageRequestOptions = {},
): Promise<LoadedDocument> {
  const { body, contentType, ...document } = await fetchDocument(location, context, kind, conditional, page);
  if (document.notModified) return { ...document, text: "", charset: null };
  // Detected once and kept: an html page's links encode their query in its charset.
  const { charset } = detectCharset(body, { contentType, override: context.encoding, kind });
  return { ...document, text: decodeText(body, { override: charset, kind }), charset };
}

/** Resolves a path or file: URL against the config folder and refuses anything outside it. */
export async function resolveLocalPath(location: string, configDir: string): Promise<string> {
  const candidate = location.startsWith("file:")
    ? fileURLToPath(new URL(location, pathToFileURL(`${configDir}${path.sep}`)))
    : path.resolve(configDir, location);
  const root = await realpath(configDir);
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    throw new SourcePathError(`${location}: no such file (resolved to ${candidate})`);
  }
  if (!isInside(real, root)) {
    throw new SourcePathError(
      `${location}: resolves outside the config folder ${root}; local sources must stay inside it`,
    );
  }
  return real;
}

export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}
