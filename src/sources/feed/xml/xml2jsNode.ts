// Reading the objects xml2js (under rss-parser) builds: an element is a string when it has only text, or
// { _: text, $: attributes, child: [...] } otherwise. Children always come as arrays (explicitArray).

export type XmlNode = string | { _?: string; $?: Record<string, string>; [child: string]: unknown };

export function asNodes(value: unknown): XmlNode[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (node): node is XmlNode => typeof node === "string" || (!!node && typeof node === "object"),
  );
}

/** Text of an element (its character data only; markup children are read from the cheerio pass). */
export function nodeText(node: XmlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === "string") return node;
  return typeof node._ === "string" ? node._ : "";
}

export function nodeAttr(node: XmlNode | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === "string") return undefined;
  const value = node.$?.[name];
  return typeof value === "string" ? value : undefined;
}

export function childNodes(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === "string") return [];
  return asNodes(node[name]);
}

/** First non-empty trimmed text among the given elements. */
export function firstText(nodes: XmlNode[]): string | undefined {
  for (const node of nodes) {
    const text = nodeText(node)?.trim();
    if (text) return text;
  }
  return undefined;
}

/** True when the element has element children (mixed or markup content that xml2js flattens). */
export function hasElementChildren(node: XmlNode | undefined): boolean {
  if (node === undefined || typeof node === "string") return false;
  return Object.keys(node).some((key) => key !== "_" && key !== "$");
}
