import { Parser } from "htmlparser2";
import { decodeXmlEntities } from "../text/htmlEntities.js";
import { type MarkupElement, markupElement, type Namespaces } from "./markupElement.js";

export type { MarkupElement } from "./markupElement.js";

// Second pass over the same text with htmlparser2 in XML mode (forgiving, never expands DOCTYPE entities)
// for what xml2js loses: attributes of the item element itself (xml:base, xml:lang, rdf:about), the
// xml:base chain, and where the inner markup of title/content/… elements lies in the text. It streams the
// parser's events and keeps only those few elements (no DOM: building one cost more than rss-parser's own
// parse on large feeds). Items are matched to rss-parser's by position, using the same paths rss-parser walks.

export type XmlFormat = "rss" | "rdf" | "atom" | "atom03" | "unknown";

export interface ItemExtras {
  baseChain: string[];
  language?: string;
  about?: string;
  markup: Map<string, MarkupElement>;
  /**
   * RSS author elements (LISTED_ELEMENTS), each occurrence in order as rss-parser lists them; set for a name
   * when one of them holds elements, and only those have their markup.
   */
  listed?: Map<string, (MarkupElement | undefined)[]>;
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

const MARKUP_ELEMENTS = new Set([
  "title",
  "dc:title",
  "content",
  "summary",
  "description",
  "dc:description",
  "dcterms:description",
  "dcterms:abstract",
  "content:encoded",
  "subtitle",
]);

// RSS author text may hold markup (`<author>by <a href="…">Ann</a></author>`), which xml2js splits into
// child objects that lose their order: each such element's inner markup is kept, not only the first.
const LISTED_ELEMENTS = new Set(["author", "dc:creator"]);

type Attributes = Record<string, string>;

/** An element whose inner markup may be needed: its own xml:base and where its content lies. */
interface MarkupRecord {
  base: string[];
  namespaces: Namespaces;
  start: number;
  end: number;
  /** Set when an element opens inside it. */
  holdsElements?: true;
}

interface ItemRecord {
  attribs: Attributes;
  markup: Map<string, MarkupRecord>;
  /** Made when the item has a listed element. */
  listed?: Map<string, MarkupRecord[]>;
}

/** What the pass keeps of the document; chains and markup are assembled once the structure is known. */
interface Outline {
  root?: { name: string; attribs: Attributes; format: XmlFormat };
  channel?: Attributes;
  rootTitle?: MarkupRecord;
  channelTitle?: MarkupRecord;
  rootItems: ItemRecord[];
  channelItems: ItemRecord[];
}

// Role of each open element; null for elements nothing is read from (their subtree is skipped).
type Frame =
  | { kind: "root" }
  | { kind: "channel" }
  | { kind: "item"; item: ItemRecord }
  | { kind: "markup"; record: MarkupRecord }
  | null;

export function readXmlExtras(xml: string): XmlExtras {
  const outline = scanOutline(xml);
  const root = outline.root;
  if (!root) {
    return { format: "unknown", rootName: "", rssVersionMissing: false, feedBaseChain: [], items: [] };
  }
  const { format, attribs: rootAttribs } = root;
  const rootChain = baseOf(rootAttribs);
  // rss: items of the first <channel> (or of the root when there is none); rdf: items beside the channel.
  const hasChannel = (format === "rss" || format === "rdf") && outline.channel !== undefined;
  const channelAttribs = hasChannel ? outline.channel : undefined;
  const itemRecords =
    format === "rss" && hasChannel ? outline.channelItems : format === "unknown" ? [] : outline.rootItems;
  const feedBaseChain = channelAttribs ? [...rootChain, ...baseOf(channelAttribs)] : rootChain;
  const feedNamespaces = {
    ...namespacesOf(rootAttribs),
    ...(channelAttribs ? namespacesOf(channelAttribs) : {}),
  };
  const titleRecord = hasChannel ? outline.channelTitle : outline.rootTitle;
  return {
    format,
    rootName: root.name,
    rssVersionMissing: format === "rss" && !rootAttribs.version,
    feedBaseChain,
    feedLanguage:
      attr(rootAttribs, "xml:lang") ?? (channelAttribs ? attr(channelAttribs, "xml:lang") : undefined),
    feedTitle: titleRecord ? toMarkup(xml, titleRecord, feedBaseChain, feedNamespaces) : undefined,
    items: itemRecords.map((record) => itemExtras(xml, record, feedBaseChain, feedNamespaces)),
  };
}

function itemExtras(
  xml: string,
  record: ItemRecord,
  feedChain: string[],
  feedNamespaces: Namespaces,
): ItemExtras {
  const baseChain = [...feedChain, ...baseOf(record.attribs)];
  const namespaces = { ...feedNamespaces, ...namespacesOf(record.attribs) };
  const markup = new Map<string, MarkupElement>();
  for (const [name, element] of record.markup)
    markup.set(name, toMarkup(xml, element, baseChain, namespaces));
  const extras: ItemExtras = {
    baseChain,
    language: attr(record.attribs, "xml:lang"),
    about: attr(record.attribs, "rdf:about"),
    markup,
  };
  // Only elements that hold markup are read from it (almost every author is plain text).
  for (const [name, elements] of record.listed ?? []) {
    if (!elements.some((element) => element.holdsElements)) continue;
    extras.listed ??= new Map();
    extras.listed.set(
      name,
      elements.map((element) =>
        element.holdsElements ? toMarkup(xml, element, baseChain, namespaces) : undefined,
      ),
    );
  }
  return extras;
}

function toMarkup(xml: string, record: MarkupRecord, chain: string[], namespaces: Namespaces): MarkupElement {
  return markupElement(xml, record.start, record.end, [...chain, ...record.base], {
    ...namespaces,
    ...record.namespaces,
  });
}

function scanOutline(xml: string): Outline {
  const outline: Outline = { rootItems: [], channelItems: [] };
  const stack: Frame[] = [];
  let ended = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        stack.push(frameFor(outline, stack, name, attribs, parser.endIndex + 1));
      },
      onclosetag() {
        const frame = stack.pop();
        if (frame?.kind !== "markup") return;
        const record = frame.record;
        // Content ends where the (explicit or implying) close tag starts; a self-closed element has none.
        // Left open at the end of the text, it runs to the end.
        record.end = ended ? xml.length : Math.max(record.start, xml.lastIndexOf("</", parser.endIndex));
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.write(xml);
  ended = true;
  parser.end();
  return outline;
}

/** Decides what an opening element is from its parent's role (the paths rss-parser walks). */
function frameFor(
  outline: Outline,
  stack: Frame[],
  name: string,
  attribs: Attributes,
  contentStart: number,
): Frame {
  if (stack.length === 0) {
    if (outline.root) return null;
    outline.root = { name, attribs, format: detectFormat(name, attribs) };
    return { kind: "root" };
  }
  const parent = stack[stack.length - 1];
  if (!parent) return null;
  if (parent.kind === "markup") {
    parent.record.holdsElements = true;
    return null;
  }
  const markup = (): MarkupRecord => ({
    base: baseOf(attribs),
    namespaces: namespacesOf(attribs),
    start: contentStart,
    end: contentStart,
  });
  if (parent.kind === "root") {
    const format = outline.root?.format;
    if (name === "channel") {
      if (outline.channel) return null;
      outline.channel = attribs;
      return { kind: "channel" };
    }
    if (name === "title") {
      if (outline.rootTitle) return null;
      outline.rootTitle = markup();
      return { kind: "markup", record: outline.rootTitle };
    }
    const itemName = format === "atom" || format === "atom03" ? "entry" : "item";
    if (name !== itemName) return null;
    const item: ItemRecord = { attribs, markup: new Map() };
    outline.rootItems.push(item);
    return { kind: "item", item };
  }
  if (parent.kind === "channel") {
    if (name === "title") {
      if (outline.channelTitle) return null;
      outline.channelTitle = markup();
      return { kind: "markup", record: outline.channelTitle };
    }
    if (name !== "item") return null;
    const item: ItemRecord = { attribs, markup: new Map() };
    outline.channelItems.push(item);
    return { kind: "item", item };
  }
  if (parent.kind === "item" && MARKUP_ELEMENTS.has(name) && !parent.item.markup.has(name)) {
    const record = markup();
    parent.item.markup.set(name, record);
    return { kind: "markup", record };
  }
  const format = outline.root?.format;
  if (parent.kind === "item" && LISTED_ELEMENTS.has(name) && format !== "atom" && format !== "atom03") {
    const record = markup();
    parent.item.listed ??= new Map();
    const list = parent.item.listed.get(name);
    if (list) list.push(record);
    else parent.item.listed.set(name, [record]);
    return { kind: "markup", record };
  }
  return null;
}

function detectFormat(name: string, attribs: Attributes): XmlFormat {
  if (name === "rss") return "rss";
  if (name === "rdf:RDF" || name.endsWith(":RDF") || name === "RDF") return "rdf";
  if (name === "feed") {
    const ns = attribs.xmlns ?? "";
    return attribs.version === "0.3" || ns.startsWith("http://purl.org/atom") ? "atom03" : "atom";
  }
  return "unknown";
}

function attr(attribs: Attributes, name: string): string | undefined {
  const value = attribs[name];
  return value === undefined ? undefined : decodeXmlEntities(value).trim() || undefined;
}

/** The element's own namespace declarations (`xmlns`, `xmlns:prefix`). */
function namespacesOf(attribs: Attributes): Record<string, string> {
  const namespaces: Record<string, string> = {};
  for (const [name, value] of Object.entries(attribs)) {
    if (name === "xmlns") namespaces[""] = decodeXmlEntities(value).trim();
    else if (name.startsWith("xmlns:"))
      namespaces[name.slice("xmlns:".length)] = decodeXmlEntities(value).trim();
  }
  return namespaces;
}

function baseOf(attribs: Attributes): string[] {
  const base = attr(attribs, "xml:base");
  return base ? [base] : [];
}
