import type { RawFeed } from "../../model.js";
import { parseJsonFeed } from "./json/parseJsonFeed.js";
import { parseXmlFeed } from "./xml/parseXmlFeed.js";

/**
 * Parses a decoded feed document: JSON Feed when the text starts with `{` (after BOM/whitespace), else
 * RSS/Atom XML. Pure (no I/O); throws FeedParseError when the document is not a readable feed.
 * `documentUrl` is only used to resolve xml:base values, which may be relative.
 */
export async function parseFeedDocument(text: string, documentUrl: string | null): Promise<RawFeed> {
  if (/^[\uFEFF\s]*\{/.test(text)) return parseJsonFeed(text);
  return parseXmlFeed(text, documentUrl);
}
