import * as cheerio from "cheerio";
import type { ChildNode, Element } from "domhandler";
import { DomUtils, ElementType } from "htmlparser2";
import { resolveSrcset } from "../../../normalize/srcset.js";
import { decodeXmlEntities } from "../text/htmlEntities.js";
import { resolveUrl } from "../text/resolveUrl.js";

export interface MarkupElement {
  /** Inner markup as written (entity references kept); serialized on first use. */
  readonly inner: string;
  /** Inner markup of the single xhtml <div> wrapper when there is one, else `inner`. */
  readonly xhtmlInner: string;
  /** xml:base values in effect for this element, outermost first. */
  readonly baseChain: string[];
  /**
   * Makes the URLs of markup under an xml:base inside this element absolute against that base (XML Base
   * applies to descendants; HTML has no xml:base, so the sanitizer would resolve them against `base`, the
   * element's own). Call before reading `inner` or `xhtmlInner`.
   */
  resolveNestedBases(base: string | null): void;
}

/** Namespace declarations in effect: prefix ("" for the default namespace) → namespace name. */
export type Namespaces = Readonly<Record<string, string>>;

const XHTML_NS = "http://www.w3.org/1999/xhtml";

/** Parses XML with htmlparser2 (iterative, no entity expansion), keeping entity references as written. */
function loadXml(xml: string): cheerio.CheerioAPI {
  return cheerio.load(xml, { xml: { xmlMode: true, decodeEntities: false } });
}

/**
 * An element's inner markup, read lazily from `xml[start, end)` (its content, between the open tag and
 * the close tag). Only elements xml2js flattened (markup children) ever need it, so the fragment is
 * parsed and serialized on first use. In xml mode htmlparser2's tokenizer has no element-specific states,
 * so the content parsed alone yields the same children as inside the whole document: the output is the
 * serialization the DOM of the whole document used to give (normalized quoting), except that CDATA sections
 * come out as escaped text.
 */
export function markupElement(
  xml: string,
  start: number,
  end: number,
  baseChain: string[],
  namespaces: Namespaces = {},
): MarkupElement {
  return new SourceMarkup(xml, start, end, baseChain, namespaces);
}

// A class, not an object literal with getters: V8 builds those slowly, and there is one per item element.
class SourceMarkup implements MarkupElement {
  #dom: cheerio.CheerioAPI | undefined;
  #inner: string | undefined;
  #xhtmlInner: string | undefined;

  constructor(
    private readonly xml: string,
    private readonly start: number,
    private readonly end: number,
    readonly baseChain: string[],
    private readonly namespaces: Namespaces,
  ) {}

  get inner(): string {
    this.#inner ??= this.dom().root().html() ?? "";
    return this.#inner;
  }

  get xhtmlInner(): string {
    if (this.#xhtmlInner === undefined) {
      const dom = this.dom();
      const root = dom.root().get(0);
      // `<xh:div xmlns:xh="http://www.w3.org/1999/xhtml">`: XHTML elements under a prefix are HTML by their
      // local name (so the sanitizer knows `xh:script`); elements of other namespaces are not HTML and keep
      // their prefixed names. (The DOM is only serialized through here for Atom text constructs.)
      if (HAS_PREFIXED_TAG.test(this.xml.slice(this.start, this.end))) unprefixXhtml(root, this.namespaces);
      const children = tagChildren(root);
      const div = children.length === 1 && children[0]?.name === "div" ? children[0] : undefined;
      const onlyDiv = div !== undefined && dom.root().text().trim() === dom(div).text().trim();
      this.#xhtmlInner = onlyDiv ? (dom(div).html() ?? "") : (dom.root().html() ?? "");
    }
    return this.#xhtmlInner;
  }

  resolveNestedBases(base: string | null): void {
    const at = this.xml.indexOf("xml:base", this.start);
    if (at === -1 || at >= this.end) return;
    applyNestedBases(this.dom().root().get(0), base, false);
    this.#inner = undefined;
    this.#xhtmlInner = undefined;
  }

