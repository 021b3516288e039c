import { describe, expect, it } from "vitest";
import {
  bareIdsOfPicks,
  type PickedId,
  qualifyNewcomers,
  rememberBareIds,
  selectOutputs,
} from "../../src/aggregate/index.js";
import { validateConfig } from "../../src/config/index.js";
import type { Article } from "../../src/model.js";
import { makeArticle } from "../fixtures/article.js";

// A bare id (a guid such as "7") readers have from one item never goes out again for another source's item
// (RFC 4287 §4.2.6), also once the first item is no longer selected or its source is gone.

const pick = (sourceId: string, id: string, url = `https://${sourceId}.example/${id}`): PickedId => ({
  sourceId,
  id,
  keys: [`id:${sourceId}\u0000${id}`, `url:${url.replace(/^https?:\/\//, "")}`],
});

describe("qualifyNewcomers", () => {
  const bare = new Map([["a\u00007", ["url:a.example/7"]]]);

  it("qualifies another source's item of a bare id published before, not the item that had it", () => {
    const namespaced = new Set<string>();
    qualifyNewcomers(
      [pick("b", "7"), pick("a", "7"), pick("b", "8"), pick("c", "urn:x:7")],
      namespaced,
      bare,
    );
    expect([...namespaced]).toEqual(["b\u00007"]);
  });

  it("lets another source's copy of the same story use it: readers have that story under it", () => {
    const namespaced = new Set<string>();
    qualifyNewcomers([pick("b", "7", "https://a.example/7")], namespaced, bare);
    expect(namespaced.size).toBe(0);
  });
});

describe("rememberBareIds", () => {
  it("keeps the ids written bare now, then the earlier ones, up to the limit of earlier ones", () => {
    const earlier = new Map([
      ["a\u00007", ["url:a.example/7"]],
      ["a\u00006", ["url:a.example/6"]],
      ["a\u00005", ["url:a.example/5"]],
    ]);
    const remembered = rememberBareIds(
      [pick("b", "8"), pick("b", "7"), pick("b", "https://b.example/9"), pick("a", "6")],
      new Set(["b\u00007"]),
      earlier,
      1,
    );
    // b's 7 was written qualified; a's 6 is published now; of the rest, the most recent one.
    expect(remembered).toEqual({
      "b\u00008": ["url:b.example/8"],
      "a\u00006": ["url:a.example/6"],
      "a\u00007": ["url:a.example/7"],
    });
    expect(Object.keys(rememberBareIds([pick("b", "8"), pick("b", "9")], new Set(), earlier, 0))).toEqual([
      "b\u00008",
      "b\u00009",
    ]);
  });

  it("reads them from the picks of a status.json written before they were remembered", () => {
    const outputs = [
      {
        picks: ["a\u00007", "a\u0000https://a.example/x", "b\u00007"],
        stories: { "a\u00007": ["id:a\u00007", "url:a.example/7"] },
      },
      { picks: ["a\u00007", "c\u00001"] },
    ];
    expect(Object.fromEntries(bareIdsOfPicks(outputs, new Set(["b\u00007"])))).toEqual({
      "a\u00007": ["url:a.example/7"],
      "c\u00001": [],
    });
  });
});

describe("selectOutputs with bare ids remembered", () => {
  const config = validateConfig({
    site: { title: "Site", url: "https://feeds.example.org/" },
    output: { maxItems: 1 },
    sources: [
      { id: "a", type: "feed", url: "https://a.example/rss" },
      { id: "b", type: "feed", url: "https://b.example/rss" },
    ],
  });
  const item = (source: string, published: string): Article =>
    makeArticle("7", {
      url: `https://${source}.example/7`,
      title: `${source} seven`,
      published,
      source: { id: source, title: source, url: null },
    });

  it("qualifies b's 7 when a's 7 is past maxItems, and a's 7 keeps 7 when it is back", () => {
    const namespaced = new Set<string>();
    const bare = new Map([["a\u00007", ["url:a.example/7"]]]);
    const ids = (a: Article, b: Article) =>
      selectOutputs(
        config,
        new Map([
          ["a", [a]],
          ["b", [b]],
        ]),
        namespaced,
        new Map(),
        new Map(),
        bare,
      )[0]!.articles.map((x) => `${x.source.id}:${x.id}`);
    expect(ids(item("a", "2024-01-01T00:00:00Z"), item("b", "2024-01-02T00:00:00Z"))).toEqual([
      "b:urn:crier:b:guid:7",
    ]);
    expect(ids(item("a", "2024-01-03T00:00:00Z"), item("b", "2024-01-02T00:00:00Z"))).toEqual(["a:7"]);
  });
});
