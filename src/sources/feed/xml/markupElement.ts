import * as cheerio from "cheerio";
import type { Element } from "domhandler";

export interface MarkupElement {
  /** Inner markup as written (entity references kept); serialized on first use. */
  readonly inner: string;
  /** Inner markup of the single xhtml <div> wrapper when there is one, else `inner`. */
  readonly xhtmlInner: string;
  /** xml:base values in effect for this element, outermost first. */
  readonly baseChain: string[];
}

/** Parses XML with htmlparser2 (iterative, no entity expansion), keeping entity references as written. */
function loadXml(xml: string): cheerio.CheerioAPI {
  return cheerio.load(xml, { xml: { xmlMode: true, decodeEntities: false } });
}

/**
 * An element's inner markup, read lazily from `xml[start, end)` (its content, between the open tag and
 * the close tag). Only elements xml2js flattened (markup children) ever need it, so the fragment is
 * parsed and serialized on first use. In xml mode htmlparser2's tokenizer has no element-specific states,
 * so the content parsed alone yields the same children as inside the whole document: the output is the
 * serialization the DOM of the whole document used to give (normalized quoting, CDATA kept).
 */
export function markupElement(xml: string, start: number, end: number, baseChain: string[]): MarkupElement {
  return new SourceMarkup(xml, start, end, baseChain);
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
  ) {}

  get inner(): string {
    this.#inner ??= this.dom().root().html() ?? "";
    return this.#inner;
  }

  get xhtmlInner(): string {
    if (this.#xhtmlInner === undefined) {
      const dom = this.dom();
      const children = tagChildren(dom.root().get(0));
      const div = children.length === 1 && children[0]?.name === "div" ? children[0] : undefined;
      const onlyDiv = div !== undefined && dom.root().text().trim() === dom(div).text().trim();
      this.#xhtmlInner = onlyDiv ? (dom(div).html() ?? "") : this.inner;
    }
    return this.#xhtmlInner;
  }

  private dom(): cheerio.CheerioAPI {
    this.#dom ??= loadXml(this.xml.slice(this.start, this.end));
    return this.#dom;
  }
}

function tagChildren(node: unknown): Element[] {
  const children = (node as { children?: unknown[] } | undefined)?.children ?? [];
  return children.filter((child): child is Element => (child as Element).type === "tag");
}