  private dom(): cheerio.CheerioAPI {
    if (this.#dom === undefined) {
      const fragment = this.xml.slice(this.start, this.end);
      this.#dom = loadXml(fragment);
      if (fragment.includes("<![CDATA[")) cdataToText(this.#dom.root().get(0));
    }
    return this.#dom;
  }
}

/**
 * XML 1.0 §2.7: a CDATA section is character data. Serialized as `<![CDATA[…]]>` it would reach the HTML
 * sanitizer, which reads it as a bogus comment (`<pre><![CDATA[a < b]]></pre>` lost its code, and
 * `a<![CDATA[<b>]]>c` came out mangled); as escaped text it reads the same in HTML and XML.
 */
function cdataToText(node: unknown): void {
  const children = (node as { children?: unknown[] } | undefined)?.children ?? [];
  for (const child of [...children] as ChildNode[]) {
    if (child.type === ElementType.CDATA) {
      // The section's own text node takes its place. decodeEntities is off, so a text node is written as
      // its data: escape it here, once.
      const data = DomUtils.textContent(child);
      const text = child.children.find((node) => node.type === ElementType.Text);
      if (text === undefined || data === "") {
        DomUtils.removeElement(child);
        continue;
      }
      DomUtils.removeElement(text);
      text.data = escapeText(data);
      DomUtils.replaceElement(child, text);
    } else if (child.type === ElementType.Tag) {
      cdataToText(child);
    }
  }
}

// The URL attributes the sanitizer keeps (and resolves).
const URL_ATTRIBUTES = ["href", "src", "poster", "cite"];

/**
 * Resolves URL attributes of elements under an xml:base against it, walking the scopes; `nested` is true
 * below the first one. The xml:base attributes go (what they said is in the URLs now).
 */
function applyNestedBases(node: unknown, base: string | null, nested: boolean): void {
  for (const element of tagChildren(node)) {
    let scope = base;
    let inScope = nested;
    const own = element.attribs["xml:base"];
    if (own !== undefined) {
      delete element.attribs["xml:base"];
      const resolved = resolveUrl(decodeXmlEntities(own).trim(), base);
      // A relative base that cannot be made absolute (no document URL) is left to the element's own base.
      if (URL.canParse(resolved)) {
        scope = resolved;
        inScope = true;
      }
    }
    if (inScope) {
      for (const name of URL_ATTRIBUTES) {
        const value = element.attribs[name];
        if (value !== undefined)
          element.attribs[name] = escapeAttribute(resolveUrl(decodeXmlEntities(value).trim(), scope));
      }
      const srcset = element.attribs.srcset;
      const resolved = srcset === undefined ? null : resolveSrcset(decodeXmlEntities(srcset), scope);
      if (resolved !== null) element.attribs.srcset = escapeAttribute(resolved);
    }
    applyNestedBases(element, scope, inScope);
  }
}

/** Attribute text as written in markup whose entities are kept (the serializer only escapes quotes). */
function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const HAS_PREFIXED_TAG = /<[A-Za-z_][\w.-]*:/;

/** Renames elements in the XHTML namespace under a prefix to their local names, walking the scopes. */
function unprefixXhtml(node: unknown, inherited: Namespaces): void {
  for (const element of tagChildren(node)) {
    let scope = inherited;
    for (const [name, value] of Object.entries(element.attribs)) {
      if (name !== "xmlns" && !name.startsWith("xmlns:")) continue;
      if (scope === inherited) scope = { ...inherited };
      (scope as Record<string, string>)[name === "xmlns" ? "" : name.slice("xmlns:".length)] = value.trim();
    }
    const colon = element.name.indexOf(":");
    if (colon > 0 && scope[element.name.slice(0, colon)] === XHTML_NS) {
      element.name = element.name.slice(colon + 1);
    }
    unprefixXhtml(element, scope);
  }
}

function tagChildren(node: unknown): Element[] {
  const children = (node as { children?: unknown[] } | undefined)?.children ?? [];
  return children.filter((child): child is Element => (child as Element).type === "tag");
}
