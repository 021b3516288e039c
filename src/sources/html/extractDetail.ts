import { load } from "cheerio";
import type { HtmlSourceConfig } from "../../config/index.js";
import type { RawItem } from "../../model.js";
import { trimDateNoise } from "./dateText.js";
import { documentBase } from "./links.js";
import { loadHtml } from "./loadHtml.js";
import { checkSelectors, parseSelector, selectText } from "./selector.js";

/**
 * Fields of one article's own page. Pure. Content is the inner HTML of the content selector's match (the
 * outer HTML of every match joined, when it matches several, e.g. `.article p`); `css@attr` takes an
 * attribute as text. `baseUrl` is the detail page's base, so normalize resolves the content's own links.
 */
export function extractDetail(
  html: string,
  pageUrl: string,
  detail: NonNullable<HtmlSourceConfig["detail"]>,
): Partial<RawItem> {
  const $ = loadHtml(html, "detail page");
  const root = $.root();
  checkDetailSelectors(detail);
  const result: Partial<RawItem> = { baseUrl: documentBase($, pageUrl) };
  if (detail.content) {
    const content = selectContent($, detail.content);
    if (content) result.contentHtml = content;
  }
  if (detail.date) {
    const date = trimDateNoise(selectText(root, detail.date));
    if (date) result.published = date;
  }
  if (detail.title) {
    const title = selectText(root, detail.title);
    if (title) result.title = title;
  }
  if (detail.author) {
    const author = authorName(selectText(root, detail.author));
    if (author) result.authors = [{ name: author }];
  }
  return result;
}

/** Throws a SelectorError naming the detail field whose CSS does not parse. */
export function checkDetailSelectors(detail: NonNullable<HtmlSourceConfig["detail"]>): void {
  checkSelectors(load("").root(), {
    "detail.content": { selector: detail.content },
    "detail.date": { selector: detail.date },
    "detail.title": { selector: detail.title },
    "detail.author": { selector: detail.author },
  });
}

function selectContent($: ReturnType<typeof load>, selector: string): string | undefined {
  const { css, attr } = parseSelector(selector);
  if (attr) return selectText($.root(), selector);
  const matches = $(css || "body");
  if (matches.length === 0) return undefined;
  const html =
    matches.length === 1
      ? (matches.html() ?? "")
      : matches
          .toArray()
          .map((node) => $.html(node))
          .join("\n");
  return html.trim() === "" ? undefined : html;
}

// "来源：市公安局" / "作者: 张三" → the name. On a combined info line ("发布时间：… 来源：市公安局 浏览次数：3")
// the author label is found anywhere and the next label ends the name.
const AUTHOR_LABEL =
  /(?:^|\s)(?:来源|來源|作者|发布者|發佈者|發布者|发布单位|發佈單位|發布單位|发布机构|發佈機構|供稿|编辑|編輯|责任编辑|責任編輯|source|author|by)\s*[：:]\s*/i;
const NEXT_LABEL = /\s+[^\s\d]{1,8}\s*[：:].*$/s;

export function authorName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const label = AUTHOR_LABEL.exec(raw);
  const rest = label ? raw.slice(label.index + label[0].length) : raw;
  const name = rest.replace(NEXT_LABEL, "").trim();
  return name === "" ? undefined : name;
}
