export { renderAtom, renderJsonFeed, renderRss } from "./feeds/index.js";
export { renderArticlePage, renderFeedXsl, renderIndexHtml, renderOpml } from "./pages/index.js";
export { articleLink, articlePagePath } from "./paths.js";
export type { FeedMeta, PageContext } from "./types.js";
export { checkXml } from "./xml-check.js";
