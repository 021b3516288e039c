import type { RawFeed } from "../../model.js";
import { detachStrings } from "./detachStrings.js";
import { parseJsonFeed } from "./json/parseJsonFeed.js";
import { MAX_ENTRIES_PARSED, parseXmlFeed } from "./xml/parseXmlFeed.js";

/**
 * Parses a decoded feed document: JSON Feed when the text starts with `{` (after BOM/whitespace), else
 * RSS/Atom XML. Pure (no I/O); throws FeedParseError when the document is not a readable feed.
 * `documentUrl` is only used to resolve xml:base values, which may be relative.
 */
export async function parseFeedDocument(text: string, documentUrl: string | null): Promise<RawFeed> {
  if (/^[\uFEFF\s]*\{/.test(text)) return capItems(parseJsonFeed(text));
  // JSON.parse makes fresh strings; sax's point into the whole document (./detachStrings.ts).
  return detachStrings(capItems(await parseXmlFeed(text, documentUrl)));
}

/**
 * Entries kept from one document. fetch.maxBytes bounds bytes, not entries: a 1 MB feed of 20,000 tiny
 * items would otherwise be normalized and stored whole. Feeds list newest first, so the first ones stay.
 */
export const MAX_ITEMS_PER_DOCUMENT = MAX_ENTRIES_PARSED;

function capItems(feed: RawFeed): RawFeed {
  if (feed.items.length <= MAX_ITEMS_PER_DOCUMENT) return feed;
  return {
    ...feed,
    items: feed.items.slice(0, MAX_ITEMS_PER_DOCUMENT),
    warnings: [
      ...feed.warnings,
      `kept the first ${MAX_ITEMS_PER_DOCUMENT} of ${feed.items.length} entries (more than one document should hold)`,
    ],
  };
}
