import type { Article } from "../../src/model.js";
import { makeArticle } from "../fixtures/article.js";

/** A complete, valid Article for state tests. */
export function article(id: string, published: string | null = "2024-05-29T00:00:00.000Z"): Article {
  return makeArticle(id, {
    title: `Notice ${id}`,
    url: `https://example.org/${id}`,
    content: "<p>公告</p>",
    summary: "公告",
    published,
    authors: [{ name: "Office" }],
    categories: ["news"],
    language: "zh-Hans",
    source: { id: "notices", title: "Notices", url: "https://example.org/" },
  });
}
