import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  applyTransforms,
  compileTransforms,
  deriveTitle,
  htmlToText,
  normalizeItems,
  summarize,
} from "../../src/normalize/index.js";
import { parseFeedDocument } from "../../src/sources/feed/index.js";

const announcement = readFileSync(
  new URL("../fixtures/normalize/announcement-zh.txt", import.meta.url),
  "utf8",
);
const PINYIN = "\\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\\)";

/** True when `s` holds a surrogate half without its partner. */
function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

describe("htmlToText", () => {
  const rows: [html: string, text: string][] = [
    ["<p>a</p><p>b</p>", "a\nb"],
    ["<h1>T&amp;itle</h1>x<br>y", "T&itle\nx\ny"],
    ["<ul><li>x</li><li>y</li></ul>", "x\ny"],
    ["<p>a<script>bad()</script><style>p{}</style></p>", "a"],
    ["&lt;b&gt; &#20013;&#x6587; &nbsp;x", "<b> 中文 x"],
    ["  a \n\t b  ", "a b"],
    ["<table><tr><td>a</td><td>b</td></tr></table>", "a b"],
    ["<div><div>nested</div></div><p></p><p>next</p>", "nested\nnext"],
    ["<span>inline</span><em>run</em>", "inlinerun"],
    ["", ""],
  ];
  it.each(rows)("htmlToText(%j) → %j", (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe("summarize", () => {
  it("returns short text unchanged, whitespace collapsed", () => {
    expect(summarize("  a \n b  ")).toBe("a b");
    expect(summarize("x".repeat(300))).toBe("x".repeat(300));
  });

  it("cuts at a sentence end in the latter half", () => {
    const text = `${"Word ".repeat(40).trim()}. ${"More words here ".repeat(20)}`;
    const out = summarize(text);
    expect(out).toBe(`${"Word ".repeat(40).trim()}…`);
  });

  it("does not take an abbreviation's dot for the sentence end it cuts at", () => {
    const first = `${"Word ".repeat(30).trim()}.`;
    const text = `${first} The board met Dr. Smith and the U.S. delegation ${"to talk about the plans ".repeat(12)}`;
    expect(summarize(text)).toBe(`${"Word ".repeat(30).trim()}…`);
  });

  it("cuts at a word boundary when there is no late sentence end", () => {
    const out = summarize("alpha beta gamma delta ".repeat(30));
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out.endsWith("…")).toBe(true);
    expect(out.slice(0, -1)).toMatch(/(alpha|beta|gamma|delta)$/);
  });

  it("never splits a surrogate pair", () => {
    const out = summarize("😀".repeat(200));
    expect(out.length).toBeLessThanOrEqual(300);
    expect(hasLoneSurrogate(out)).toBe(false);
    expect(out).toBe(`${"😀".repeat(149)}…`);
  });

  it("never splits an emoji ZWJ sequence or a combining sequence", () => {
    const family = "👨‍👩‍👧‍👦";
    const out = summarize(family.repeat(40));
    expect(out.slice(0, -1).split(family).join("")).toBe("");
    const accented = "e\u0301".repeat(200);
    const cut = summarize(accented);
    expect(cut.length).toBeLessThanOrEqual(300);
    expect(cut.slice(0, -1)).toBe("e\u0301".repeat(149));
  });

  it("summarizes the real Chinese announcement within 300 characters, ending on a whole sentence", () => {
    const out = summarize(announcement);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out.endsWith("…")).toBe(true);
    expect(out.startsWith("5月30日下午")).toBe(true);
    expect(hasLoneSurrogate(out)).toBe(false);
  });

  it("honours a smaller max", () => {
    const out = summarize("one two three four five six seven", 15);
    expect(out).toBe("one two three…");
  });
});

describe("deriveTitle", () => {
  const rows: [name: string, text: string, expected: string][] = [
    ["first line", "Hello world\nsecond line", "Hello world"],
    ["skips blank lines and trims", "  \n\n  First line  \nSecond", "First line"],
    ["empty", "   \n ", ""],
    [
      "first sentence of a long line (Latin)",
      `This is the first sentence. ${"And the second one goes on and on. ".repeat(3)}`,
      "This is the first sentence",
    ],
    [
      "first sentence of a long line (CJK 。)",
      `关于做好2019年端午节放假安排的通知。${"各单位根据国务院办公厅通知精神现将端午节放假安排通知如下请认真做好相关工作".repeat(2)}`,
      "关于做好2019年端午节放假安排的通知",
    ],
    ["keeps ! and ?", `Breaking news! ${"more words follow here ".repeat(5)}`, "Breaking news!"],
    [
      "does not end on an opening bracket",
      `${"一二三四五六七八九十".repeat(7)}（附件${"内容".repeat(20)}`,
      `${"一二三四五六七八九十".repeat(7)}…`,
    ],
    ["does not end on half of a —— pair", `${"测".repeat(78)}——${"后文".repeat(10)}`, `${"测".repeat(78)}…`],
    ["prefers a clause boundary", `${"字".repeat(60)}，${"词".repeat(40)}`, `${"字".repeat(60)}…`],
    [
      "keeps a sentence's ellipsis (...)",
      `Wait for it... ${"the rest of the announcement goes on ".repeat(3)}`,
      "Wait for it...",
    ],
    [
      "keeps a sentence's ellipsis (。。。)",
      `停水通知请各位居民注意。。。${"各单位根据通知精神做好相关工作".repeat(6)}`,
      "停水通知请各位居民注意。。。",
    ],
    [
      "drops a single full stop",
      `The water is off on Monday. ${"the rest of the announcement goes on ".repeat(3)}`,
      "The water is off on Monday",
    ],
  ];
  it.each(rows)("%s", (_name, text, expected) => {
    expect(deriveTitle(text)).toBe(expected);
  });

  it("does not end a sentence at an abbreviation, an initial, a list number or a short label", async () => {
    // Items of a real JSON Feed whose bodies open with "Dr.", "U.S.", "1." and "No. 5": each line is over 80.
    const feed = await parseFeedDocument(
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "t",
        items: [
          "Dr. Smith will retire at the end of the month after thirty years of service to the hospital and the city.",
          "U.S. officials said on Tuesday that the agreement would be signed next week in Geneva by both parties.",
          "1. All residents must register their vehicles with the parking office before the deadline on Friday.",
          "No. 5 Middle School announces that classes resume on Monday, 3 June, following the Dragon Boat holiday.",
          "Mr. J. R. Smith of the St. Mary school board was elected chair. The board meets again in September next year.",
          "IV. Costs are shared by the city and the province as agreed. The details follow in the annex of this notice.",
          "Update. The road between the station and the old harbour stays closed until further notice from the city.",
        ].map((text, i) => ({ id: String(i), url: `http://x.test/${i}`, content_text: text })),
      }),
      "http://x.test/feed.json",
    );
    const ctx = {
      source: { id: "f", title: "f", url: null },
      documentUrl: "http://x.test/feed.json",
      timezone: "UTC",
      now: new Date("2019-06-01T00:00:00Z"),
      transforms: [],
      language: null,
    };
    expect(normalizeItems(feed.items, ctx).map((a) => a.title)).toEqual([
      "Dr. Smith will retire at the end of the month after thirty years of service to…",
      "U.S. officials said on Tuesday that the agreement would be signed next week in…",
      "1. All residents must register their vehicles with the parking office before…",
      "No. 5 Middle School announces that classes resume on Monday, 3 June, following…",
      "Mr. J. R. Smith of the St. Mary school board was elected chair",
      "IV. Costs are shared by the city and the province as agreed",
      "Update. The road between the station and the old harbour stays closed until…",
    ]);
    // CJK sentence ends still end a title, however short.
    expect(deriveTitle(`停水通知。${"各单位根据通知精神做好相关工作".repeat(6)}`)).toBe("停水通知");
  });

  it("cuts long Latin text at a word boundary on a character boundary", () => {
    const out = deriveTitle("lorem ipsum dolor sit amet ".repeat(10));
    expect(out.length).toBeLessThanOrEqual(80);
    expect(out).toMatch(/^lorem ipsum .*(lorem|ipsum|dolor|sit|amet)…$/);
  });

  it("never breaks a surrogate pair", () => {
    const out = deriveTitle("🎉".repeat(100));
    expect(out.length).toBeLessThanOrEqual(80);
    expect(hasLoneSurrogate(out)).toBe(false);
    expect(out.endsWith("…")).toBe(true);
  });

  it("derives a readable title from the real announcement once the pinyin transform has run", () => {
    const transforms = compileTransforms([{ pattern: PINYIN, flags: "g", replace: "", field: "all" }]);
    const raw = deriveTitle(announcement);
    expect(raw).toContain("(wěn)"); // the noise is there before the transform …
    const title = deriveTitle(applyTransforms(announcement, transforms, "content"));
    expect(title).not.toMatch(/[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü()]/); // … and gone after it
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title.length).toBeGreaterThan(40);
    expect(title.startsWith("5月30日下午,在收聽收看全省安全穩定工作視頻會議之后")).toBe(true);
    expect(title.endsWith("…")).toBe(true);
    expect(hasLoneSurrogate(title)).toBe(false);
  });
});
