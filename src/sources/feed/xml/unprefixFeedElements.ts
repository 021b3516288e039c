// Atom (RFC 4287) and RSS 1.0 are defined by namespace, not by prefix: `<atom:feed xmlns:atom="…Atom">` is
// the same document as `<feed xmlns="…Atom">`. rss-parser and the extras pass match element names, so the
// prefix bound to the feed's own namespace is removed from element names before either sees the text.

import { mapMarkup } from "./repairXml.js";

const ATOM_NAMESPACES = new Set(["http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"]);
const RDF_NAMESPACE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RSS1_NAMESPACE = "http://purl.org/rss/1.0/";

// Prolog items before the root element, then the root's start tag (name, attributes).
const PROLOG = /\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|[^<]+/y;
const START_TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const DECLARATION = /\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
// What is not markup: a `<P:` inside these is text.
const VERBATIM = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)/g;

/** The text with the feed namespace's prefixes removed from element names; unchanged when there are none. */
export function unprefixFeedElements(xml: string): string {
  const prefixes = feedPrefixes(xml);
  if (prefixes.length === 0) return xml;
  const escaped = prefixes.map((prefix) => prefix.replace(/[.-]/g, "\\$&"));
  const tag = new RegExp(`<(/?)(?:${escaped.join("|")}):(?=[A-Za-z_])`, "g");
  return mapMarkup(xml, (markup) => markup.replace(tag, "<$1"), VERBATIM);
}

/**
 * Prefixes the root element binds to its feed namespace: Atom's for an Atom `feed`, RSS 1.0's for an
 * `rdf:RDF`. None when a prefix is bound to another namespace anywhere in the document (renaming would
 * then merge elements of different namespaces).
 */
function feedPrefixes(xml: string): string[] {
  let position = 0;
  for (;;) {
    PROLOG.lastIndex = position;
    const item = PROLOG.exec(xml);
    if (!item || item[0].length === 0) break;
    position = PROLOG.lastIndex;
  }
  START_TAG.lastIndex = position;
  const root = START_TAG.exec(xml);
  if (!root) return [];
  const bindings = new Map<string, string>();
  for (const [, name, double, single] of (root[2] ?? "").matchAll(ATTRIBUTE)) {
    if (name === "xmlns") bindings.set("", (double ?? single ?? "").trim());
    else if (name?.startsWith("xmlns:"))
      bindings.set(name.slice("xmlns:".length), (double ?? single ?? "").trim());
  }
  const name = root[1] ?? "";
  const colon = name.indexOf(":");
  const local = name.slice(colon + 1);
  const rootNamespace = bindings.get(colon > 0 ? name.slice(0, colon) : "");
  let feedNamespace: string | undefined;
  if (local === "feed" && rootNamespace && ATOM_NAMESPACES.has(rootNamespace)) feedNamespace = rootNamespace;
  else if (local === "RDF" && rootNamespace === RDF_NAMESPACE) feedNamespace = RSS1_NAMESPACE;
  if (!feedNamespace) return [];
  const prefixes = [...bindings]
    .filter(([prefix, namespace]) => prefix !== "" && namespace === feedNamespace)
    .map(([prefix]) => prefix);
  if (prefixes.length === 0) return [];
  for (const [, prefix, double, single] of xml.matchAll(DECLARATION)) {
    if (prefixes.includes(prefix ?? "") && (double ?? single ?? "").trim() !== feedNamespace) return [];
  }
  return prefixes;
}
