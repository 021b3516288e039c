import { errorMessage } from "../../../errorMessage.js";
import { stripIllegalXmlChars } from "../../../fetch/index.js";
import type { RawFeed, RawItem } from "../../../model.js";
import { FeedParseError } from "../feedParseError.js";
import { collapseWhitespace, rssTitleToText } from "../text/htmlToText.js";
import { resolveBaseChain, resolveUrl } from "../text/resolveUrl.js";
import {
  atomAlternateLinkNode,
  atomText,
  elementBases,
  firstTextNode,
  mapXmlItem,
  readAuthors,
} from "./mapXmlItem.js";
import { maxElementDepth } from "./maxElementDepth.js";
import { type ParsedXmlFeed, parseWithRssParser } from "./parseWithRssParser.js";
import { readXmlExtras, type XmlExtras } from "./readXmlExtras.js";
import { repairXml } from "./repairXml.js";
import { stripDoctype } from "./stripDoctype.js";
import { truncateEntries } from "./truncateEntries.js";
import { unprefixFeedElements } from "./unprefixFeedElements.js";
import { firstText } from "./xml2jsNode.js";

/** Entries parsed from one document at most (parseFeedDocument keeps 1000 of them; see truncateEntries). */
export const MAX_ENTRIES_PARSED = 1000;

/** Real feeds nest a few dozen levels; xml2js/rss-parser recurse, so hostile depth would overflow the stack. */
export const MAX_ELEMENT_DEPTH = 512;

/**
 * RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 → RawFeed. Strict parse first; on failure the text is repaired
 * (./repairXml.ts) and parsed once more, and the warnings say what was repaired.
 */
export async function parseXmlFeed(text: string, documentUrl: string | null): Promise<RawFeed> {
  const warnings: string[] = [];
  const doctype = stripDoctype(text);
  if (doctype.removed) warnings.push("ignored the DOCTYPE declaration (DTD entities are never expanded)");
  // Illegal characters are removed up front: sax accepts some of them silently and they would reach output.
  const legal = stripIllegalXmlChars(doctype.text);
  if (legal.length !== doctype.text.length) warnings.push("repaired: removed XML-illegal control characters");
  let xml = unprefixFeedElements(legal);
  const cut = truncateEntries(xml, MAX_ENTRIES_PARSED);
  if (cut.total !== null) {
    xml = cut.text;
    warnings.push(
      `kept the first ${MAX_ENTRIES_PARSED} of ${cut.total} entries (more than one document should hold)`,
    );
  }
  checkDepth(xml);

  let parsed: ParsedXmlFeed;
  try {
    parsed = await parseWithRssParser(xml);
  } catch (strictError) {
    const repaired = repairXml(xml);
    if (repaired.repairs.length === 0) throw notAFeed(xml, strictError);
    // Removing leading garbage can bring a DOCTYPE into the prolog: strip it before the retry too.
    const retryDoctype = stripDoctype(repaired.text);
    if (retryDoctype.removed && !doctype.removed) {
      warnings.push("ignored the DOCTYPE declaration (DTD entities are never expanded)");
    }
    // Junk before the root hid it from the first look for a prefixed root.
    repaired.text = unprefixFeedElements(retryDoctype.text);
    checkDepth(repaired.text);
    try {
      parsed = await parseWithRssParser(repaired.text);
    } catch (error) {
      throw notAFeed(repaired.text, error, repaired.repairs);
    }
    xml = repaired.text;
    warnings.push(...repaired.repairs.map((repair) => `repaired: ${repair}`));
  }

  const extras = readXmlExtras(xml);
  if (extras.rssVersionMissing) warnings.push("repaired: <rss> has no version attribute; read as RSS 2.0");
  if (extras.items.length !== parsed.items.length) {
    warnings.push(
      `item count mismatch between parsers (${parsed.items.length} vs ${extras.items.length}); xml:base and xhtml may be incomplete`,
    );
  }
  const feed = mapFeed(parsed, extras, documentUrl);
  let skipped = 0;
  const atom = extras.format === "atom" || extras.format === "atom03";
  // Atom entries without an author inherit the feed's (RFC 4287 §4.2.1); a podcast's episodes its
  // itunes:author (RSS's channel author elements name the editor or webmaster, not the items' author).
  const feedAuthors = atom
    ? readAuthors(parsed.feed.author, [], (url, ...path) => {
        const chain = [...extras.feedBaseChain, ...elementBases(path)];
        return chain.length > 0 ? resolveUrl(url, resolveBaseChain(chain, documentUrl)) : url;
      })
    : readAuthors([], parsed.feed["itunes:author"], (url) => url);
  parsed.items.forEach((raw, index) => {
    const item = mapXmlItem(raw, extras.items[index], extras.format, documentUrl);
    if (!item.authors && feedAuthors.length > 0) item.authors = feedAuthors.map((author) => ({ ...author }));
    if (isEmpty(item)) skipped++;
    else feed.items.push(item);
  });
  if (skipped > 0) warnings.push(`skipped ${skipped} empty item${skipped === 1 ? "" : "s"}`);
  feed.warnings.push(...warnings);
  return feed;
}

