import { load } from "cheerio";
import type { HtmlSourceConfig } from "../../config/index.js";
import type { RawItem } from "../../model.js";
import { trimDateNoise } from "./dateText.js";
import { documentBase, queryInCharset } from "./links.js";
import { loadHtml } from "./loadHtml.js";
import { checkSelectors, parseSelector, selectText } from "./selector.js";

/**
 * Fields of one article's own page. Pure. Content is the inner HTML of the content selector's match (the
 * outer HTML of every match joined, when it matches several, e.g. `.article p`); `css@attr` takes an
 * attribute as text. `baseUrl` is the detail page's base, so normalize resolves the content's own links.
 * `charset` is the page's: the content's link queries are encoded in it, as a browser does.
 */
export function extractDetail(
  html: string,
  pageUrl: string,
  detail: NonNullable<HtmlSourceConfig["detail"]>,
  charset = "utf-8",
): Partial<RawItem> {
  const $ = loadHtml(html, "detail page");
  const root = $.root();
  checkDetailSelectors(detail);
  const result: Partial<RawItem> = { baseUrl: documentBase($, pageUrl) };
  if (detail.content) {
    const content = selectContent($, detail.content, charset);
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

function selectContent($: ReturnType<typeof load>, selector: string, charset: string): string | undefined {
  const { css, attr } = parseSelector(selector);
  if (attr) return selectText($.root(), selector);
  const matches = $(css || "body");
  if (matches.length === 0) return undefined;
  // Normalize resolves these links without knowing the page's charset: their queries are encoded now.
  if (charset !== "utf-8") {
    const linked = matches.find("[href], [src]").add(matches.filter("[href], [src]"));
    linked.each((_, node) => {
      for (const name of ["href", "src"]) {
        const value = node.attribs[name];
        if (value !== undefined) node.attribs[name] = queryInCharset(value, charset);
      }
    });
  }
  const html =
    matches.length === 1
      ? (matches.html() ?? "")
      : matches
          .toArray()
          .map((node) => $.html(node))
          .join("\n");
  return html.trim() === "" ? undefined : html;
}

// "来源：市公安局" / "信息来源：市公安局" / "作者: 张三" → the name. On a combined info line ("发布时间：…
// 来源：市公安局 浏览次数：3") the author label is found anywhere and the next label ends the name; a label
// with nothing after it ("来源：  作者：张三") gives way to the next author label.
const AUTHOR_LABEL =
  /(?<=^|\s)(?:(?:信息|文章|新闻|新聞|稿件|资讯|資訊|消息|内容|內容)?(?:来源|來源)|作者|发布者|發佈者|發布者|发布单位|發佈單位|發布單位|发布机构|發佈機構|供稿|编辑|編輯|责任编辑|責任編輯|source|author|by)\s*[：:]\s*/gi;
const NEXT_LABEL = /\s+[^\s\d]{1,8}\s*[：:].*$/s;
/** A value that is itself the next label: the field before it was left empty. */
const LEADING_LABEL = /^[^\s\d]{1,8}\s*[：:]/;
/** Info-line fields that are no author, when a line has no author label at all. */
const OTHER_FIELD =
  /^(?:(?:发布|發佈|發布|更新|成文|公布|公佈)?(?:时间|時間|日期)|浏览|瀏覽|点击|點擊|阅读|閱讀|访问|訪問|字号|字號)[^：:]{0,4}\s*[：:]/;

export function authorName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let labelled = false;
  for (const label of raw.matchAll(AUTHOR_LABEL)) {
    labelled = true;
    const rest = raw.slice(label.index + label[0].length);
    if (LEADING_LABEL.test(rest)) continue;
    const name = rest.replace(NEXT_LABEL, "").trim();
    if (name !== "") return name;
  }
  // A line of other fields only ("发布时间：2024-05-29 浏览次数：12") names no author.
  if (labelled || OTHER_FIELD.test(raw.trim())) return undefined;
  const name = raw.replace(NEXT_LABEL, "").trim();
  return name === "" ? undefined : name;
}
