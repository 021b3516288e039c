import { isUtf8 as isValidUtf8 } from "node:buffer";
import {
  isUtf8,
  isUtf16,
  isWeakHeaderCharset,
  normalizeCharset,
  unsupportedEncoding,
} from "./charsetLabels.js";
import { iconvLite } from "./iconv.js";
import {
  charsetFromContentType,
  charsetFromHtmlMeta,
  charsetFromXmlDeclaration,
  sniffBom,
} from "./sniffCharset.js";
import { stripIllegalXmlChars } from "./stripIllegalXmlChars.js";
import { isUtf8CutShort, looksLikeUtf8 } from "./utf8Shape.js";

export interface DecodeOptions {
  /** The HTTP Content-Type header (its `charset=` parameter is a label). */
  contentType?: string | null;
  /** The source's configured `encoding`: always wins. */
  override?: string | null;
  /** Where to look for an in-document label: the XML declaration (xml) or `<meta>` (html). */
  kind?: "xml" | "html" | "text";
}

export type CharsetReason = "override" | "bom" | "utf-8" | "header" | "document" | "fallback";

export interface CharsetChoice {
  /** Codec name (normalized: gbk, gb18030, big5hkscs, cp932, windows-1252, utf-8, …). */
  charset: string;
  reason: CharsetReason;
}

const UTF16_SCAN_BYTES = 1024;

export class UnknownEncodingError extends Error {
  override name = "UnknownEncodingError";
}

/**
 * Picks the charset of a document: override, then BOM, then valid UTF-8 (it wins over any other label), then
 * the HTTP header and the XML declaration or `<meta>`. Bytes that are not quite UTF-8 are weighed against
 * the labels ({@link looksLikeUtf8}): a lone UTF-8 label holds unless the bytes are plainly legacy, a legacy
 * label holds unless the bytes are overwhelmingly UTF-8. An ISO-8859-1/ASCII header (the Tomcat/Jetty
 * default) yields to the document's own label. A UTF-16 label on bytes without NULs (so not UTF-16) is
 * ignored. With no usable label, see {@link fallbackCharset}.
 */
