import type { Cheerio, CheerioAPI } from "cheerio";
import type { AnyNode } from "domhandler";
import type { HtmlSourceConfig } from "../../config/index.js";
import type { RawItem } from "../../model.js";
import { trimDateNoise } from "./dateText.js";
import { documentBase, resolveLink } from "./links.js";
import { loadHtml } from "./loadHtml.js";
import {
  checkSelectors,
  elementText,
  parseSelector,
  selectFirst,
  selectHref,
  selectText,
} from "./selector.js";

export interface ExtractedList {
  items: RawItem[];
  /** Absolute URL of the next page (list.next), or null. */
  nextUrl: string | null;
}

/**
 * Items of one notice-list page. Pure: HTML in, raw items out. Links are made absolute against the page
 * (honouring `<base href>`); dates stay raw strings for normalize, which knows the source time zone.
 */
export function extractList(
  page: string | CheerioAPI,
  pageUrl: string,
  list: HtmlSourceConfig["list"],
  /** The page's charset: links encode their query in it. */
  charset = "utf-8",
): ExtractedList {
  // A page the caller already parsed is not parsed again.
  const $ = typeof page === "string" ? loadHtml(page, "list page") : page;
  checkSelectors($.root(), {
    "list.item": { selector: list.item, plainCss: true },
    "list.title": { selector: list.title },
    "list.link": { selector: list.link },
    "list.date": { selector: list.date },
    "list.summary": { selector: list.summary },
    "list.next": { selector: list.next },
  });
  const base = documentBase($, pageUrl);
  const items: RawItem[] = [];
  $(list.item).each((_, node) => {
    const entry = $(node);
    const title = listTitle(entry, list.title);
    const rawLink = list.link ? selectHref(entry, list.link) : defaultHref(entry);
    const link = resolveLink(rawLink, base, pageUrl, charset);
    if (!title && !link) return;
    const item: RawItem = { baseUrl: base };
    if (title) item.title = title;
    if (link) item.link = link;
    const date = list.date ? trimDateNoise(selectText(entry, list.date)) : undefined;
    if (date) item.published = date;
    const summary = list.summary ? selectText(entry, list.summary) : undefined;
    if (summary) {
      item.summary = summary;
      item.summaryFormat = "text";
    }
    items.push(item);
  });
  let nextUrl: string | null = null;
  if (list.next) {
    const root = $.root();
    const { attr } = parseSelector(list.next);
    const raw = attr ? selectText(root, list.next) : selectHref(root, list.next);
    nextUrl = resolveLink(raw, base, pageUrl, charset);
  }
  return { items, nextUrl };
}

/**
 * The title selector's value. For `css@attr` (typically `a@title`, where sites keep the full title of an
 * entry whose text is cut short with "…"), an element without that attribute falls back to its text.
 */
function listTitle(entry: Cheerio<AnyNode>, selector: string): string | undefined {
  const value = selectText(entry, selector);
  if (value) return value;
  const { css, attr } = parseSelector(selector);
  if (!attr) return undefined;
  const element = selectFirst(entry, css);
  const text = element ? elementText(element) : "";
  return text === "" ? undefined : text;
}

/** Without list.link: the entry's own href when it is a link, else its first link's. */
function defaultHref(entry: Cheerio<AnyNode>): string | undefined {
  const own = entry.is("a") ? entry.attr("href") : undefined;
  return (own ?? entry.find("a[href]").first().attr("href"))?.trim() || undefined;
}
