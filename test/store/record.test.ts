import { describe, expect, it } from "vitest";
import {
  assignFirstSeen,
  emptySourceState,
  isDeferred,
  recordFailure,
  recordNotModified,
  recordSuccess,
  sourceStatus,
} from "../../src/store/index.js";
import { article } from "./articles.js";

const at = (iso: string) => new Date(iso);
const DAY = 24 * 60 * 60 * 1000;

describe("state transitions", () => {
  it("recordFailure counts failures, keeps articles and validators, and dates the first failure", () => {
    const good = recordSuccess(emptySourceState("s"), {
      articles: [article("a")],
      etag: '"e1"',
      lastModified: null,
      now: at("2024-05-01T00:00:00Z"),
    });
    const once = recordFailure(good, { error: "HTTP 500", now: at("2024-05-02T00:00:00Z") });
    const twice = recordFailure(once, { error: "timeout", now: at("2024-05-03T00:00:00Z") });
    expect(twice).toMatchObject({
      consecutiveFailures: 2,
      failingSince: "2024-05-02T00:00:00.000Z",
      lastError: "timeout",
      lastAttempt: "2024-05-03T00:00:00.000Z",
      lastSuccess: "2024-05-01T00:00:00.000Z",
      etag: '"e1"',
      counters: { fetches: 3, notModified: 0, failures: 2 },
    });
    expect(twice.articles.map((a) => a.id)).toEqual(["a"]);
    expect(good.consecutiveFailures).toBe(0); // inputs are not mutated
    expect(sourceStatus(twice, 2)).toEqual({
      id: "s",
      ok: false,
      dead: true,
      items: 1,
      lastSuccess: "2024-05-01T00:00:00.000Z",
      failingSince: "2024-05-02T00:00:00.000Z",
      consecutiveFailures: 2,
      lastError: "timeout",
    });
    expect(sourceStatus(twice, 3).dead).toBe(false);

    const recovered = recordSuccess(twice, {
      articles: [article("b")],
      etag: null,
      lastModified: "Fri, 03 May 2024 00:00:00 GMT",
      now: at("2024-05-04T00:00:00Z"),
    });
    expect(recovered).toMatchObject({
      consecutiveFailures: 0,
      failingSince: null,
      lastError: null,
      lastSuccess: "2024-05-04T00:00:00.000Z",
      etag: null,
      lastModified: "Fri, 03 May 2024 00:00:00 GMT",
    });
    expect(sourceStatus(recovered, 1)).toMatchObject({ ok: true, dead: false, items: 1 });
  });

  it("recordNotModified keeps articles, refreshes validators only when sent, and counts the 304", () => {
    const good = recordSuccess(emptySourceState("s"), {
      articles: [article("a")],
      etag: '"e1"',
      lastModified: "Wed, 01 May 2024 00:00:00 GMT",
      now: at("2024-05-01T00:00:00Z"),
    });
    const failed = recordFailure(good, { error: "boom", now: at("2024-05-02T00:00:00Z") });
    const same = recordNotModified(failed, { now: at("2024-05-03T00:00:00Z") });
    expect(same).toMatchObject({
      etag: '"e1"',
      lastModified: "Wed, 01 May 2024 00:00:00 GMT",
      consecutiveFailures: 0,
      failingSince: null,
      lastError: null,
      lastSuccess: "2024-05-03T00:00:00.000Z",
      counters: { fetches: 3, notModified: 1, failures: 1 },
    });
    expect(same.articles).toBe(failed.articles);
    expect(recordNotModified(same, { now: at("2024-05-04T00:00:00Z"), etag: '"e2"' }).etag).toBe('"e2"');
  });

  it("remembers Retry-After across runs until it has passed", () => {
    const deferred = recordFailure(emptySourceState("s"), {
      error: "HTTP 429",
      now: at("2024-05-01T00:00:00Z"),
      retryAfter: at("2024-05-01T01:00:00Z"),
    });
    expect(deferred.retryAfter).toBe("2024-05-01T01:00:00.000Z");
    expect(isDeferred(deferred, at("2024-05-01T00:59:59Z"))).toBe(true);
    expect(isDeferred(deferred, at("2024-05-01T01:00:00Z"))).toBe(false);
    expect(isDeferred(emptySourceState("s"), at("2024-05-01T00:00:00Z"))).toBe(false);
    const after = recordFailure(deferred, { error: "HTTP 500", now: at("2024-05-01T02:00:00Z") });
    expect(after.retryAfter).toBeNull();
    const ok = recordNotModified(deferred, { now: at("2024-05-01T02:00:00Z") });
    expect(ok.retryAfter).toBeNull();
  });
});

