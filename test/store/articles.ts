import type { Article } from "../../src/model.js";

/** A complete, valid Article for state tests. */
export function article(id: string, published: string | null = "2024-05-29T00:00:00.000Z"): Article {
  return {
    id,
    title: `Notice ${id}`,
    url: `https://example.org/${id}`,
    content: "<p>公告</p>",
    summary: "公告",
    published,
    updated: null,
    authors: [{ name: "Office" }],
    categories: ["news"],
    enclosures: [],
    image: null,
    language: "zh-Hans",
    source: { id: "notices", title: "Notices", url: "https://example.org/" },
  };
}
