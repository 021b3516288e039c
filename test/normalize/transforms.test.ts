import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  applyTransforms,
  applyTransformsToHtml,
  checkRegexSafety,
  compileTransforms,
} from "../../src/normalize/index.js";

const announcement = readFileSync(
  new URL("../fixtures/normalize/announcement-zh.txt", import.meta.url),
  "utf8",
);
// The transform of design §4, exactly as a user writes it in feeds.config.json.
const PINYIN = "\\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\\)";
const PINYIN_NOISE = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/gu;

describe("checkRegexSafety", () => {
  const unsafe: [pattern: string, kind: RegExp][] = [
    ["(a+)+", /nested quantifier/],
    ["(a*)*", /nested quantifier/],
    ["(.*)*", /nested quantifier/],
    ["(.+)+$", /nested quantifier/],
    ["([a-z]+)*", /nested quantifier/],
    ["(\\w+\\s?)*$", /nested quantifier/],
    ["(a{1,3})+", /nested quantifier/],
    ["(.*a){20}", /nested quantifier/],
    ["(x+x+)+y", /nested quantifier/],
    ["(aa+)+", /nested quantifier/],
    ["(a\\w+)+", /nested quantifier/],
    ["((ab)*)+", /nested quantifier/],
    ["^(([a-z])+.)+[A-Z]([a-z])+$", /nested quantifier/],
    [
      "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
      /nested quantifier/,
    ],
    ["(a|a)*", /overlapping alternatives/],
    ["(a|ab)*", /overlapping alternatives/],
    ["(\\w|\\d)+", /overlapping alternatives/],
    ["(?:\\d|\\d\\d)+$", /overlapping alternatives/],
    // Iterations that can share the text between them: the spaces between two commas belong to either.
    ["(\\s*,\\s*)+$", /"\(\\s\*,\\s\*\)\+" can match the same text in more than one way/],
    ["(?:\\s*<br\\s*/?>\\s*)+$", /can match the same text in more than one way/],
    ["(?=(\\s*,\\s*)+$)", /can match the same text in more than one way/],
    // Adjacent loops over the same characters: a run can be split between them in n ways each.
    [".*.*.*=.*", /"\.\*" and the later "\.\*" can both match a run of .*\(polynomial backtracking/],
    ["\\d+\\d+\\d+$", /"\\d\+" and the later "\\d\+" can both match a run of "0"/],
    ["^\\s*(.*?)\\s*$", /polynomial backtracking/],
    ["\\s*#?\\s*$", /polynomial backtracking/],
    ["[\\u4e00-\\u9fff]+[\\u4e00-\\u4e10]+$", /polynomial backtracking/],
    // Bounded nesting with many ways to split: minutes on 30 characters.
    ["(.{0,12}){0,12}x", /nested quantifier/],
    ["(", /invalid regular expression/],
    ["[", /invalid regular expression/],
  ];
  it.each(unsafe)("rejects %s", (pattern, kind) => {
    expect(checkRegexSafety(pattern, "g")).toMatch(kind);
  });

  const safe: string[] = [
    PINYIN,
    "\\s+",
    "^\\s+|\\s+$",
    "(<br\\s*/?>\\s*)+",
    "(\\d{1,3}\\.){3}\\d{1,3}",
    "(?:\\s*,\\s*\\w+)*",
    "(ab+)+",
    "(a|b)*",
    "[a-z]+",
    "\\[\\d+\\]",
    "发布时间[:：]\\s*",
    "(?:https?://)?example\\.org",
    "^(?:【[^】]*】)+",
    "\\u{1F600}+",
    "(?<year>\\d{4})-(?<month>\\d{2})",
    // The rewrites the messages suggest.
    "\\s*(?:,\\s*)+$",
    "\\d{2,}$",
    "(<br\\s*/?>\\s*)+$",
    // Ambiguous, but the pattern may end right after the loop, so the first step back succeeds.
    "(\\s*,\\s*)+",
    ".*=.*",
    "\\d+\\d+",
    "\\w+\\s*\\w+",
    "\\s*\\n\\s*",
    // Separated by a literal the loops cannot match.
    "(?:[a-z0-9]{1,12}\\.){1,12}[a-z]{2,12}$",
    "(\\w+\\.)+$",
    "(?:&nbsp;|\\s)+$",
    "\\s*[,，]\\s*$",
    "(?:a{0,4}){0,4}x",
  ];
  it.each(safe.map((p) => [p]))("accepts %s", (pattern) => {
    expect(checkRegexSafety(pattern, "gu")).toBeNull();
  });

  it("the suggested rewrite of a refused pattern does the same work without exponential backtracking", () => {
    // (\s*,\s*)+$ takes over 10 s on this input (16 rounds, growing exponentially); its rewrite is at
    // worst quadratic (~0.5 s here). The bound only tells the two apart, with room for a loaded machine.
    const input = `a${",  ".repeat(5000)}x`;
    const started = performance.now();
    expect(input.replace(/\s*(?:,\s*)+$/g, "")).toBe(input);
    expect("a ,  , ".replace(/\s*(?:,\s*)+$/g, "")).toBe("a");
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("takes the case-insensitive flag into account", () => {
    // 'A' and 'a' overlap only under /i.
    expect(checkRegexSafety("(?:a|A)+", "g")).toBeNull();
    expect(checkRegexSafety("(?:a|A)+", "gi")).toMatch(/overlapping/);
  });
});

describe("compileTransforms / applyTransforms", () => {
  it("refuses an unsafe pattern, naming the transform", () => {
    expect(() =>
      compileTransforms([
        { pattern: "x", flags: "g", replace: "", field: "all" },
        { pattern: "(a+)+", flags: "g", replace: "", field: "all" },
      ]),
    ).toThrow(/transforms\[1\]\.pattern: nested quantifier/);
  });

  it("routes transforms by field", () => {
    const transforms = compileTransforms([
      { pattern: "TITLE", flags: "g", replace: "t", field: "title" },
      { pattern: "BODY", flags: "g", replace: "b", field: "content" },
      { pattern: "BOTH", flags: "g", replace: "x", field: "all" },
    ]);
    expect(applyTransforms("TITLE BODY BOTH", transforms, "title")).toBe("t BODY x");
    expect(applyTransforms("TITLE BODY BOTH", transforms, "content")).toBe("TITLE b x");
  });

  it("applies in order with $1 replacements and respects flags", () => {
    const transforms = compileTransforms([
      { pattern: "(\\d{4})年", flags: "g", replace: "$1/", field: "all" },
      { pattern: "notice", flags: "gi", replace: "公告", field: "all" },
    ]);
    expect(applyTransforms("2019年 NOTICE notice", transforms, "content")).toBe("2019/ 公告 公告");
  });

  it("is reusable: a global regex keeps no state between calls", () => {
    const transforms = compileTransforms([{ pattern: "a", flags: "gy", replace: "", field: "all" }]);
    expect(applyTransforms("aab", transforms, "content")).toBe("b");
    expect(applyTransforms("aab", transforms, "content")).toBe("b");
  });

  it("removes the pinyin noise from the real announcement", () => {
    const transforms = compileTransforms([{ pattern: PINYIN, flags: "g", replace: "", field: "all" }]);
    const noise = announcement.match(PINYIN_NOISE) ?? [];
    expect(noise.length).toBeGreaterThan(50);
    const clean = applyTransforms(announcement, transforms, "content");
    expect(clean.match(PINYIN_NOISE)).toBeNull();
    expect(clean).toContain("全省安全穩定工作視頻會議");
    expect(clean).not.toContain("穩(wěn)定");
    // Parenthesized Chinese is content, not noise.
    expect(clean).toContain("社區(農村)警務室(站)");
    expect(clean.length).toBe(announcement.length - noise.join("").length);
  });
});

describe("applyTransformsToHtml", () => {
  const transforms = compileTransforms([{ pattern: PINYIN, flags: "g", replace: "", field: "all" }]);

  it("changes text nodes only, never markup or attributes", () => {
    const html = '<p title="穩(wěn)">穩(wěn)定<a href="https://example.org/x(ab)">鏈(liàn)接</a></p>';
    expect(applyTransformsToHtml(html, transforms)).toBe(
      '<p title="穩(wěn)">穩定<a href="https://example.org/x(ab)">鏈接</a></p>',
    );
  });

  it("keeps markup-looking replacement text as text", () => {
    const inject = compileTransforms([
      { pattern: "X", flags: "g", replace: "<script>alert(1)</script>", field: "content" },
    ]);
    expect(applyTransformsToHtml("<p>X</p>", inject)).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  });

  it("matches across entity references in one text node, and leaves script text and untouched text as written", () => {
    const html =
      "<p>穩(w&#283;n)定 &amp; 安(ān)全</p><script>var s = '(ab)';</script><!-- (cd) --><p>R&amp;D&nbsp;(x)</p>";
    expect(applyTransformsToHtml(html, transforms)).toBe(
      "<p>穩定 &amp; 安全</p><script>var s = '(ab)';</script><!-- (cd) --><p>R&amp;D&nbsp;</p>",
    );
    // Nothing to change: the same string back, byte for byte.
    const clean = "<p>A&#x26;B &lt;tag&gt; caf&eacute;</p>";
    expect(applyTransformsToHtml(clean, transforms)).toBe(clean);
  });

  it("copes with hostile nesting: 60,000 unclosed levels do not overflow the stack", () => {
    const deep = `${"<div>".repeat(60_000)}穩(wěn)${"</div>".repeat(60_000)}`;
    const out = applyTransformsToHtml(deep, transforms);
    expect(out).toBe(`${"<div>".repeat(60_000)}穩${"</div>".repeat(60_000)}`);
  });

  it("leaves html alone when only title transforms exist", () => {
    const titleOnly = compileTransforms([{ pattern: "a", flags: "g", replace: "", field: "title" }]);
    expect(applyTransformsToHtml("<p>a</p>", titleOnly)).toBe("<p>a</p>");
  });
});
