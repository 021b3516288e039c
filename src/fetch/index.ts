// Public surface of the fetch stage: HTTP (createFetcher) and bytes → text (decodeText).

export { normalizeCharset } from "./charsetLabels.js";
export { acceptFor, createFetcher, DEFAULT_ACCEPT } from "./client.js";
export {
  type CharsetChoice,
  type CharsetReason,
  type DecodeOptions,
  decodeText,
  detectCharset,
  UnknownEncodingError,
} from "./decode.js";
export { parseRetryAfter } from "./retryAfter.js";
export { stripIllegalXmlChars } from "./stripIllegalXmlChars.js";
export * from "./types.js";
export { defaultUserAgent } from "./userAgent.js";
