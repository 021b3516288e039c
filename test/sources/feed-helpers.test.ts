import { describe, expect, it } from "vitest";
import { mediaTypeFromExtension } from "../../src/mediaType.js";
import { parseRssAuthor } from "../../src/sources/feed/text/parseRssAuthor.js";
import { resolveBaseChain } from "../../src/sources/feed/text/resolveUrl.js";
import { maxElementDepth } from "../../src/sources/feed/xml/maxElementDepth.js";
import { repairXml } from "../../src/sources/feed/xml/repairXml.js";
import { stripDoctype } from "../../src/sources/feed/xml/stripDoctype.js";

describe("stripDoctype", () => {
  it.each([
    ['<!DOCTYPE rss SYSTEM "x.dtd"><rss/>', "<rss/>"],
    ['<?xml version="1.0"?>\n<!doctype rss><rss/>', '<?xml version="1.0"?>\n<rss/>'],
    ['<!-- c --><!DOCTYPE a [<!ENTITY b "]>">]><a/>', "<!-- c --><a/>"],
    ["<!DOCTYPE a [<!ENTITY x 'q>'>\n<!ENTITY y \"z\">]>\n<a>&x;</a>", "\n<a>&x;</a>"],
    ["junk text <!DOCTYPE a><a/>", "junk text <a/>"],
  ])("removes the prolog DOCTYPE of %j", (input, expected) => {
    expect(stripDoctype(input)).toEqual({ text: expected, removed: true });
  });

  it("leaves a DOCTYPE inside item content (CDATA) alone", () => {
    const text =
      "<rss><channel><item><description><![CDATA[<!DOCTYPE html><p>x</p>]]></description></item></channel></rss>";
    expect(stripDoctype(text)).toEqual({ text, removed: false });
  });

  it("finds a DOCTYPE after a comment longer than any window", () => {
    const text = `<!--${"x".repeat(10_000)}--><!DOCTYPE a [<!ENTITY e "boom">]><a/>`;
    expect(stripDoctype(text).text).toBe(`<!--${"x".repeat(10_000)}--><a/>`);
  });
});

describe("repairXml", () => {
  it("escapes stray & but keeps valid references, in markup only", () => {
    const input = "<a>x & y &amp; &#38; &#x26; &lt;<![CDATA[ a & b &nbsp; ]]><!-- & --></a>";
    expect(repairXml(input)).toEqual({
      text: "<a>x &amp; y &amp; &#38; &#x26; &lt;<![CDATA[ a & b &nbsp; ]]><!-- & --></a>",
      repairs: ["escaped unescaped & characters"],
    });
  });

  it("turns HTML named entities into numeric references and unknown names into text", () => {
    expect(repairXml("<a>&hellip;&bogus;&RightArrow;</a>").text).toBe("<a>&#8230;&amp;bogus;&#8594;</a>");
  });

  it("drops text before the declaration, else before the root", () => {
    expect(repairXml('Warning: x\n<?xml version="1.0"?><a/>').text).toBe('<?xml version="1.0"?><a/>');
    expect(repairXml("garbage<a/>").text).toBe("<a/>");
  });

  it("reports nothing when there is nothing to repair", () => {
    expect(repairXml("<a>&amp;</a>")).toEqual({ text: "<a>&amp;</a>", repairs: [] });
  });
});

describe("maxElementDepth", () => {
  it("counts nesting, ignoring self-closing tags, CDATA, comments and PIs", () => {
    expect(maxElementDepth('<?xml version="1.0"?><!DOCTYPE a><a><b/><c><d>x</d></c></a>')).toBe(3);
    expect(maxElementDepth("<a><![CDATA[<b><c><d>]]><!-- <e><f> --></a>")).toBe(1);
    expect(maxElementDepth('<a x="1"><b y="2"/><c>t</c></a>')).toBe(2);
  });

  it("stops early above the limit", () => {
    expect(maxElementDepth("<a>".repeat(1_000_000), 100)).toBe(101);
  });

  it("is not fooled by an unterminated CDATA section", () => {
    expect(maxElementDepth("<a><![CDATA[<b><c>")).toBe(1);
  });
});

describe("parseRssAuthor", () => {
  it.each([
    ["jane@example.org (Jane Doe)", { name: "Jane Doe", email: "jane@example.org" }],
    ["Jane Doe <jane@example.org>", { name: "Jane Doe", email: "jane@example.org" }],
    ["mailto:j@example.org", { name: "j@example.org", email: "j@example.org" }],
    ["  The   Desk ", { name: "The Desk" }],
    ["编辑部", { name: "编辑部" }],
  ])("%j", (input, expected) => {
    expect(parseRssAuthor(input)).toEqual(expected);
  });

  it("returns null for blank", () => {
    expect(parseRssAuthor("  ")).toBeNull();
  });
});

describe("resolveBaseChain", () => {
  it("resolves nested bases outermost first against the document", () => {
    expect(resolveBaseChain(["/a/", "b/", "../c/"], "https://x.example/feed")).toBe("https://x.example/a/c/");
  });

  it("keeps a relative chain relative without a document URL (last value wins)", () => {
    expect(resolveBaseChain(["a/"], null)).toBe("a/");
  });
});

describe("mediaTypeFromExtension", () => {
  it.each([
    ["https://i.paper.example/img/media/abc/master/3000.jpg?width=140&quality=85", "image/jpeg"],
    ["/thumbs/a.PNG#frag", "image/png"],
    ["ep.mp3", "audio/mpeg"],
    ["https://example.org/dir.jpg/file", undefined],
    ["https://example.jpg", undefined],
    ["https://example.org/x.constructor", undefined],
    ["https://example.org/noextension", undefined],
  ])("%s → %s", (url, expected) => {
    expect(mediaTypeFromExtension(url)).toBe(expected);
  });
});
