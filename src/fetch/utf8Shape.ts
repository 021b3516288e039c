import { isUtf8 } from "node:buffer";

/**
 * Counts well-formed non-ASCII UTF-8 sequences and malformed bytes. Legacy CJK text is malformed almost
 * everywhere (at best one character in four happens to look like UTF-8), while a UTF-8 document with a
 * stray Latin-1 byte or a cut-off character is well-formed almost everywhere: the ratio tells them apart.
 */
export function utf8Shape(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      // One damaged character counts once: skip the continuation bytes that belonged to it.
      invalid++;
      i++;
      while (i < bytes.length && bytes[i]! >= 0x80 && bytes[i]! <= 0xbf) i++;
    } else {
      valid++;
      i += length;
    }
  }
  return { valid, invalid };
}

/** Length of the well-formed sequence starting at `i` (RFC 3629: no overlongs, surrogates or > U+10FFFF), or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  const cont = (offset: number, low = 0x80, high = 0xbf) => {
    const b = bytes[i + offset];
    return b !== undefined && b >= low && b <= high;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** What the labels of a document say about UTF-8, for {@link looksLikeUtf8}. */
export type Utf8Labels = "utf-8" | "other" | "both" | "none";

/**
 * Whether bytes that are not valid UTF-8 should still be read as UTF-8 (their malformed bytes becoming
 * U+FFFD), given what the document's labels say. Legacy CJK or Cyrillic text has at most about one
 * well-formed-looking sequence per damaged character (a short one rarely three, by chance); UTF-8 with a
 * stray byte has many per damaged character.
 * - "utf-8": the only label says UTF-8, and it holds as in a browser unless the bytes are plainly a legacy
 *   encoding (two or more damaged characters and fewer than three good sequences for each).
 * - "other": a legacy label, which holds unless the bytes outweigh it: ten good sequences per damaged
 *   character, the label counting as one more damaged character (so a handful never overrides it).
 * - "both" / "none": the labels disagree or there are none, so the bytes decide: four good sequences per
 *   damaged character.
 */
export function looksLikeUtf8(bytes: Uint8Array, labels: Utf8Labels): boolean {
  const { valid, invalid } = utf8Shape(bytes);
  switch (labels) {
    case "utf-8":
      return invalid < 2 || valid >= 3 * invalid;
    case "other":
      return valid >= 10 * (invalid + 1);
    default:
      return valid > 0 && valid >= 4 * invalid;
  }
}

/** Malformed bytes are rare enough (≤ 1 in 4 sequences) that an unlabelled document is UTF-8 with damage. */
export function isMostlyUtf8(bytes: Uint8Array): boolean {
  return looksLikeUtf8(bytes, "none");
}

/**
 * Valid UTF-8 but for a character cut off at the very end (a truncated file or response): that is no sign
 * of another encoding, so such bytes count as valid UTF-8.
 */
export function isUtf8CutShort(bytes: Uint8Array): boolean {
  // The last sequence's lead byte is at most three bytes before the end.
  let start = bytes.length - 1;
  while (start >= 0 && start > bytes.length - 4 && bytes[start]! >= 0x80 && bytes[start]! <= 0xbf) start--;
  if (start < 0 || bytes[start]! < 0xc2 || bytes[start]! > 0xf4) return false;
  try {
    // fatal + stream: malformed bytes throw, an incomplete final sequence is held back (decodes to "").
    if (new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start), { stream: true }) !== "") {
      return false;
    }
  } catch {
    return false;
  }
  return isUtf8(bytes.subarray(0, start));
}
