import { describe, expect, it } from "vitest";
import { stripXmlIllegalChars } from "../../src/render/feeds/xml-chars.js";
import { checkXml } from "../../src/render/xml-check.js";

describe("checkXml", () => {
  it("accepts a well-formed, namespace-well-formed document", () => {
    expect(() =>
      checkXml('<?xml version="1.0"?>\n<a xmlns:x="urn:x"><x:b c="1 &amp; 2">t<![CDATA[<]]></x:b></a>'),
    ).not.toThrow();
  });

  it.each([
    ["an unclosed element", "<a><b></a>", /not well-formed XML: feed\.xml:1:\d+/],
    ["a bare ampersand", "<a>x & y</a>", /not well-formed/],
    ["'<' in an attribute value", '<a b="<"/>', /not well-formed/],
    ["an undeclared prefix", "<a><dc:creator>x</dc:creator></a>", /unbound namespace prefix/],
    ["two root elements", "<a/><b/>", /not well-formed/],
    ["no root element", "", /root element/],
    ["an HTML entity", "<a>&nbsp;</a>", /undefined entity/],
  ])("rejects %s", (_, xml, message) => {
    expect(() => checkXml(xml, "feed.xml")).toThrow(message);
  });

  it("does not expand entities declared in a DOCTYPE", () => {
    expect(() => checkXml('<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>')).toThrow(/undefined entity/);
  });

  it("names line and column of an illegal character", () => {
    expect(() => checkXml("<a>\n  <b>x\u000By</b>\n</a>", "atom.xml")).toThrow(
      "atom.xml:2:7: illegal XML character U+000B",
    );
    expect(() => checkXml("<a>\uFFFF</a>")).toThrow(/U\+FFFF/);
    expect(() => checkXml("<a>\uD800</a>")).toThrow(/U\+D800/);
  });

  it("accepts tab, newline, carriage return, CJK and astral characters", () => {
    expect(() => checkXml("<a>\t\n\r 中文 🚀</a>")).not.toThrow();
  });
});

describe("stripXmlIllegalChars", () => {
  it("removes C0 controls except tab/LF/CR, C1 controls, lone surrogates and U+FFFE/U+FFFF", () => {
    expect(stripXmlIllegalChars("a\u0000b\u000Bc\u001Fd\u0085e\uFFFEf\uD800g\tx\ny\rz")).toBe(
      "abcdefg\tx\ny\rz",
    );
  });

  it("keeps surrogate pairs (emoji) intact", () => {
    expect(stripXmlIllegalChars("🚀🎉")).toBe("🚀🎉");
  });
});
