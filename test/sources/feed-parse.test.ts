import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import type { RawFeed } from "../../src/model.js";
import { FeedParseError, parseFeedDocument } from "../../src/sources/feed/index.js";
import { allCases } from "./feed/cases/index.js";
import { DOC_URL, type FeedCase } from "./feed/feedCase.js";
import { normalizeForCase } from "./feed/normalizeForCase.js";

const FIXTURES = new URL("../fixtures/feeds/", import.meta.url);

function documentOf(row: FeedCase): string {
  if (row.doc !== undefined) return row.doc;
  if (!row.file) throw new Error(`case ${row.name} has neither doc nor file`);
  return readFileSync(new URL(row.file, FIXTURES), "utf8");
}

describe("parseFeedDocument", () => {
  test("the table has at least 150 cases with unique names", () => {
    expect(allCases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(allCases.map((row) => row.name)).size).toBe(allCases.length);
  });

  test.each(allCases.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const url = row.url === undefined ? DOC_URL : row.url;
    const parsing = parseFeedDocument(documentOf(row), url);
    if (row.error) {
      await expect(parsing).rejects.toBeInstanceOf(FeedParseError);
      await expect(parsing).rejects.toThrow(row.error);
      return;
    }
    const feed: RawFeed = await parsing;
    const serialized = JSON.stringify(feed);
    for (const text of row.absent ?? []) expect(serialized).not.toContain(text);
    if (row.feed) expect(feed).toMatchObject(row.feed);
    if (row.items) {
      expect(feed.items).toHaveLength(row.count ?? row.items.length);
      for (const [index, expected] of row.items.entries()) expect(feed.items[index]).toMatchObject(expected);
    } else if (row.count !== undefined) {
      expect(feed.items).toHaveLength(row.count);
    }
    for (const [index, keys] of Object.entries(row.missing ?? {})) {
      for (const key of keys) expect(feed.items[Number(index)]).not.toHaveProperty(key);
    }
    if (row.warnings) {
      for (const pattern of row.warnings)
        expect(
          feed.warnings.some((w) => pattern.test(w)),
          `${pattern}`,
        ).toBe(true);
    } else {
      expect(feed.warnings).toEqual([]);
    }
    if (row.normalized) {
      const articles = normalizeForCase(feed, url);
      for (const [index, expected] of row.normalized.entries())
        expect(articles[index]).toMatchObject(expected);
    }
  });
});
