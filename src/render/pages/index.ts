// Public surface of the pages people open: index.html, article pages, sources.opml, feed.xsl.
export { escapeHtml, type HtmlValue, html, raw, SafeHtml } from "./html.js";
export { renderArticlePage } from "./renderArticlePage.js";
export { renderFeedXsl } from "./renderFeedXsl.js";
export { renderIndexHtml } from "./renderIndexHtml.js";
export { type OpmlSource, renderOpml } from "./renderOpml.js";
