import { describe, expect, it } from "vitest";
import { fastSourceState } from "../../src/store/fastSourceState.js";
import { sourceStateSchema } from "../../src/store/schema.js";

// The hand-written fast path must build exactly what zod builds (keys, order, defaults), or defer to zod.
const full = {
  id: "city",
  etag: '"abc"',
  lastModified: "Wed, 01 May 2024 00:00:00 GMT",
  articleCount: 3,
  firstSeen: { a: "2024-05-01T00:00:00.000Z", b: "2024-05-02T00:00:00.000Z" },
  lastSeen: { a: "2024-05-03T00:00:00.000Z" },
  lastAttempt: "2024-05-03T00:00:00.000Z",
  lastSuccess: "2024-05-03T00:00:00.000Z",
  lastError: null,
  consecutiveFailures: 0,
  failingSince: null,
  retryAfter: null,
  counters: { fetches: 4, notModified: 2, failures: 1 },
};

const variants: Record<string, unknown>[] = [
  full,
  { id: "bare" },
  { ...full, articleCount: undefined },
  { ...full, extra: "dropped", counters: { fetches: 1, more: 2 } },
  { ...full, lastError: "boom", consecutiveFailures: 2, failingSince: "2024-05-02T00:00:00.000Z" },
  { ...full, detailRetries: { "https://gov.example/a.html": 2 }, sourceTitle: "City", sourceUrl: null },
  // Keys in another order than the schema's: the output still follows the schema.
  Object.fromEntries(Object.entries(full).reverse()),
];

const invalid: Record<string, unknown>[] = [
  { ...full, id: "" },
  { ...full, id: 3 },
  { ...full, etag: 5 },
  { ...full, firstSeen: { a: "not a date" } },
  { ...full, firstSeen: [] },
  { ...full, lastAttempt: "yesterday" },
  { ...full, consecutiveFailures: -1 },
  { ...full, consecutiveFailures: 1.5 },
  { ...full, articleCount: "3" },
  { ...full, counters: null },
  { ...full, counters: { fetches: -2 } },
  { ...full, retryAfter: 0 },
  { ...full, detailRetries: { "https://gov.example/a.html": 0 } },
  { ...full, detailRetries: { "https://gov.example/a.html": "2" } },
  { ...full, detailRetries: [] },
];

describe("fastSourceState", () => {
  it("builds the same state as sourceStateSchema, key order included", () => {
    for (const data of variants) {
      const fast = fastSourceState(data);
      const zod = sourceStateSchema.parse(data);
      expect(fast).toEqual(zod);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(zod));
    }
  });

  it("defers to zod for everything zod rejects", () => {
    for (const data of invalid) {
      expect(sourceStateSchema.safeParse(data).success).toBe(false);
      expect(fastSourceState(data)).toBeNull();
    }
  });

  it("defers to zod for format 1 (inline articles)", () => {
    expect(fastSourceState({ ...full, articles: [] })).toBeNull();
  });
});
