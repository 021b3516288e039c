import * as cheerio from "cheerio";
import type { Element } from "domhandler";
import { decodeXmlEntities } from "../text/htmlEntities.js";

// Second pass over the same text with cheerio in XML mode (htmlparser2: forgiving, never expands DOCTYPE
// entities) for what xml2js loses: attributes of the item element itself (xml:base, xml:lang, rdf:about),
// the xml:base chain, and the inner markup of xhtml / inline-markup content in document order.
// Items are matched to rss-parser's by position, using the same paths rss-parser walks.

export type XmlFormat = "rss" | "rdf" | "atom" | "atom03" | "unknown";

export interface MarkupElement {
  /** Inner markup as written (entity references kept); serialized on first use. */
  readonly inner: string;
  /** Inner markup of the single xhtml <div> wrapper when there is one, else `inner`. */
  readonly xhtmlInner: string;
  /** xml:base values in effect for this element, outermost first. */
  readonly baseChain: string[];
}

export interface ItemExtras {
  baseChain: string[];
  language?: string;
  about?: string;
  markup: Map<string, MarkupElement>;
}

export interface XmlExtras {
  format: XmlFormat;
  rootName: string;
  rssVersionMissing: boolean;
  feedBaseChain: string[];
  feedLanguage?: string;
  feedTitle?: MarkupElement;
  items: ItemExtras[];
}

const MARKUP_ELEMENTS = ["title", "content", "summary", "description", "content:encoded", "subtitle"];

/** Parses XML with htmlparser2 (iterative, no entity expansion), keeping entity references as written. */
export function loadXml(xml: string): cheerio.CheerioAPI {
  return cheerio.load(xml, { xml: { xmlMode: true, decodeEntities: false } });
}

export function readXmlExtras($: cheerio.CheerioAPI): XmlExtras {
  const root = tagChildren($.root().get(0))[0];
  if (!root) {
    return { format: "unknown", rootName: "", rssVersionMissing: false, feedBaseChain: [], items: [] };
  }
  const rootName = root.name;
  const format = detectFormat(root);
  const rootChain = baseOf(root);
  let channel: Element = root;
  let itemElements: Element[] = [];
  if (format === "rss") {
    channel = tagChildren(root).find((el) => el.name === "channel") ?? root;
    itemElements = tagChildren(channel).filter((el) => el.name === "item");
  } else if (format === "rdf") {
    channel = tagChildren(root).find((el) => el.name === "channel") ?? root;
    itemElements = tagChildren(root).filter((el) => el.name === "item");
  } else if (format === "atom" || format === "atom03") {
    itemElements = tagChildren(root).filter((el) => el.name === "entry");
  }
  const feedBaseChain = channel === root ? rootChain : [...rootChain, ...baseOf(channel)];
  const feedTitleElement = tagChildren(channel).find((el) => el.name === "title");
  return {
    format,
    rootName,
    rssVersionMissing: format === "rss" && !root.attribs.version,
    feedBaseChain,
    feedLanguage: attr(root, "xml:lang") ?? (channel !== root ? attr(channel, "xml:lang") : undefined),
    feedTitle: feedTitleElement ? markupOf($, feedTitleElement, feedBaseChain) : undefined,
    items: itemElements.map((el) => itemExtras($, el, feedBaseChain)),
  };
}

function itemExtras($: cheerio.CheerioAPI, item: Element, feedChain: string[]): ItemExtras {
  const baseChain = [...feedChain, ...baseOf(item)];
  const markup = new Map<string, MarkupElement>();
  for (const child of tagChildren(item)) {
    if (MARKUP_ELEMENTS.includes(child.name) && !markup.has(child.name)) {
      markup.set(child.name, markupOf($, child, baseChain));
    }
  }
  return { baseChain, language: attr(item, "xml:lang"), about: attr(item, "rdf:about"), markup };
}

function markupOf($: cheerio.CheerioAPI, element: Element, chain: string[]): MarkupElement {
  // Serializing is only needed for the few elements xml2js flattened, so it is deferred.
  let inner: string | undefined;
  let xhtmlInner: string | undefined;
  return {
    baseChain: [...chain, ...baseOf(element)],
    get inner() {
      inner ??= $(element).html() ?? "";
      return inner;
    },
    get xhtmlInner() {
      if (xhtmlInner === undefined) {
        const children = tagChildren(element);
        const div = children.length === 1 && children[0]?.name === "div" ? children[0] : undefined;
        const onlyDiv = div !== undefined && $(element).text().trim() === $(div).text().trim();
        xhtmlInner = onlyDiv ? ($(div).html() ?? "") : this.inner;
      }
      return xhtmlInner;
    },
  };
}

function detectFormat(root: Element): XmlFormat {
  const name = root.name;
  if (name === "rss") return "rss";
  if (name === "rdf:RDF" || name.endsWith(":RDF") || name === "RDF") return "rdf";
  if (name === "feed") {
    const ns = root.attribs.xmlns ?? "";
    return root.attribs.version === "0.3" || ns.startsWith("http://purl.org/atom") ? "atom03" : "atom";
  }
  return "unknown";
}

function tagChildren(node: unknown): Element[] {
  const children = (node as { children?: unknown[] } | undefined)?.children ?? [];
  return children.filter((child): child is Element => (child as Element).type === "tag");
}

function attr(element: Element, name: string): string | undefined {
  const value = element.attribs[name];
  return value === undefined ? undefined : decodeXmlEntities(value).trim() || undefined;
}

function baseOf(element: Element): string[] {
  const base = attr(element, "xml:base");
  return base ? [base] : [];
}
