import { createRequire } from "node:module";
import Parser from "rss-parser";
import { asNodes, type XmlNode } from "./xml2jsNode.js";

// The rss-parser boundary. rss-parser (xml2js over sax, strict) parses the XML and detects RSS 0.9x / 1.0 /
// 2.0 / Atom; its own item mapping drops or mangles much (design §8), so every element we need is also
// requested raw through customFields with keepArray and mapped by ./mapItem.ts.

// rss-parser computes a contentSnippet for every item with the regex /<(?:.|\n)*?>/, quadratic on a "<"
// that never closes: 120 KB of "<a" in one description stalled the build for 12 s. crier never reads the
// snippet, so rss-parser's helper (called through its utils module object) makes none.
(
  createRequire(import.meta.url)("rss-parser/lib/utils.js") as { getSnippet: (s: string) => string }
).getSnippet = () => "";

/** Item/entry children requested raw; the key under which rss-parser copies them is `raw:<name>`. */
const ITEM_ELEMENTS = [
  "title",
  "dc:title",
  "link",
  "atom:link",
  "feedburner:origLink",
  "guid",
  "id",
  "author",
  "atom:author",
  "dc:creator",
  "category",
  "dc:subject",
  "media:category",
  "description",
  "dc:description",
  "dcterms:description",
  "dcterms:abstract",
  "content:encoded",
  "content",
  "summary",
  "pubDate",
  "dc:date",
  "atom-published",
  "atom-updated",
  "issued",
  "modified",
  "created",
  "dcterms:issued",
  "dcterms:created",
  "dcterms:modified",
  "dcterms:date",
  "dc:language",
  "language",
  "enclosure",
  "feedburner:origEnclosureLink",
  "media:content",
  "media:peerLink",
  "media:thumbnail",
  "media:group",
  "media:description",
  "itunes:image",
  "itunes:summary",
  "itunes:subtitle",
  "itunes:author",
  "googleplay:author",
  "image",
  "source",
] as const;

const FEED_ELEMENTS = [
  "title",
  "link",
  "description",
  "subtitle",
  "tagline",
  "language",
  "dc:language",
  "dc:title",
  "author",
  "itunes:author",
] as const;

export type ItemElement = (typeof ITEM_ELEMENTS)[number];
export type FeedElement = (typeof FEED_ELEMENTS)[number];

export interface ParsedXmlFeed {
  feed: Record<FeedElement, XmlNode[]>;
  items: Record<ItemElement, XmlNode[]>[];
}

const rawField = (name: string): [string, string, { keepArray: true }] => [
  name,
  `raw:${name}`,
  { keepArray: true },
];

function createParser(needsAttributes: boolean): Parser {
  return new Parser({
    // Unversioned <rss> is read as 2.0 (rss-parser otherwise rejects it); the caller warns about it.
    defaultRSS: 2,
    customFields: {
      feed: FEED_ELEMENTS.map(rawField) as unknown as string[],
      item: ITEM_ELEMENTS.map(rawField) as unknown as string[],
    },
    xml2js: {
      // rss-parser calls new Date(x).toISOString() on Atom published/updated, which throws on a garbage date
      // and fails the whole feed; renamed elements are not touched by it and come back raw through customFields.
      // RSS items carry the same dates as atom:updated / a10:updated (Blogger, .NET's SyndicationFeed).
      // rss-parser reads `.$.text` of each of several channel itunes:keywords and calls .split() on a single
      // one: repeated, attribute-only (`text="…"`) or element-holding keywords throw on the whole feed.
      // Keywords are not read, so they are renamed out of its way.
      tagNameProcessors: [
        (name: string) => {
          if (name === "itunes:keywords") return "unread-itunes-keywords";
          // .NET's SyndicationFeed writes an RSS item's links as a10:link (a10 bound to Atom).
          if (name === "a10:link") return "atom:link";
          const atomDate = /^(?:(?:atom|a10):)?(published|updated)$/.exec(name);
          return atomDate ? `atom-${atomDate[1]}` : name;
        },
      ],
      // xml2js builds an xpath string for every element it closes when a validator is set: only pay for
      // that when the document has an element the validator changes (one without any attribute).
      ...(needsAttributes ? { validator: giveAttributes } : {}),
    },
  });
}

// rss-parser reads `.$.rel` of every Atom link and `.$.text` of every itunes:category; an element without
// attributes (`<link>https://…</link>`, `<itunes:category/>`) has no `$` and makes it throw on the whole feed.
const NEEDS_ATTRIBUTES = new Set(["/feed/link", "/feed/entry/link", "/rss/channel/itunes:category"]);

/**
 * Whether the text can hold one of those elements without any attribute (otherwise giveAttributes would
 * change nothing). Atom paths need a <feed> root, so RSS's plain <link>…</link> does not count.
 */
function mayNeedAttributes(xml: string): boolean {
  return (
    (xml.includes("<itunes:category") && /<itunes:category\s*\/?>/.test(xml)) ||
    (xml.includes("<feed") && /<link\s*\/?>/.test(xml))
  );
}

function giveAttributes(xpath: string, _current: unknown, value: unknown): unknown {
  if (!NEEDS_ATTRIBUTES.has(xpath)) return value;
  if (typeof value === "string") return { _: value, $: {} };
  if (value && typeof value === "object" && !("$" in value)) return { ...value, $: {} };
  return value;
}

const rawKeys = <K extends string>(names: readonly K[]): [K, string][] =>
  names.map((name) => [name, `raw:${name}`]);
const ITEM_KEYS = rawKeys(ITEM_ELEMENTS);
const FEED_KEYS = rawKeys(FEED_ELEMENTS);

function pick<K extends string>(source: Record<string, unknown>, keys: [K, string][]): Record<K, XmlNode[]> {
  const result = {} as Record<K, XmlNode[]>;
  for (const [name, key] of keys) result[name] = asNodes(source[key]);
  return result;
}

/** Strict parse; rejects with rss-parser's / sax's message on malformed XML or an unknown root. */
export async function parseWithRssParser(xml: string): Promise<ParsedXmlFeed> {
  const output = (await createParser(mayNeedAttributes(xml)).parseString(xml)) as unknown as Record<
    string,
    unknown
  > & {
    items?: unknown[];
  };
  const items = (output.items ?? []).map((item) => pick(item as Record<string, unknown>, ITEM_KEYS));
  return { feed: pick(output, FEED_KEYS), items };
}
