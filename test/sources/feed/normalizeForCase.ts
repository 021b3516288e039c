import type { Article, RawFeed } from "../../../src/model.js";
import { normalizeItems } from "../../../src/normalize/index.js";

/** Runs the normalize stage over a parsed fixture with a fixed clock and UTC as the default zone. */
export function normalizeForCase(feed: RawFeed, documentUrl: string | null): Article[] {
  return normalizeItems(feed.items, {
    source: { id: "fixture", title: feed.title ?? "fixture", url: documentUrl },
    documentUrl,
    timezone: "UTC",
    now: new Date("2024-06-01T00:00:00Z"),
    transforms: [],
    language: feed.language ?? null,
  });
}
