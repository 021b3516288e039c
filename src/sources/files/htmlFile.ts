import { loadHtml } from "../html/loadHtml.js";
import { elementText } from "../html/selector.js";

export interface HtmlFileFields {
  title?: string;
  contentHtml: string;
  /** `<meta name="date|dcterms.date|…">` values, then `<time datetime>` ones, raw, in that order. */
  dates: string[];
  language?: string;
}

const DATE_META = ["date", "dcterms.date", "dc.date", "article:published_time", "pubdate", "publishdate"];

/**
 * A local HTML announcement: title from `<title>`, else the first `<h1>`; content is the body. A first
 * `<h1>` repeating the title is dropped from the content, since readers show the title above it.
 */
export function readHtmlFile(html: string): HtmlFileFields {
  const $ = loadHtml(html, "HTML file");
  const clean = (text: string | undefined) => text?.replace(/[\s\u00a0\u3000]+/g, " ").trim() || undefined;
  const h1 = $("h1").first();
  // Script and style text inside the <h1> is no part of the title.
  const title = clean($("title").first().text()) ?? clean(elementText(h1));
  if (title && clean(elementText(h1)) === title) h1.remove();
  // All of them: the caller takes the first that reads as a date, so `datetime="TBD"` hides no other.
  const dates: string[] = [];
  for (const name of DATE_META) {
    const date = clean($(`meta[name="${name}" i], meta[property="${name}" i]`).first().attr("content"));
    if (date) dates.push(date);
  }
  $("time[datetime]").each((_, element) => {
    const date = clean($(element).attr("datetime"));
    if (date) dates.push(date);
  });
  const body = $("body");
  const contentHtml = (body.length > 0 ? body.html() : $.root().html())?.trim() ?? "";
  const result: HtmlFileFields = { contentHtml, dates };
  if (title) result.title = title;
  const language = clean($("html").attr("lang"));
  if (language) result.language = language;
  return result;
}
