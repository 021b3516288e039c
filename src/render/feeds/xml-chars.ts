// Characters XML 1.0 forbids (§2.2 Char): C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
// One such character makes the whole document unparseable, and sources do contain them (U+000B from Word,
// U+0000 from broken CMSes).
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;
const ILLEGAL_ALL = new RegExp(ILLEGAL.source, "gu");
// C1 controls are legal XML but never meaningful text; the feed validator flags them, so input loses them too.
const C1_ALL = /[\u007F-\u009F]/gu;

/** Removes characters that are illegal (C0, lone surrogates, U+FFFE/F) or useless (C1) in XML text. */
export function stripXmlIllegalChars(text: string): string {
  return text.replace(ILLEGAL_ALL, "").replace(C1_ALL, "");
}

/** Index and code point of the first character XML 1.0 forbids, or null. */
export function findXmlIllegalChar(text: string): { index: number; codePoint: number } | null {
  const match = ILLEGAL.exec(text);
  if (match === null) return null;
  return { index: match.index, codePoint: match[0].codePointAt(0) ?? 0 };
}
