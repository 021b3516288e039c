/** Charset parameter of a Content-Type header value, e.g. `text/html; charset="GBK"` → `GBK`. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("([^"]*)"|[^;\s]+)/i.exec(contentType);
  if (!match) return null;
  return (match[2] ?? match[1] ?? "").trim() || null;
}

export type Bom = { charset: "utf-8" | "utf-16le" | "utf-16be"; length: number };

export function sniffBom(body: Uint8Array): Bom | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { charset: "utf-8", length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { charset: "utf-16le", length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { charset: "utf-16be", length: 2 };
  return null;
}

// Labels are ASCII, so reading the head as latin1 finds them whatever the real (ASCII-compatible) charset is.
const XML_SCAN_BYTES = 2048;
const HTML_SCAN_BYTES = 8192;

const XML_DECLARATION = /<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/;
// A document element before the `<?xml` means the declaration is not the document's (e.g. it is in a CDATA
// example inside a feed that has none).
const ROOT_ELEMENT = /<(?:rss|feed|rdf:RDF|RDF|html)[\s>]/i;

/**
 * `encoding=` of the XML declaration; also recognises BOM-less UTF-16 by the shape of `<?`. The declaration
 * may follow junk in the first KBs (a PHP notice printed before the feed), which the XML repair removes
 * later: the label still names the charset of what follows.
 */
export function charsetFromXmlDeclaration(body: Uint8Array): string | null {
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] === 0x3f && body[3] === 0x00) return "utf-16le";
  if (body[0] === 0x00 && body[1] === 0x3c && body[2] === 0x00 && body[3] === 0x3f) return "utf-16be";
  const head = Buffer.from(body.subarray(0, XML_SCAN_BYTES)).toString("latin1");
  const match = XML_DECLARATION.exec(head);
  if (!match?.[1] || ROOT_ELEMENT.test(head.slice(0, match.index))) return null;
  return match[1];
}

/** `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first few KB. */
export function charsetFromHtmlMeta(body: Uint8Array): string | null {
  const head = Buffer.from(body.subarray(0, HTML_SCAN_BYTES))
    .toString("latin1")
    .replace(/<!--[\s\S]*?-->/g, "");
  for (const tag of head.matchAll(/<meta\b[^>]*>/gi)) {
    const match = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(tag[0]);
    if (match?.[1]) return match[1];
  }
  return null;
}
