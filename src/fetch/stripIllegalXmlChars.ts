// XML 1.0 forbids C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF and unpaired surrogates; one of them in
// an output feed makes it unparseable, so they are removed right after decoding, for every kind of source.
const ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// The lookarounds make ILLEGAL slow on long texts; almost every text has none of these, so check first.
const ILLEGAL_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

// String.prototype.isWellFormed (Node 20) is ES2024, newer than the project's lib typings.
const isWellFormed = (text: string): boolean =>
  (text as unknown as { isWellFormed(): boolean }).isWellFormed();

export function stripIllegalXmlChars(text: string): string {
  if (!ILLEGAL_CONTROL.test(text) && isWellFormed(text)) return text;
  return text.replace(ILLEGAL, "");
}