describe("assignFirstSeen", () => {
  it("keeps the first sighting of an undated article forever while it is published", () => {
    let state = emptySourceState("s");
    const start = at("2024-01-01T00:00:00Z");
    state = assignFirstSeen(state, ["undated"], start);
    // Two years of daily builds, the article always present: its first-seen never moves.
    for (let day = 1; day <= 730; day += 7) {
      state = assignFirstSeen(state, ["undated", `new-${day}`], new Date(start.getTime() + day * DAY));
    }
    expect(state.firstSeen.undated).toBe("2024-01-01T00:00:00.000Z");
    expect(state.firstSeen["new-722"]).toBe(new Date(start.getTime() + 722 * DAY).toISOString());
    // Ids that vanished more than the default 180 days ago are gone: the map stays bounded.
    expect(state.firstSeen["new-1"]).toBeUndefined();
    expect(Object.keys(state.firstSeen).length).toBeLessThan(30);
  });

  it("dates the ids new in one read a second apart in the source's order, leaving known ids alone", () => {
    const t0 = at("2024-01-01T00:00:00Z");
    let state = assignFirstSeen(emptySourceState("s"), ["c", "b", "a"], t0);
    expect(state.firstSeen).toEqual({
      c: "2024-01-01T00:00:00.000Z",
      b: "2023-12-31T23:59:59.000Z",
      a: "2023-12-31T23:59:58.000Z",
    });
    state = assignFirstSeen(state, ["e", "c", "d", "b", "a"], at("2024-01-02T00:00:00Z"));
    expect(state.firstSeen).toMatchObject({
      e: "2024-01-02T00:00:00.000Z",
      d: "2024-01-01T23:59:59.000Z",
      c: "2024-01-01T00:00:00.000Z",
      a: "2023-12-31T23:59:58.000Z",
    });
  });

  it("dates first sightings in whole seconds, as RSS dates are written (no feed reads a moment apart)", () => {
    const state = assignFirstSeen(emptySourceState("s"), ["b", "a"], at("2024-01-01T10:20:30.987Z"));
    expect(state.firstSeen).toEqual({ b: "2024-01-01T10:20:30.000Z", a: "2024-01-01T10:20:29.000Z" });
  });

  it("forgets a vanished id only after the retention period, never one still stored as an article", () => {
    const t0 = at("2024-01-01T00:00:00Z");
    let state = recordSuccess(emptySourceState("s"), {
      articles: [article("kept")],
      etag: null,
      lastModified: null,
      now: t0,
    });
    state = assignFirstSeen(state, ["kept", "gone"], t0);
    // A week later "gone" vanished from the source: remembered (it may come back).
    const week = new Date(t0.getTime() + 7 * DAY);
    state = assignFirstSeen(state, [], week);
    expect(state.firstSeen.gone).toBe("2024-01-01T00:00:00.000Z");
    // It comes back: same first-seen, so it does not jump to the top as "new".
    state = assignFirstSeen(state, ["gone"], week);
    expect(state.firstSeen.gone).toBe("2024-01-01T00:00:00.000Z");
    // A year after it was last seen it is pruned; "kept" is still a stored article and stays.
    const later = new Date(week.getTime() + 365 * DAY);
    state = assignFirstSeen(state, [], later, { retentionDays: 180 });
    expect(Object.keys(state.firstSeen)).toEqual(["kept"]);
    expect(Object.keys(state.lastSeen ?? {})).toEqual(["kept"]);
  });

  it("bounds the number of remembered vanished ids, dropping the longest-unseen first", () => {
    let state = emptySourceState("s");
    const t0 = at("2024-01-01T00:00:00Z");
    for (let i = 0; i < 10; i++) {
      state = assignFirstSeen(state, [`old-${i}`], new Date(t0.getTime() + i * 1000));
    }
    state = assignFirstSeen(state, ["live"], new Date(t0.getTime() + DAY), { maxForgotten: 3 });
    expect(Object.keys(state.firstSeen).sort()).toEqual(["live", "old-7", "old-8", "old-9"]);
  });

  it("recordSuccess records first-seen for new articles without moving existing ones", () => {
    const first = recordSuccess(emptySourceState("s"), {
      articles: [article("a", null)],
      etag: null,
      lastModified: null,
      now: at("2024-01-01T00:00:00Z"),
    });
    const second = recordSuccess(first, {
      articles: [article("a", null), article("b", null)],
      etag: null,
      lastModified: null,
      now: at("2024-02-01T00:00:00Z"),
    });
    expect(second.firstSeen).toEqual({ a: "2024-01-01T00:00:00.000Z", b: "2024-02-01T00:00:00.000Z" });
  });
});
