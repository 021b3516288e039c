import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { element, parseXmlTree, prose, serializeXml } from "../../src/render/feeds/xml-tree.js";

/** Text content of the root as a strict parser reports it (CDATA sections joined). */
function readText(xml: string): string {
  let out = "";
  let depth = 0;
  const parser = new SaxesParser();
  parser.on("opentag", () => {
    depth++;
  });
  parser.on("closetag", () => {
    depth--;
  });
  parser.on("text", (t) => {
    if (depth > 0) out += t;
  });
  parser.on("cdata", (t) => {
    out += t;
  });
  parser.write(xml).close();
  return out;
}

describe("serializeXml", () => {
  it.each([
    "a < b & c > d",
    "x]]>y]]>z",
    "Tom &amp; Jerry",
    "quote \" and apostrophe '",
    "line\r\nbreak",
    "中文 🚀",
  ])("round-trips text %j exactly, as text or CDATA", (value) => {
    for (const node of [{ type: "text" as const, value }, { type: "cdata" as const, value }, prose(value)]) {
      const xml = serializeXml({ instructions: [], root: element("a", [], [node]) });
      expect(readText(xml)).toBe(value);
    }
  });

  it("round-trips attribute values with quotes, '<', '&', tabs and newlines", () => {
    const value = 'a "b" <c> & d\te\nf';
    const xml = serializeXml({ instructions: [], root: element("a", [["v", value]]) });
    expect(parseXmlTree(xml).root.attrs.get("v")).toBe(value);
  });

  it("writes prose with '&' or '<' as CDATA and other text as plain text", () => {
    expect(prose("R&D")).toEqual({ type: "cdata", value: "R&D" });
    expect(prose("plain")).toEqual({ type: "text", value: "plain" });
  });

  it("re-indents element content and keeps text content untouched", () => {
    const doc = parseXmlTree("<a>\n<b>  x  </b>   <c/></a>");
    expect(serializeXml(doc, "  ")).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<a>\n  <b>  x  </b>\n  <c/>\n</a>\n',
    );
  });

  it("keeps processing instructions before the root", () => {
    const doc = parseXmlTree('<?xml version="1.0"?><?xml-stylesheet href="s.xsl" type="text/xsl"?><a/>');
    expect(doc.instructions).toEqual([{ target: "xml-stylesheet", body: 'href="s.xsl" type="text/xsl"' }]);
    expect(serializeXml(doc)).toContain('<?xml-stylesheet href="s.xsl" type="text/xsl"?>\n<a/>');
  });
});
