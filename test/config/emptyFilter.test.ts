import { describe, expect, it } from "vitest";
import { ConfigError, validateConfig } from "../../src/config/index.js";

// An empty include filter matched nothing, so `"include": {}` (or `"tags": []`) silently emptied a source
// or a feed set.

const site = { title: "S", url: "https://f.example.org/" };

function issues(config: unknown): string[] {
  try {
    validateConfig(config);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
}

describe("include / exclude filters", () => {
  it("refuses an empty filter at its path, saying what it needs", () => {
    const found = issues({
      site,
      sources: [{ id: "a", type: "feed", url: "https://a.example/rss", include: {} }],
      outputs: [{ name: "x", title: "X", exclude: { tags: [] } }],
    });
    expect(found).toEqual([
      'sources[0].include: expected at least one of "title", "content" or "tags" (a non-empty list); an empty filter matches nothing',
      'outputs[0].exclude: expected at least one of "title", "content" or "tags" (a non-empty list); an empty filter matches nothing',
    ]);
  });

  it("accepts a filter with any one condition", () => {
    for (const include of [{ title: "x" }, { content: "y" }, { tags: ["z"] }]) {
      expect(
        issues({ site, sources: [{ id: "a", type: "feed", url: "https://a.example/rss", include }] }),
      ).toEqual([]);
    }
  });
});
