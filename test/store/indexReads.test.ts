import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  emptySourceState,
  openStateStore,
  recordFailure,
  recordNotModified,
  recordSuccess,
} from "../../src/store/index.js";
import { article } from "./articles.js";

// Counts the files the store opens, to prove a warm build reads one file for all its sources.

const opened = vi.hoisted(() => ({ paths: [] as string[] }));
vi.mock("node:fs/promises", async (importOriginal) =>
  (await import("../helpers/recordOpens.js")).recordOpens(
    await importOriginal<typeof import("node:fs/promises")>(),
    opened.paths,
  ),
);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "crier-index-reads-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const IDS = Array.from({ length: 20 }, (_, i) => `s${i}`);
const NOW = new Date("2024-05-30T08:00:00.000Z");

async function build(ids: string[]) {
  const store = openStateStore(dir);
  const states = await Promise.all(
    ids.map(async (id) => (await store.loadSource(id, { articles: false })).state),
  );
  return { store, states };
}

/** Every source saved once with one article and ETag "1". */
async function seedSources() {
  const seed = openStateStore(dir);
  for (const id of IDS) {
    await seed.saveSource(
      recordSuccess(emptySourceState(id), {
        articles: [article(`${id}-a`)],
        etag: '"1"',
        lastModified: null,
        now: NOW,
      }),
    );
  }
}

describe("warm build reads", () => {
  it("one index file instead of one state file per source; none once the index is in place", async () => {
    await seedSources();
    // First build after the writes: no index yet, so every state file is read; then the index is written.
    opened.paths.length = 0;
    const cold = await build(IDS);
    expect(opened.paths.filter((p) => p.startsWith(`${join(dir, "sources")}/`)).length).toBe(IDS.length);
    expect(await cold.store.flushIndex()).toBe(true);

    opened.paths.length = 0;
    const warm = await build(IDS);
    expect(warm.states.map((s) => s.etag)).toEqual(IDS.map(() => '"1"'));
    expect(await warm.store.flushIndex()).toBe(false);
    expect(opened.paths).toEqual([join(dir, "sources.index.json")]);
  });

  it("reads a source's state file only when that source needs it", async () => {
    await seedSources();
    const first = await build(IDS);
    await first.store.flushIndex();

    opened.paths.length = 0;
    const { store, states } = await build(IDS);
    // s0 fails (its stored maps are read before writing), s1 answers 304 with a new etag, s2 changed.
    await store.saveSource(recordFailure(states[0]!, { error: "HTTP 500", now: NOW }), { articles: false });
    await store.saveSource(recordNotModified(states[1]!, { now: NOW, etag: '"2"' }), { articles: false });
    const changed = await store.loadArticles(states[2]!);
    expect(changed.state.firstSeen).toHaveProperty("s2-a");
    // Selection over an unchanged source needs only its articles: its state file stays closed.
    const articlesOnly = await store.loadArticles(states[3]!, { seenDates: false });
    expect(articlesOnly.state.articles.map((a) => a.id)).toEqual(["s3-a"]);
    expect(articlesOnly.state.firstSeenPending).toBe(true);
    const stateReads = opened.paths.filter(
      (p) => p.startsWith(`${join(dir, "sources")}/`) && !p.endsWith(".tmp"),
    );
    expect(stateReads.sort()).toEqual(
      ["s0.json", "s1.json", "s2.json", "s2.articles.json", "s3.articles.json"]
        .map((f) => join(dir, "sources", f))
        .sort(),
    );
  });
});
