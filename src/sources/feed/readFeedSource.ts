import type { FeedSourceConfig } from "../../config/index.js";
import { loadDocument } from "../load.js";
import type { SourceReader } from "../types.js";

/** `type: "feed"` sources: conditional GET (or a local file), then RSS / Atom / JSON Feed parsing. */
export const readFeedSource: SourceReader<FeedSourceConfig> = async (source, context) => {
  const document = await loadDocument(source.url, context, "xml");
  const validators = {
    documentUrl: document.documentUrl,
    etag: document.etag,
    lastModified: document.lastModified,
  };
  if (document.notModified) {
    return { notModified: true, feed: { items: [], warnings: [] }, ...validators };
  }
  // Loaded only when there is something to parse (a 304 needs no parser).
  const { parseFeedDocument } = await import("./parseFeedDocument.js");
  const feed = await parseFeedDocument(document.text, document.documentUrl);
  return { notModified: false, feed, ...validators };
};
