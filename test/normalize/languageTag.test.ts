import { describe, expect, it } from "vitest";
import { languageTag } from "../../src/languageTag.js";

describe("languageTag", () => {
  const rows: [input: string | null, expected: string | null][] = [
    ["en", "en"],
    ["EN-us", "en-US"],
    ["zh_TW", "zh-TW"],
    ["zh-hant", "zh-Hant"],
    ["zh-Hant-HK", "zh-Hant-HK"],
    ["zho", "zh"],
    ["iw", "he"],
    ["haw", "haw"],
    // ISO 639-3 Chinese languages: the validator knows only 639-1/639-2 primary subtags.
    ["yue", "zh-yue"],
    ["yue-Hant", "zh-yue-Hant"],
    ["zh-yue", "zh-yue"],
    ["cmn-Hans", "zh-Hans"],
    ["nan-Hant-TW", "zh-nan-Hant-TW"],
    // Seen in real <language> elements: not tags of a known language.
    ["English", null],
    ["Chinese", null],
    ["cn", null],
    ["jp", null],
    ["123", null],
    ["  ", null],
    [null, null],
  ];
  it.each(rows)("%j → %j", (input, expected) => {
    expect(languageTag(input)).toBe(expected);
  });
});
