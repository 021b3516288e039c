// fetch.maxBytes bounds bytes, not entries: 10 MB of `<item/>` is 1.4 million items, and rss-parser
// (xml2js) builds every one of them as objects before crier could keep the first 1000 — gigabytes, and a
// build killed by the heap limit. Documents with more entries are cut before parsing.

export interface TruncatedEntries {
  text: string;
  /** Entries in the whole document, when it was cut (else null). */
  total: number | null;
}

const ENTRY_START = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(?:item|entry)(?=[\s/>])/g;

/**
 * The document with at most `limit` entries (`<item>`/`<entry>`, after unprefixing): cut before the next
 * entry's start tag and closed with the end tags of the elements that hold the entries.
 */
export function truncateEntries(xml: string, limit: number): TruncatedEntries {
  // Cheap first look (memchr-fast): most documents have far fewer start tags than the limit.
  if (roughEntryCount(xml, limit) <= limit) return { text: xml, total: null };
  let count = 0;
  let cut = -1;
  for (const match of xml.matchAll(ENTRY_START)) {
    if (match[0].charCodeAt(1) === 33) continue; // "<!": CDATA or comment
    count++;
    if (count === limit + 1) cut = match.index;
  }
  const closing = closingTags(xml);
  if (cut === -1 || closing === null) return { text: xml, total: null };
  return { text: xml.slice(0, cut) + closing, total: count };
}

function roughEntryCount(xml: string, limit: number): number {
  let count = 0;
  for (const needle of ["<item", "<entry"]) {
    for (let at = xml.indexOf(needle); at !== -1 && count <= limit; at = xml.indexOf(needle, at + 1)) count++;
  }
  return count;
}

/**
 * End tags for the open containers at an entry boundary: channel + rss (RSS 2.0), else the root (feed,
 * rdf:RDF). The root is looked for by name: servers put PHP warnings (`<br /><b>Warning</b>`) before it.
 */
function closingTags(xml: string): string | null {
  const name = /<((?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF))(?=[\s>])/.exec(xml)?.[1];
  if (name === undefined) return null;
  return name.replace(/^.*:/, "") === "rss" ? `</channel></${name}>` : `</${name}>`;
}
