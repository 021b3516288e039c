// The cheerio-based parts of the html source, loaded by readHtmlSource.ts only once a list page changed:
// a build where every list page answers 304 never loads cheerio.
export { checkDetailSelectors, extractDetail } from "./extractDetail.js";
export { extractList } from "./extractList.js";
export { loadHtml } from "./loadHtml.js";