function checkDepth(xml: string): void {
  if (maxElementDepth(xml, MAX_ELEMENT_DEPTH) > MAX_ELEMENT_DEPTH) {
    throw new FeedParseError(`feed rejected: elements nested deeper than ${MAX_ELEMENT_DEPTH} levels`);
  }
}

function mapFeed(parsed: ParsedXmlFeed, extras: XmlExtras, documentUrl: string | null): RawFeed {
  const raw = parsed.feed;
  const atom = extras.format === "atom" || extras.format === "atom03";
  const feed: RawFeed = { items: [], warnings: [] };
  const titleNode = raw.title[0];
  const title = atom
    ? atomText(titleNode, extras.feedTitle)
    : rssTitleToText(firstText(raw.title) ?? firstText(raw["dc:title"]) ?? "");
  if (title) feed.title = title;

  const link = atom ? atomAlternateLinkNode(raw.link) : firstTextNode(raw.link);
  if (link) {
    // The home page: against xml:base (the link's own too), then the document URL (a relative one must not
    // become the feed's URL).
    const chain = [...extras.feedBaseChain, ...elementBases([link.node])];
    feed.link = resolveUrl(link.href, resolveBaseChain(chain, documentUrl));
  }

  const description = atom
    ? (atomText(raw.subtitle[0], undefined) ?? atomText(raw.tagline[0], undefined))
    : firstText(raw.description);
  if (description) feed.description = collapseWhitespace(description);
  const language = firstText(raw.language) ?? firstText(raw["dc:language"]) ?? extras.feedLanguage;
  if (language) feed.language = language;
  return feed;
}

function isEmpty(item: RawItem): boolean {
  return (
    !item.title &&
    !item.link &&
    !item.guid &&
    !item.contentHtml &&
    !item.contentText &&
    !item.summary &&
    !item.enclosures &&
    // An image-only post (a media:thumbnail) is kept: normalize titles it by its image.
    !item.image
  );
}

function notAFeed(xml: string, error: unknown, repairs: string[] = []): FeedParseError {
  if (xml.trim() === "") {
    return new FeedParseError(
      `not a feed: the response is empty (${xml.length === 0 ? "0 bytes" : "only whitespace"})`,
    );
  }
  const head = xml.trimStart().slice(0, 200).toLowerCase();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<html[\s>]/.test(head)) {
    return new FeedParseError("not a feed: the document is an HTML page (check the feed URL)");
  }
  let message = errorMessage(error).split("\n").join(", ");
  // rss-parser walks the tree without checks: a TypeError means a required element (e.g. <channel>) is missing.
  if (error instanceof TypeError) message = `unexpected feed structure (${message})`;
  const tried = repairs.length > 0 ? ` (after repairs: ${repairs.join("; ")})` : "";
  return new FeedParseError(`not a valid RSS/Atom feed: ${message}${tried}`);
}
