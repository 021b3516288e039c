import { existsSync } from "node:fs";
import { mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  assignFirstSeen,
  emptySourceState,
  openStateStore,
  recordFailure,
  recordNotModified,
  recordSuccess,
  type SourceState,
} from "../../src/store/index.js";
import { article } from "./articles.js";

// The sources index: a warm build's loadSource(id, { articles: false }) is served from one file, which
// is never trusted when it may be stale, and never costs a source its first-seen dates.

const NOW = new Date("2024-05-30T08:00:00.000Z");
const LATER = new Date("2024-05-30T09:00:00.000Z");

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "crier-index-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const indexFile = () => join(dir, "sources.index.json");
const stateFile = (id: string) => join(dir, "sources", `${id}.json`);

/** A source with articles and first-seen dates; `vanished` ids are remembered but no longer published. */
function stored(id: string, ids: string[], vanished: string[] = []): SourceState {
  const early = assignFirstSeen(
    emptySourceState(id),
    [...vanished, ...ids],
    new Date("2024-05-01T00:00:00Z"),
  );
  return recordSuccess(early, {
    articles: ids.map((a) => article(a)),
    etag: `"${id}-1"`,
    lastModified: "Wed, 29 May 2024 00:00:00 GMT",
    now: NOW,
  });
}

/** A few differently shaped states: healthy, failing with Retry-After, no validators, no articles. */
async function seed(): Promise<Record<string, SourceState>> {
  const store = openStateStore(dir);
  const states: Record<string, SourceState> = {
    healthy: stored("healthy", ["a", "b", "c"], ["gone"]),
    failing: recordFailure(stored("failing", ["x"]), {
      error: "HTTP 503",
      now: LATER,
      retryAfter: new Date("2024-05-30T10:00:00Z"),
    }),
    plain: { ...stored("plain", ["p"]), etag: null, lastModified: null },
    empty: emptySourceState("empty"),
  };
  for (const state of Object.values(states)) await store.saveSource(state);
  return states;
}

/** Loads every id without articles through one store and writes its index (the end of a build). */
async function warmBuild(ids: string[]): Promise<{ states: SourceState[]; wrote: boolean }> {
  const store = openStateStore(dir);
  const states = [];
  for (const id of ids) states.push((await store.loadSource(id, { articles: false })).state);
  return { states, wrote: await store.flushIndex() };
}

/** What loading from the per-source files gives (no index around). */
async function fromFiles(id: string, articles = false): Promise<SourceState> {
  const text = await readFile(indexFile(), "utf8").catch(() => null);
  await rm(indexFile(), { force: true });
  try {
    return (await openStateStore(dir).loadSource(id, { articles })).state;
  } finally {
    if (text !== null) await writeFile(indexFile(), text);
  }
}

/** Changes a per-source file the way an editor writing in place would: the folder's stamp stays. */
async function editInPlace(id: string, change: (json: Record<string, unknown>) => void): Promise<void> {
  const json = JSON.parse(await readFile(stateFile(id), "utf8"));
  change(json);
  await writeFile(stateFile(id), JSON.stringify(json, null, 2));
}

const IDS = ["healthy", "failing", "plain", "empty"];