export function detectCharset(body: Uint8Array, opts: DecodeOptions = {}): CharsetChoice {
  if (opts.override != null && opts.override !== "") {
    const forced = normalizeCharset(opts.override);
    if (!forced) {
      throw new UnknownEncodingError(
        `unknown encoding "${opts.override}" (try gbk, gb18030, big5, shift_jis, euc-kr, euc-jp, windows-1252, utf-8)`,
      );
    }
    return { charset: forced, reason: "override" };
  }
  const bom = sniffBom(body);
  if (bom) return { charset: bom.charset, reason: "bom" };
  // 7-bit, so it would pass as UTF-8 and lose its escape sequences to the XML-illegal character filter.
  if (body.includes(ESC) && isIso2022(body)) {
    const label = [
      charsetFromContentType(opts.contentType),
      opts.kind === "html" ? charsetFromHtmlMeta(body) : null,
      opts.kind !== "text" ? charsetFromXmlDeclaration(body) : null,
    ]
      .map(unsupportedEncoding)
      .find((encoding) => encoding !== null);
    throw new UnknownEncodingError(
      `the document is in ${label ?? "ISO-2022 (JIS)"}, which crier cannot decode (it has escape sequences such as ESC $ B)`,
    );
  }

  // UTF-16 text without a BOM is full of NULs and other bytes that also happen to be valid UTF-8, so a
  // UTF-16 label wins over the UTF-8 check — but only on bytes that can be UTF-16. ASCII markup in UTF-16
  // always has NULs; without any, the label is wrong (XML 1.0 Appendix F: `<?xm` as 3C 3F 78 6D is not
  // UTF-16), e.g. .NET's StringWriter declares encoding="utf-16" on the UTF-8 it sends.
  const mayBeUtf16 = body.subarray(0, UTF16_SCAN_BYTES).includes(0);
  // Valid UTF-8 wins over any other label, so most documents need no label at all.
  const validUtf8 = isValidUtf8(body) || isUtf8CutShort(body);
  if (validUtf8 && !mayBeUtf16) return { charset: "utf-8", reason: "utf-8" };

  const kind = opts.kind ?? "text";
  let header = normalizeCharset(charsetFromContentType(opts.contentType));
  let inDocument: string | null = null;
  if (kind === "xml") inDocument = normalizeCharset(charsetFromXmlDeclaration(body));
  if (kind === "html") {
    inDocument =
      normalizeCharset(charsetFromHtmlMeta(body)) ?? normalizeCharset(charsetFromXmlDeclaration(body));
  }
  if (!mayBeUtf16) {
    if (isUtf16(header)) header = null;
    if (isUtf16(inDocument)) inDocument = null;
  }
  const utf16Label = [header, inDocument].find(isUtf16);
  if (utf16Label) return { charset: utf16Label, reason: header === utf16Label ? "header" : "document" };
  if (validUtf8) return { charset: "utf-8", reason: "utf-8" };

  // The servlet containers' default header is no evidence against the document's own label: it is only
  // used when that label is not.
  const weakHeader = isWeakHeaderCharset(header) && inDocument !== null;
  const fromHeader: CharsetChoice[] = header ? [{ charset: header, reason: "header" }] : [];
  const fromDocument: CharsetChoice[] = inDocument ? [{ charset: inDocument, reason: "document" }] : [];
  const labels = weakHeader ? [...fromDocument, ...fromHeader] : [...fromHeader, ...fromDocument];
  const weighed = weakHeader ? labels.slice(0, 1) : labels;
  const utf8Label = weighed.find((label) => isUtf8(label.charset));
  const legacyLabel = weighed.find((label) => !isUtf8(label.charset));
  const said = utf8Label ? (legacyLabel ? "both" : "utf-8") : legacyLabel ? "other" : "none";
  if (looksLikeUtf8(body, said)) return { charset: "utf-8", reason: utf8Label?.reason ?? "utf-8" };
  const legacy = labels.find((label) => !isUtf8(label.charset));
  if (legacy) return legacy;
  return { charset: fallbackCharset(body), reason: "fallback" };
}

const ESC = 0x1b;
// ESC $ then @, A, B (ISO-2022-JP/CN) or ( ) * + (a designation of a multibyte set, ISO-2022-JP/KR/CN).
const ISO_2022_FINALS = new Set([0x40, 0x41, 0x42, 0x28, 0x29, 0x2a, 0x2b]);

/** 7-bit text switching to a multibyte character set with ISO 2022 escape sequences. */
function isIso2022(body: Uint8Array): boolean {
  let found = false;
  for (let i = body.indexOf(ESC); i !== -1 && !found; i = body.indexOf(ESC, i + 1)) {
    found = body[i + 1] === 0x24 && ISO_2022_FINALS.has(body[i + 2] ?? 0);
  }
  return found && body.every((byte) => byte < 0x80);
}

/**
 * No label and not UTF-8. crier's unlabelled legacy sources are overwhelmingly Chinese government pages, so
 * GB18030 is tried first, and kept when it decodes every byte; otherwise windows-1252, which never fails and
 * keeps Western pages readable. Big5 or Shift_JIS pages without any label need `encoding` in the config.
 */
export function fallbackCharset(body: Uint8Array): string {
  const asGb = iconvLite().decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), "gb18030");
  return asGb.includes("\uFFFD") ? "windows-1252" : "gb18030";
}

/** Bytes → text by {@link detectCharset}, with XML-illegal characters removed. */
export function decodeText(body: Buffer, opts: DecodeOptions = {}): string {
  const { charset } = detectCharset(body, opts);
  return stripIllegalXmlChars(decodeWith(body, charset));
}

function decodeWith(body: Buffer, charset: string): string {
  // TextDecoder drops a leading UTF-8 BOM; iconv-lite drops the BOM of its UTF-16 and other decoders.
  if (charset === "utf-8") return new TextDecoder("utf-8").decode(body);
  // GBK pages routinely hold GB18030-only characters: browsers decode them with GB18030 too.
  return iconvLite().decode(body, charset === "gbk" ? "gb18030" : charset);
}
