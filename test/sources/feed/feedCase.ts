import type { RawFeed, RawItem } from "../../../src/model.js";

/** One row of the table-driven feed tests: a document and what the adapter (and normalize) must make of it. */
export interface FeedCase {
  name: string;
  /** Inline document, or `file` under test/fixtures/feeds/. */
  doc?: string;
  file?: string;
  /** Document URL passed to the parser; default DOC_URL. */
  url?: string | null;
  feed?: Partial<Omit<RawFeed, "items" | "warnings">>;
  /** Matched per index with toMatchObject; the item count must equal the list length unless `count` is set. */
  items?: Partial<RawItem>[];
  count?: number;
  /** RawItem keys that must be absent, per index. */
  missing?: Record<number, (keyof RawItem)[]>;
  /** Each pattern must match some warning; when omitted the feed must parse without warnings. */
  warnings?: RegExp[];
  /** The parse must fail with a message matching this. */
  error?: RegExp;
  /** Strings that must appear nowhere in the parsed result. */
  absent?: string[];
  /** Expected normalized fields per index (normalizeItems from src/normalize). */
  normalized?: {
    title?: string;
    url?: string | null;
    published?: string | null;
    updated?: string | null;
    id?: string;
    summary?: string;
    content?: string;
    categories?: string[];
    authors?: { name: string; email?: string; url?: string }[];
  }[];
}

export const DOC_URL = "https://example.org/feed.xml";

const NS = [
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:dcterms="http://purl.org/dc/terms/"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:media="http://search.yahoo.com/mrss/"',
  'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
  'xmlns:atom="http://www.w3.org/2005/Atom"',
].join(" ");

/** An RSS 2.0 document around the given item markup. */
export function rss2(items: string, channelExtra = "", version = "2.0"): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="${version}" ${NS}>
<channel>
<title>Example Channel</title>
<link>https://example.org/</link>
<description>Channel description</description>
${channelExtra}
${items}
</channel>
</rss>`;
}

/** An Atom 1.0 document around the given entry markup. */
export function atom(entries: string, feedAttrs = "", feedExtra = ""): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" ${NS.replace(' xmlns:atom="http://www.w3.org/2005/Atom"', "")} ${feedAttrs}>
<title>Example Atom</title>
<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
<updated>2024-03-01T10:00:00Z</updated>
${feedExtra}
${entries}
</feed>`;
}

/** An Atom 0.3 document around the given entry markup. */
export function atom03(entries: string, feedExtra = ""): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">
<title>Old Atom</title>
<link rel="alternate" type="text/html" href="https://old.example.org/"/>
<modified>2004-06-01T12:00:00Z</modified>
${feedExtra}
${entries}
</feed>`;
}

/** An RSS 1.0 (RDF) document; items are siblings of the channel. */
export function rdf(items: string, channelExtra = ""): string {
  return `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" ${NS}>
<channel rdf:about="https://rdf.example.org/">
<title>RDF Channel</title>
<link>https://rdf.example.org/</link>
<description>RDF description</description>
${channelExtra}
</channel>
${items}
</rdf:RDF>`;
}
