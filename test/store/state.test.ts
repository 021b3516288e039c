import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type BuildStatus,
  emptySourceState,
  openStateStore,
  recordSuccess,
  STATE_FORMAT_VERSION,
} from "../../src/store/index.js";
import { article } from "./articles.js";

const NOW = new Date("2024-05-30T08:00:00Z");

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "crier-state-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const store = () => openStateStore(dir, { now: () => NOW });
const stateFile = (id: string) => join(dir, "sources", `${id}.json`);

describe("state store", () => {
  it("returns a fresh state without a problem when nothing is stored", async () => {
    const loaded = await store().loadSource("notices");
    expect(loaded).toEqual({ state: emptySourceState("notices"), problem: null });
  });

  it("round-trips a source state through sources/<id>.json with a format version", async () => {
    const state = recordSuccess(emptySourceState("notices"), {
      articles: [article("a"), article("b", null)],
      etag: '"v1"',
      lastModified: "Wed, 29 May 2024 00:00:00 GMT",
      now: NOW,
    });
    await store().saveSource(state);
    const raw = JSON.parse(await readFile(stateFile("notices"), "utf8"));
    expect(raw.version).toBe(STATE_FORMAT_VERSION);
    const loaded = await store().loadSource("notices");
    expect(loaded.problem).toBeNull();
    expect(loaded.state).toEqual(state);
    expect(await store().listSourceIds()).toEqual(["notices"]);
    expect((await readdir(join(dir, "sources"))).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("fills fields missing from an older version-1 file with defaults", async () => {
    await store().saveSource(emptySourceState("notices"));
    await writeFile(
      stateFile("notices"),
      JSON.stringify({ version: 1, id: "notices", articles: [article("a")] }),
    );
    const loaded = await store().loadSource("notices");
    expect(loaded.problem).toBeNull();
    expect(loaded.state.articles.map((a) => a.id)).toEqual(["a"]);
    expect(loaded.state.counters).toEqual({ fetches: 0, notModified: 0, failures: 0 });
    expect(loaded.state.firstSeen).toEqual({});
  });

  const corrupt: [string, string | Buffer, RegExp][] = [
    ["truncated JSON", '{"version":1,"id":"notices","articles":[{"id":"a","tit', /not valid JSON/],
    ["garbage bytes", Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x80, 0x81]), /not valid JSON/],
    ["an empty file", "", /is empty/],
    ["a JSON array", "[1,2,3]", /not a JSON object/],
    ["no version", '{"id":"notices","articles":[]}', /no format version/],
    ["a newer format", '{"version":99,"id":"notices","articles":[]}', /newer crier \(format 99/],
    [
      "articles of the wrong type",
      '{"version":1,"id":"notices","articles":"many"}',
      /unexpected shape \(articles: /,
    ],
    [
      "a bad article date",
      JSON.stringify({ version: 1, id: "notices", articles: [{ ...article("a"), published: "soon" }] }),
      /articles\[0\]\.published: expected an ISO date/,
    ],
    ["another source's state", '{"version":1,"id":"other","articles":[]}', /belongs to source "other"/],
  ];

  it.each(corrupt)(
    "turns %s into a fresh state, a problem and a .corrupt-* copy",
    async (_name, bytes, message) => {
      await store().saveSource(emptySourceState("notices"));
      await writeFile(stateFile("notices"), bytes);
      const loaded = await store().loadSource("notices");
      expect(loaded.state).toEqual(emptySourceState("notices"));
      expect(loaded.problem).toMatch(message);
      expect(loaded.problem).toContain("starting fresh");
      const names = (await readdir(join(dir, "sources"))).filter((n) => n.includes("corrupt"));
      expect(names).toEqual(["notices.json.corrupt-2024-05-30T08-00-00-000Z"]);
      expect(await readFile(join(dir, "sources", names[0]!))).toEqual(Buffer.from(bytes));
      // The next save starts over cleanly, the operator's copy stays.
      await store().saveSource(loaded.state);
      expect((await readdir(join(dir, "sources"))).sort()).toEqual([
        "notices.articles.json",
        "notices.json",
        "notices.json.corrupt-2024-05-30T08-00-00-000Z",
      ]);
    },
  );

  it("keeps the intact articles of a source whose state file is damaged, without its validators", async () => {
    const stored = recordSuccess(emptySourceState("notices"), {
      articles: [article("a"), article("b", "2024-05-30T08:00:00.000Z")],
      etag: '"v1"',
      lastModified: null,
      now: NOW,
    });
    await store().saveSource(stored);
    await writeFile(stateFile("notices"), "{}\n");
    // As after a killed build or a restored state folder: nothing but the source files to go by.
    await rm(join(dir, "sources.index.json"), { force: true });

    const loaded = await store().loadSource("notices", { articles: false });
    expect(loaded.problem).toMatch(/has no format version; keeping its 2 stored articles/);
    expect(loaded.state).toMatchObject({ articles: [], articleCount: 2, etag: null, consecutiveFailures: 0 });
    // The stored dates stand in for the first-seen dates (b was undated: dated by its first sighting).
    expect(loaded.state.firstSeen).toEqual({ a: "2024-05-29T00:00:00.000Z", b: "2024-05-30T08:00:00.000Z" });
    const names = (await readdir(join(dir, "sources"))).sort();
    expect(names).toEqual(["notices.articles.json", "notices.json.corrupt-2024-05-30T08-00-00-000Z"]);
    const withArticles = await store().loadArticles(loaded.state);
    expect(withArticles.problem).toBeNull();
    expect(withArticles.state.articles).toEqual(stored.articles);

    // A failed fetch saves only the small file: the next build finds the articles through it.
    await store().saveSource({ ...loaded.state, consecutiveFailures: 1 }, { articles: false });
    const next = await store().loadSource("notices");
    expect(next.problem).toBeNull();
    expect(next.state.articles).toEqual(stored.articles);
  });

  it("takes first-seen dates from the stored articles when the state file is damaged behind the index", async () => {
    await store().saveSource(
      recordSuccess(emptySourceState("notices"), {
        articles: [article("a"), article("b", "2024-05-30T07:59:21.882Z")],
        etag: '"v1"',
        lastModified: null,
        now: NOW,
      }),
    );
    const first = store();
    await first.loadSource("notices", { articles: false });
    expect(await first.flushIndex()).toBe(true);
    // Truncated in place (`: > notices.json`): the index still serves the source, without its maps.
    await writeFile(stateFile("notices"), "");
    const served = await store().loadSource("notices", { articles: false });
    expect(served.state.firstSeenPending).toBe(true);
    const loaded = await store().loadArticles(served.state);
    expect(loaded.problem).toMatch(/is empty \(kept as .*notices\.json\.corrupt-2024-05-30T08-00-00-000Z\)/);
    expect(loaded.problem).toContain("first-seen dates taken from its stored articles");
    // b was undated: its date is its first sighting, which it keeps when fetched again.
    expect(loaded.state.firstSeen).toEqual({ a: "2024-05-29T00:00:00.000Z", b: "2024-05-30T07:59:21.882Z" });
    const names = (await readdir(join(dir, "sources"))).filter((n) => n.includes("corrupt"));
    expect(names).toEqual(["notices.json.corrupt-2024-05-30T08-00-00-000Z"]);
  });

  it("keeps the articles of a source whose state file is missing (killed between the two writes)", async () => {
    await store().saveSource(
      recordSuccess(emptySourceState("notices"), {
        articles: [article("a")],
        etag: null,
        lastModified: null,
        now: NOW,
      }),
    );
    await rm(stateFile("notices"));
    const loaded = await store().loadSource("notices");
    // A crash window, not damage: nothing to report.
    expect(loaded.problem).toBeNull();
    expect(loaded.state.articles.map((a) => a.id)).toEqual(["a"]);
    expect(loaded.state.articleCount).toBe(1);
  });

  it("rejects ids that are not slugs (they become file names)", async () => {
    await expect(store().loadSource("../escape")).rejects.toThrow(/invalid source id/);
    await expect(store().saveSource(emptySourceState("A/B"))).rejects.toThrow(/invalid source id/);
  });

  it("writes and reads status.json; unreadable status reads as null", async () => {
    expect(await store().readStatus()).toBeNull();
    const status: BuildStatus = {
      builtAt: NOW.toISOString(),
      changedAt: "2024-05-29T00:00:00.000Z",
      durationMs: 1234,
      sources: [
        {
          id: "notices",
          ok: false,
          dead: false,
          items: 3,
          lastSuccess: null,
          failingSince: NOW.toISOString(),
          consecutiveFailures: 1,
          lastError: "HTTP 503",
        },
      ],
    };
    await store().writeStatus(status);
    expect(await store().readStatus()).toEqual(status);
    await writeFile(join(dir, "status.json"), '{"builtAt":');
    expect(await store().readStatus()).toBeNull();
  });
});
