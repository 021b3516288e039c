import { describe, expect, it } from "vitest";
import { articlesFileBytes } from "../../src/store/articlesFile.js";
import { STATE_FORMAT_VERSION } from "../../src/store/index.js";
import { makeArticle } from "../fixtures/article.js";

// The piecewise writer must produce exactly the bytes of one JSON.stringify of the whole file.
const reference = (id: string, articles: unknown[]) =>
  Buffer.from(`${JSON.stringify({ version: STATE_FORMAT_VERSION, id, articles })}\n`, "utf8");

describe("articlesFileBytes", () => {
  it("equals JSON.stringify of the whole file, byte for byte", () => {
    const cases = [
      [],
      [makeArticle("a")],
      [
        makeArticle("cjk", {
          title: "關於2019年5月30日停水的公告",
          content: '<p>穩(wěn)定 ?!钡 "quoted" \\ back</p>',
        }),
        makeArticle("emoji", {
          title: "🚒 fire \u2028 line \u0000 nul",
          summary: "\ud800 lone \udfff surrogates",
        }),
        makeArticle("plain", {
          url: null,
          published: null,
          categories: ["a", "b"],
          authors: [{ name: "N" }],
        }),
      ],
    ];
    for (const articles of cases) {
      expect(articlesFileBytes("src-1", articles).equals(reference("src-1", articles))).toBe(true);
    }
    expect(articlesFileBytes('we"ird', []).toString()).toBe(reference('we"ird', []).toString());
  });

  it("reads back as the same articles", () => {
    const articles = Array.from({ length: 200 }, (_, i) => makeArticle(`n${i}`, { title: `第${i}号通告` }));
    const parsed = JSON.parse(articlesFileBytes("big", articles).toString("utf8"));
    expect(parsed).toEqual({ version: STATE_FORMAT_VERSION, id: "big", articles });
  });
});
