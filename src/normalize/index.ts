// Public surface of the normalize stage: RawItem (+ context) → Article, and the helpers other stages reuse.

export { normalizeAuthors, normalizeCategories } from "./authors.js";
export { type ParseDateOptions, parseDate } from "./dates/index.js";
export { type ArticleIdInput, articleId, mintedId } from "./ids.js";
export { type NormalizeItemOptions, normalizeItem, normalizeItems, textToHtml } from "./normalizeItem.js";
export { checkRegexSafety } from "./regexSafety.js";
export { sanitizeHtml } from "./sanitize.js";
export { collapseWhitespace, htmlToText, summarize, textLine } from "./text.js";
export { deriveTitle } from "./title.js";
export { applyTransforms, applyTransformsToHtml, compileTransforms } from "./transforms.js";
export type { CompiledTransform, NormalizeContext } from "./types.js";
export { type CanonicalOptions, canonicalUrl, resolveUrl, withoutFragment } from "./urls.js";
