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

/** Malformed bytes are rare enough (≤ 1 in 10 sequences) that the document is UTF-8 with damage. */
export function isMostlyUtf8(bytes: Uint8Array): boolean {
  const { valid, invalid } = utf8Shape(bytes);
  return valid >= 10 * invalid && valid > 0;
}