describe("sources index", () => {
  it("serves the same state as the files, minus first/last-seen maps until loadArticles fills them", async () => {
    await seed();
    const cold = await warmBuild(IDS);
    expect(cold.wrote).toBe(true);
    expect(existsSync(indexFile())).toBe(true);

    const warm = await warmBuild(IDS);
    for (const [i, id] of IDS.entries()) {
      const file = await fromFiles(id);
      const served = warm.states[i]!;
      if (Object.keys(file.firstSeen).length > 0) {
        expect(served).toEqual({ ...file, firstSeen: {}, lastSeen: {}, firstSeenPending: true });
        // Same key order too: a state written back is byte-identical.
        expect(Object.keys(served)).toEqual([...Object.keys(file), "firstSeenPending"]);
      } else {
        expect(served).toEqual(file);
      }
      const store = openStateStore(dir);
      const full = await store.loadArticles(served);
      expect(full.problem).toBeNull();
      expect(full.state).toEqual(await fromFiles(id, true));
      expect(full.state.firstSeenPending).toBeUndefined();
    }
  });

  it("is what a warm build reads: a per-source file changed in place is not read", async () => {
    await seed();
    await warmBuild(IDS);
    // The index is trusted as a whole; this edit (which crier never makes) shows the file was not opened.
    await editInPlace("healthy", (json) => {
      json.etag = '"edited"';
    });
    const { states } = await warmBuild(IDS);
    expect(states[0]!.etag).toBe('"healthy-1"');
    // loadSource with articles (html sources) always reads the file.
    expect((await openStateStore(dir).loadSource("healthy")).state.etag).toBe('"edited"');
  });

  it("a warm build that changed nothing does not write the index", async () => {
    await seed();
    await warmBuild(IDS);
    const before = await stat(indexFile());
    const text = await readFile(indexFile(), "utf8");
    const { wrote } = await warmBuild(IDS);
    expect(wrote).toBe(false);
    expect((await stat(indexFile())).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(indexFile(), "utf8")).toBe(text);
  });

  it("is deleted before a source is saved and comes back, updated, with flushIndex", async () => {
    await seed();
    await warmBuild(IDS);
    const store = openStateStore(dir);
    const { state } = await store.loadSource("healthy", { articles: false });
    await store.saveSource(recordNotModified(state, { now: LATER, etag: '"healthy-2"' }), {
      articles: false,
    });
    expect(existsSync(indexFile())).toBe(false);
    // Without a flush (a build killed here) the next build reads the files.
    expect((await warmBuild(["healthy"])).states[0]!.etag).toBe('"healthy-2"');
    expect(JSON.parse(await readFile(indexFile(), "utf8")).sources.healthy.etag).toBe('"healthy-2"');
  });

  it("never serves a stale index after a crashed build, even when its old bytes come back", async () => {
    await seed();
    await warmBuild(IDS);
    const oldIndex = await readFile(indexFile(), "utf8");
    // A build that saved a failure and was killed before flushIndex.
    const crashed = openStateStore(dir);
    const { state } = await crashed.loadSource("healthy", { articles: false });
    await crashed.saveSource(recordFailure(state, { error: "HTTP 500", now: LATER }), { articles: false });
    expect(existsSync(indexFile())).toBe(false);
    const after = await warmBuild(IDS);
    expect(after.states[0]!.lastError).toBe("HTTP 500");
    // Someone restores the old index (a backup): the sources folder changed since, so it is not trusted.
    await writeFile(indexFile(), oldIndex);
    const restored = await warmBuild(IDS);
    expect(restored.states[0]!.lastError).toBe("HTTP 500");
    expect(restored.wrote).toBe(true);
  });

  it("is not trusted after a file in the sources folder was replaced by rename (editors, tools)", async () => {
    await seed();
    await warmBuild(IDS);
    const json = JSON.parse(await readFile(stateFile("plain"), "utf8"));
    await writeFile(`${stateFile("plain")}.new`, JSON.stringify({ ...json, lastError: "by hand" }));
    await rename(`${stateFile("plain")}.new`, stateFile("plain"));
    expect((await warmBuild(["plain"])).states[0]!.lastError).toBe("by hand");
  });

  it("keeps the stored first/last-seen maps when a state served from the index is saved", async () => {
    const states = await seed();
    await warmBuild(IDS);
    const store = openStateStore(dir);
    // Articles loaded without the maps (selection over an unchanged source): still pending.
    const served = (await store.loadSource("healthy", { articles: false })).state;
    const healthy = (await store.loadArticles(served, { seenDates: false })).state;
    expect(healthy.articles).toHaveLength(3);
    const failing = (await store.loadSource("failing", { articles: false })).state;
    expect(healthy.firstSeenPending).toBe(true);
    await store.saveSource(recordFailure(healthy, { error: "timeout", now: LATER }), { articles: false });
    await store.saveSource(recordNotModified(failing, { now: LATER, etag: '"failing-2"' }), {
      articles: false,
    });
    for (const id of ["healthy", "failing"]) {
      const raw = JSON.parse(await readFile(stateFile(id), "utf8"));
      expect(raw.firstSeen).toEqual(states[id]!.firstSeen);
      expect(raw.lastSeen).toEqual(states[id]!.lastSeen);
      expect(raw).not.toHaveProperty("firstSeenPending");
    }
    expect(JSON.parse(await readFile(stateFile("healthy"), "utf8")).firstSeen).toHaveProperty("gone");
    const reloaded = await fromFiles("healthy", true);
    expect(reloaded.lastError).toBe("timeout");
    expect(reloaded.articles.map((a) => a.id)).toEqual(["a", "b", "c"]);
  });

  it("writes a state file byte-identical to one saved from a file-loaded state", async () => {
    await seed();
    await warmBuild(IDS);
    const failure = (state: SourceState) => recordFailure(state, { error: "HTTP 502", now: LATER });
    const viaIndex = openStateStore(dir);
    await viaIndex.saveSource(failure((await viaIndex.loadSource("healthy", { articles: false })).state), {
      articles: false,
    });
    const indexed = await readFile(stateFile("healthy"), "utf8");
    await seed();
    const viaFile = openStateStore(dir);
    await viaFile.saveSource(failure((await viaFile.loadSource("healthy", { articles: false })).state), {
      articles: false,
    });
    expect(await readFile(stateFile("healthy"), "utf8")).toBe(indexed);
  });

  it("refuses to compute first-seen dates from placeholder maps", async () => {
    await seed();
    await warmBuild(IDS);
    const { state } = await openStateStore(dir).loadSource("healthy", { articles: false });
    expect(() => assignFirstSeen(state, ["d"], LATER)).toThrow(/first-seen dates not loaded/);
  });

  it("reads the file for a source without articles but with remembered ids (nothing would load its maps)", async () => {
    const store = openStateStore(dir);
    const emptied = recordSuccess(stored("emptied", ["a"]), {
      articles: [],
      etag: null,
      lastModified: null,
      now: LATER,
    });
    expect(Object.keys(emptied.firstSeen)).toEqual(["a"]);
    await store.saveSource(emptied);
    await warmBuild(["emptied"]);
    const { states } = await warmBuild(["emptied"]);
    expect(states[0]!.firstSeenPending).toBeUndefined();
    expect(states[0]!.firstSeen).toEqual(emptied.firstSeen);
  });

  const broken: [string, (text: string) => string][] = [
    ["truncated", (text) => text.slice(0, text.length / 2)],
    ["empty", () => ""],
    ["foreign JSON", () => '{"sources":{"healthy":{"id":"healthy","articleCount":0,"seenDates":false}}}'],
    ["another format version", (text) => text.replace('"version":1', '"version":2')],
    ["another state format", (text) => text.replace('"stateFormat":2', '"stateFormat":1')],
    ["an entry with a bad date", (text) => text.replace(/("healthy":.*?"lastSuccess":)"[^"]*"/, '$1"soon"')],
    ["an entry under another id", (text) => text.replace('"id":"healthy"', '"id":"plain"')],
  ];

  it.each(broken)("ignores an index that is %s and reads the files", async (_name, damage) => {
    await seed();
    await warmBuild(IDS);
    await editInPlace("healthy", (json) => {
      json.lastError = "only in the file";
    });
    await writeFile(indexFile(), damage(await readFile(indexFile(), "utf8")));
    const { states, wrote } = await warmBuild(IDS);
    expect(states[0]!.lastError).toBe("only in the file");
    expect(states[0]!.firstSeen).toHaveProperty("gone");
    expect(wrote).toBe(true);
  });

  it("adds a source that was not in the index, and leaves out sources no longer loaded", async () => {
    await seed();
    await warmBuild(["healthy", "failing"]);
    const { wrote } = await warmBuild(["healthy", "plain"]);
    expect(wrote).toBe(true);
    const index = JSON.parse(await readFile(indexFile(), "utf8"));
    expect(Object.keys(index.sources)).toEqual(["healthy", "plain"]);
  });
});
