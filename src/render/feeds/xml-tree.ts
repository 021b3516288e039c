import { SaxesParser } from "saxes";

// A minimal document tree for correcting what `feed` writes: parse its output strictly (saxes), change
// elements and attributes, serialize with complete escaping. Feed documents have element-only or
// text-only content, never mixed content, so the serializer can re-indent freely.

export interface XmlElement {
  type: "element";
  name: string;
  /** Insertion-ordered, so output is deterministic. */
  attrs: Map<string, string>;
  children: XmlNode[];
}
export type XmlNode =
  | XmlElement
  | { type: "text"; value: string; hexRefs?: boolean }
  | { type: "cdata"; value: string };

export interface XmlDocument {
  /** Processing instructions before the root, e.g. xml-stylesheet (the XML declaration is not kept). */
  instructions: { target: string; body: string }[];
  root: XmlElement;
}

export function parseXmlTree(xml: string): XmlDocument {
  const parser = new SaxesParser({ position: true });
  const instructions: XmlDocument["instructions"] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on("processinginstruction", (pi) => {
    if (stack.length === 0) instructions.push({ target: pi.target, body: pi.body });
  });
  parser.on("opentag", (tag) => {
    const el = element(tag.name, Object.entries(tag.attributes as Record<string, string>));
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else root = el;
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on("closetag", (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on("text", (value) => {
    stack.at(-1)?.children.push({ type: "text", value });
  });
  parser.on("cdata", (value) => {
    stack.at(-1)?.children.push({ type: "cdata", value });
  });
  parser.write(xml).close();
  if (root === undefined) throw new Error("no root element");
  return { instructions, root };
}

export function element(
  name: string,
  attrs: Iterable<[string, string]> = [],
  children: (XmlNode | string)[] = [],
): XmlElement {
  return {
    type: "element",
    name,
    attrs: new Map(attrs),
    // Empty text is no node at all, so an empty element serializes as <name/> in every case.
    children: children
      .map((c): XmlNode => (typeof c === "string" ? { type: "text", value: c } : c))
      .filter((c) => c.type === "element" || c.value !== ""),
  };
}

export function childElements(parent: XmlElement, name?: string): XmlElement[] {
  return parent.children.filter(
    (c): c is XmlElement => c.type === "element" && (name === undefined || c.name === name),
  );
}

export function firstChild(parent: XmlElement, name: string): XmlElement | undefined {
  return childElements(parent, name)[0];
}

export function removeChildren(parent: XmlElement, test: (el: XmlElement) => boolean): void {
  parent.children = parent.children.filter((c) => c.type !== "element" || !test(c));
}

/** Inserts `nodes` right after the last child named `after` (or at the end when there is none). */
export function insertAfter(parent: XmlElement, after: string, nodes: XmlElement[]): void {
  let index = -1;
  parent.children.forEach((c, i) => {
    if (c.type === "element" && c.name === after) index = i;
  });
  if (index === -1) parent.children.push(...nodes);
  else parent.children.splice(index + 1, 0, ...nodes);
}

/**
 * A node for human text: CDATA when it contains "&" or "<", so a title that literally contains "&amp;"
 * round-trips without ever appearing as "&amp;amp;" (readers that unescape twice get it right too).
 */
export function prose(value: string): XmlNode {
  return /[&<]/.test(value) ? { type: "cdata", value } : { type: "text", value };
}

/**
 * A node for plain text that readers may take for HTML (RSS title, category, author): "&" and "<" as
 * hexadecimal character references, which is what the W3C validator asks of RSS plain text
 * (CharacterData). An XML parser reads them as "&" and "<" all the same: a reader that takes every RSS
 * title for HTML still sees a tag in "Why <script> tags" (crier's own keeps tags other than inline ones).
 */
export function plainText(value: string): XmlNode {
  return { type: "text", value, hexRefs: true };
}

/**
 * Sets or replaces the element `name` under `parent` with text content, keeping its position; `node`
 * makes the content (prose by default, plainText for fields readers may take for HTML).
 */
export function upsertText(
  parent: XmlElement,
  name: string,
  value: string,
  after: string,
  node: (value: string) => XmlNode = prose,
): XmlElement {
  const existing = firstChild(parent, name);
  if (existing) {
    existing.children = value === "" ? [] : [node(value)];
    return existing;
  }
  const created = element(name, [], [node(value)]);
  insertAfter(parent, after, [created]);
  return created;
}

export function serializeXml(doc: XmlDocument, indent = "    "): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  for (const pi of doc.instructions) out.push(`<?${pi.target}${pi.body ? ` ${pi.body}` : ""}?>\n`);
  writeElement(doc.root, 0, indent, out);
  out.push("\n");
  return out.join("");
}

function writeElement(el: XmlElement, depth: number, indent: string, out: string[]): void {
  const pad = indent.repeat(depth);
  let open = `<${el.name}`;
  for (const [name, value] of el.attrs) open += ` ${name}="${escapeAttribute(value)}"`;
  const elements = childElements(el);
  if (elements.length > 0) {
    // Element content: whitespace text between children is layout only and is regenerated.
    out.push(`${open}>`);
    for (const child of elements) {
      out.push(`\n${pad}${indent}`);
      writeElement(child, depth + 1, indent, out);
    }
    out.push(`\n${pad}</${el.name}>`);
    return;
  }
  if (el.children.length === 0) {
    out.push(`${open}/>`);
    return;
  }
  out.push(`${open}>`);
  for (const child of el.children) {
    if (child.type === "text") out.push(escapeText(child.value, child.hexRefs));
    else if (child.type === "cdata") out.push(`<![CDATA[${escapeCdata(child.value)}]]>`);
  }
  out.push(`</${el.name}>`);
}

function escapeCdata(value: string): string {
  // "]]>" would end the section; CR would be normalized to LF, so it leaves the section as a reference.
  return value.replaceAll("]]>", "]]]]><![CDATA[>").replaceAll("\r", "]]>&#xD;<![CDATA[");
}

/** XML text; with `hexRefs`, "&" and "<" as hexadecimal character references (see plainText). */
export function escapeText(value: string, hexRefs = false): string {
  // ">" is escaped too so that "]]>" never appears in text; CR would be normalized away by parsers.
  return value.replace(/[&<>\r]/g, (c) =>
    c === "&"
      ? hexRefs
        ? "&#x26;"
        : "&amp;"
      : c === "<"
        ? hexRefs
          ? "&#x3C;"
          : "&lt;"
        : c === ">"
          ? "&gt;"
          : "&#xD;",
  );
}

export function escapeAttribute(value: string): string {
  // Tab/LF/CR as references: attribute-value normalization would turn them into spaces.
  return value.replace(/[&<"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  '"': "&quot;",
  "\t": "&#x9;",
  "\n": "&#xA;",
  "\r": "&#xD;",
};
