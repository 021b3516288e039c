// XML 1.0 forbids C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF and unpaired surrogates; one of them in
// an output feed makes it unparseable, so they are removed right after decoding, for every kind of source.
const ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL, "");
}
