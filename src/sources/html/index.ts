// Public surface of the html source: notice-list pages (+ optional detail pages) → raw items.
export { extractDetail } from "./extractDetail.js";
export { type ExtractedList, extractList } from "./extractList.js";
export { mergeDetail } from "./mergeDetail.js";
export {
  createHtmlSourceReader,
  DEFAULT_HTML_READER_OPTIONS,
  type HtmlReaderOptions,
  readHtmlSource,
} from "./readHtmlSource.js";
export { SelectorError } from "./selector.js";
