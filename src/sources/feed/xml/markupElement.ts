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
  let $: cheerio.CheerioAPI | undefined;
  let inner: string | undefined;
  let xhtmlInner: string | undefined;
  const load = () => {
    $ ??= loadXml(xml.slice(start, end));
    return $;
  };
  return {
    baseChain,
    get inner() {
      inner ??= load().root().html() ?? "";
      return inner;
    },
    get xhtmlInner() {
      if (xhtmlInner === undefined) {
        const dom = load();
        const children = tagChildren(dom.root().get(0));
        const div = children.length === 1 && children[0]?.name === "div" ? children[0] : undefined;
        const onlyDiv = div !== undefined && dom.root().text().trim() === dom(div).text().trim();
        xhtmlInner = onlyDiv ? (dom(div).html() ?? "") : this.inner;
      }
      return xhtmlInner;
    },
  };
}

function tagChildren(node: unknown): Element[] {
  const children = (node as { children?: unknown[] } | undefined)?.children ?? [];
  return children.filter((child): child is Element => (child as Element).type === "tag");
}
