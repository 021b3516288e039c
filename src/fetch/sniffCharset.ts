import { createRequire } from "node:module";
import type { Parser } from "htmlparser2";
import { isKnownCharsetLabel } from "./charsetLabels.js";

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
// A `<meta>` is looked for up to `<body>`, but never further than this into a page without one.
const HTML_SCAN_BYTES = 256 * 1024;
const HTML_SCAN_CHUNK = 8192;
// The WHATWG "algorithm for extracting a character encoding from a meta element", on `content`.
const META_CONTENT_CHARSET = /charset[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"|'([^']*)'|([^\t\n\f\r ;"']+))/i;

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

/**
 * The label of the first `<meta>` that declares a charset the way browsers read one (WHATWG "prescan"): a
 * `charset` attribute, or `http-equiv="Content-Type"` with a `content` holding `charset=`. Any other meta
 * (`name="description" content="…charset=…"`, `data-charset`) is not a declaration, and a meta whose label
 * names no encoding is skipped. htmlparser2 tokenizes, so comments and the text of `<script>`, `<style>` and
 * `<title>` are not markup. The scan ends at `<body>` or after {@link HTML_SCAN_BYTES}: a browser still
 * honours a `<meta>` that a large inline script pushed far into the `<head>`.
 */
export function charsetFromHtmlMeta(body: Uint8Array): string | null {
  let found: string | null = null;
  let done = false;
  const parser: Parser = new (htmlParser())(
    {
      onopentag(name, attribs) {
        if (name === "meta") {
          const label = metaCharsetLabel(attribs);
          if (label === null || !isKnownCharsetLabel(label)) return;
          found = label;
        } else if (name !== "body") {
          return;
        }
        done = true;
        parser.pause();
      },
    },
    { decodeEntities: true },
  );
  const end = Math.min(body.length, HTML_SCAN_BYTES);
  for (let offset = 0; offset < end && !done; offset += HTML_SCAN_CHUNK) {
    parser.write(
      Buffer.from(body.subarray(offset, Math.min(offset + HTML_SCAN_CHUNK, end))).toString("latin1"),
    );
  }
  return found;
}

function metaCharsetLabel(attribs: Record<string, string>): string | null {
  if (attribs.charset !== undefined) return attribs.charset;
  const httpEquiv = attribs["http-equiv"];
  if (httpEquiv?.trim().toLowerCase() !== "content-type" || attribs.content === undefined) return null;
  const match = META_CONTENT_CHARSET.exec(attribs.content);
  return match ? (match[1] ?? match[2] ?? match[3] ?? null) : null;
}

let parserClass: typeof Parser | undefined;

/**
 * htmlparser2, loaded on first use (only a non-UTF-8 html page needs its `<meta>` read): every build loads
 * the fetch stage, and a build where nothing changed should not pay ~45 ms for a parser it never runs.
 * Synchronous, hence require (its CommonJS build).
 */
function htmlParser(): typeof Parser {
  parserClass ??= (createRequire(import.meta.url)("htmlparser2") as typeof import("htmlparser2")).Parser;
  return parserClass;
}
