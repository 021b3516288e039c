import type { FeedMeta } from "../types.js";
import { checkXml } from "../xml-check.js";
import { assertFeedShape } from "./shape-check.js";
import { serializeXml, type XmlDocument } from "./xml-tree.js";

/**
 * Serializes a corrected feed and refuses to return it unless it is well-formed and has the shape
 * readers and validators need: a bug in our fixes must never publish a broken feed.
 */
export function finishXmlFeed(doc: XmlDocument, meta: FeedMeta, kind: "rss" | "atom"): string {
  // feed.xsl renders RSS and Atom alike, so browsers show either file as a page.
  doc.instructions = meta.xsl ? [{ target: "xml-stylesheet", body: 'type="text/xsl" href="feed.xsl"' }] : [];
  const xml = serializeXml(doc);
  checkXml(xml, kind === "rss" ? "feed.xml" : "atom.xml");
  assertFeedShape(kind, xml);
  return xml;
}
