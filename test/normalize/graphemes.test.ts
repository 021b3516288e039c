import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../bench/lib/prng.mjs";
import { prefixWithin } from "../../src/normalize/graphemes.js";

// prefixWithin skips Intl.Segmenter when the cut falls between two characters that are clusters of their
// own; the answer must still be the longest prefix of whole graphemes, as full segmentation gives it.

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

function referencePrefix(text: string, max: number): string {
  let end = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (end + segment.length > max) break;
    end += segment.length;
  }
  return text.slice(0, end);
}

const PIECES = [
  ..."公告通知。，「」ＡＢ（）ひらがなカタカナ—…“”abc xyzÀÿĀž-.!?",
  "😀",
  "👩‍👩‍👧",
  "e\u0301",
  "a\u0308\u0301",
  "\u3099",
  "か\u3099",
  "\u1100\u1161\u11a8",
  "한",
  "\r\n",
  "\u200d",
  "🇨🇳",
  "\ufe0f",
  "क्ष",
];

describe("prefixWithin", () => {
  it("cuts plain CJK and Latin text at exactly max units", () => {
    expect(prefixWithin("公告内容".repeat(100), 299)).toBe("公告内容".repeat(100).slice(0, 299));
    expect(prefixWithin("abc ".repeat(100), 79)).toBe("abc ".repeat(100).slice(0, 79));
  });

  it("backs off before a mark or sequence that joins the character before the cut", () => {
    expect(prefixWithin(`${"公".repeat(9)}e\u0301x`, 10)).toBe("公".repeat(9));
    expect(prefixWithin(`${"a".repeat(8)}か\u3099x`, 9)).toBe("a".repeat(8));
    expect(prefixWithin(`${"a".repeat(7)}👩‍👩‍👧x`, 10)).toBe("a".repeat(7));
  });

  it("never cuts inside a cluster longer than the segmented window", () => {
    const zalgo = `a${"\u0301".repeat(60)}`;
    const text = `${"x".repeat(40)}${zalgo}${"y".repeat(40)}`;
    for (const max of [41, 60, 80, 100]) expect(prefixWithin(text, max)).toBe("x".repeat(40));
    expect(prefixWithin(text, 101)).toBe(`${"x".repeat(40)}${zalgo}`);
    // Non-plain text all the way back: segmented from the start.
    const marks = `${"e\u0301".repeat(30)}${zalgo}`;
    expect(prefixWithin(marks, 100)).toBe("e\u0301".repeat(30));
  });

  it("matches full segmentation on random text with long clusters", () => {
    const random = mulberry32(31);
    const pieces = [...PIECES, `a${"\u0301".repeat(40)}`, `o${"\u0308".repeat(70)}`, "🇨🇳".repeat(20)];
    for (let i = 0; i < 1000; i++) {
      let text = "";
      const length = 40 + Math.floor(random() * 200);
      while (text.length < length) text += pieces[Math.floor(random() * pieces.length)];
      const max = Math.floor(random() * (text.length + 4));
      expect(prefixWithin(text, max), JSON.stringify([text, max])).toBe(referencePrefix(text, max));
    }
  });

  it("matches full segmentation on random mixed text", () => {
    const random = mulberry32(29);
    for (let i = 0; i < 3000; i++) {
      let text = "";
      const length = 20 + Math.floor(random() * 120);
      while (text.length < length) text += PIECES[Math.floor(random() * PIECES.length)];
      const max = Math.floor(random() * (text.length + 4));
      expect(prefixWithin(text, max), JSON.stringify([text, max])).toBe(referencePrefix(text, max));
    }
  });
});
