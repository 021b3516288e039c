export { renderAtom } from "./atom.js";
export { FEED_FILES } from "./feed-input.js";
export { renderJsonFeed } from "./json-feed.js";
export { renderRss } from "./rss.js";
