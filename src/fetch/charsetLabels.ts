import { iconvLite } from "./iconv.js";

// Legacy labels map to the superset decoders browsers actually use (WHATWG Encoding): a page labelled GB2312
// routinely contains GBK/GB18030 characters, Big5 pages contain HKSCS characters, Shift_JIS pages use the
// Windows-31J extensions, EUC-KR pages use UHC, and ISO-8859-1/ASCII pages are really windows-1252.
const ALIASES: Record<string, string> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "unicode-1-1-utf-8": "utf-8",
  "x-unicode20utf8": "utf-8",
  "utf-16": "utf-16le",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
  unicode: "utf-16le",
  gb2312: "gb18030",
  gbk: "gb18030",
  "x-gbk": "gb18030",
  gb18030: "gb18030",
  cp936: "gb18030",
  "windows-936": "gb18030",
  "euc-cn": "gb18030",
  csgb2312: "gb18030",
  "gb_2312-80": "gb18030",
  gb_2312: "gb18030",
  chinese: "gb18030",
  "iso-ir-58": "gb18030",
  "x-euc-cn": "gb18030",
  big5: "big5hkscs",
  "big5-hkscs": "big5hkscs",
  big5hkscs: "big5hkscs",
  "cn-big5": "big5hkscs",
  "x-x-big5": "big5hkscs",
  csbig5: "big5hkscs",
  cp950: "big5hkscs",
  shift_jis: "cp932",
  "shift-jis": "cp932",
  sjis: "cp932",
  "x-sjis": "cp932",
  ms_kanji: "cp932",
  csshiftjis: "cp932",
  "windows-31j": "cp932",
  ms932: "cp932",
  cp932: "cp932",
  "euc-jp": "eucjp",
  "x-euc-jp": "eucjp",
  cseucpkdfmtjapanese: "eucjp",
  "euc-kr": "cp949",
  "ks_c_5601-1987": "cp949",
  "ks_c_5601-1989": "cp949",
  ksc5601: "cp949",
  "windows-949": "cp949",
  cp949: "cp949",
  korean: "cp949",
  csksc56011987: "cp949",
  "iso-8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  "iso_8859-1": "windows-1252",
  latin1: "windows-1252",
  l1: "windows-1252",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  "ansi_x3.4-1968": "windows-1252",
  cp1252: "windows-1252",
  "x-cp1252": "windows-1252",
};

/**
 * Maps a charset label to the name of the decoder to use, or null when it is unknown (an unknown label is
 * ignored, as browsers do, rather than failing the source).
 */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const key = label
    .trim()
    .replace(/^["']|["']$/g, "")
    .trim()
    .toLowerCase();
  if (key === "") return null;
  const alias = ALIASES[key];
  if (alias) return alias;
  return iconvLite().encodingExists(key) ? key : null;
}

export function isUtf8(charset: string | null): boolean {
  return charset === "utf-8";
}

export function isUtf16(charset: string | null): boolean {
  return charset === "utf-16le" || charset === "utf-16be";
}

/** Labels that servlet containers (Tomcat, Jetty) send by default, often for pages that are really GBK. */
export function isWeakHeaderCharset(charset: string | null): boolean {
  return charset === "windows-1252";
}
