import type { Cheerio } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { errorMessage } from "../../errorMessage.js";
import { nodesText } from "../../normalize/text.js";

/**
 * A config selector: `css` (the element's text), `css@attr` (an attribute) or `@attr` (an attribute of the
 * context element itself). The attribute part must be a plain attribute name at the very end, so CSS such as
 * `a[href*="@"]` stays CSS.
 */
export interface ParsedSelector {
  /** CSS within the context element; empty means the context element itself. */
  css: string;
  attr: string | null;
}

const ATTR_SUFFIX = /^(.*?)@([A-Za-z_:][-A-Za-z0-9_:.]*)$/s;

export function parseSelector(selector: string): ParsedSelector {
  const trimmed = selector.trim();
  const match = ATTR_SUFFIX.exec(trimmed);
  if (match) return { css: (match[1] ?? "").trim(), attr: match[2] ?? null };
  return { css: trimmed, attr: null };
}

/** Elements a selector part designates: the context itself for an empty css part, else its first match. */
export function selectFirst(context: Cheerio<AnyNode>, css: string): Cheerio<Element> | null {
  if (css === "") {
    const self = context.filter((_, node) => node.type === "tag") as Cheerio<Element>;
    return self.length > 0 ? self.first() : null;
  }
  const found = context.find(css).first() as Cheerio<Element>;
  return found.length > 0 ? found : null;
}

/**
 * A selector's value in a context element: an attribute (`css@attr`), else the element's text with
 * whitespace collapsed. `undefined` when nothing matches or the value is empty.
 */
export function selectText(context: Cheerio<AnyNode>, selector: string): string | undefined {
  const { css, attr } = parseSelector(selector);
  const element = selectFirst(context, css);
  if (!element) return undefined;
  const value = attr ? cleanText(element.attr(attr)) : elementText(element);
  return value === "" ? undefined : value;
}

/** A link selector's raw value: `css@attr`, else the element's href, else the href of its first link. */
export function selectHref(context: Cheerio<AnyNode>, selector: string): string | undefined {
  const { css, attr } = parseSelector(selector);
  const element = selectFirst(context, css);
  if (!element) return undefined;
  const value = attr
    ? element.attr(attr)
    : (element.attr("href") ?? element.find("a[href]").first().attr("href"));
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * An element's text as a reader sees it, whitespace collapsed: script, style and noscript text is dropped
 * (a title selector must not pick up `document.write(…)`), and <br> and blocks separate words.
 */
export function elementText(element: Cheerio<AnyNode>): string {
  // The element's children: the element itself may be a skipped one (`detail.title: "title"`).
  return cleanText(nodesText(element.contents().toArray()));
}

/** Text of a node with whitespace (including NBSP and full-width spaces) collapsed. */
export function cleanText(text: string | undefined | null): string {
  if (!text) return "";
  return text.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, " ").trim();
}

export class SelectorError extends Error {
  override name = "SelectorError";
}

/**
 * Checks configured selectors up front so a typo is reported with its config field ("list.date: invalid
 * CSS selector …") instead of as a css-select parse error from deep inside extraction.
 */
export function checkSelectors(
  context: Cheerio<AnyNode>,
  fields: Record<string, { selector: string | undefined; plainCss?: boolean }>,
): void {
  for (const [field, { selector, plainCss }] of Object.entries(fields)) {
    if (!selector) continue;
    const css = plainCss ? selector : parseSelector(selector).css;
    if (css === "") continue;
    try {
      context.find(css);
    } catch (error) {
      const reason = errorMessage(error);
      throw new SelectorError(`${field}: invalid CSS selector "${css}" (${reason})`);
    }
  }
}
