// The parsing parts of the html source (cheerio, htmlparser2, the date parser), loaded by readHtmlSource.ts
// only once a list page changed: a build where every list page answers 304 never loads them.
export { checkDetailSelectors, extractDetail } from "./extractDetail.js";
export { extractList } from "./extractList.js";
export { loadHtml } from "./loadHtml.js";
export { mergeDetail } from "./mergeDetail.js";
export { cleanText } from "./selector.js";
