// Public surface of the feed source: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (rss-parser) and JSON Feed 1.0/1.1.
export { FeedParseError } from "./feedParseError.js";
export { parseFeedDocument } from "./parseFeedDocument.js";
export { readFeedSource } from "./readFeedSource.js";
