import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openStateStore,
  removeStaleTempFiles,
  type SourceState,
  type StateStore,
} from "../../src/store/index.js";
import { buildChildModules, spawnChild } from "./childModules.js";

// kill -9 at random moments of builds that load from, delete and rewrite the sources index: whatever is
// left, a state served from the index is exactly what the per-source files hold. Random kills under load
// can all land while the index is deleted, so some kills land on a child idling after a flush: those
// must be served from the index, which keeps the comparison from passing vacuously.

const SOURCES = 12;
const KILLS = 6;
/** Kills that land on a child paused right after round 3's flush. */
const PAUSED = new Set([0, 3]);

let modules: Awaited<ReturnType<typeof buildChildModules>>;
beforeAll(async () => {
  modules = await buildChildModules();
});
afterAll(async () => {
  await modules?.cleanup();
});

/** A source as a build sees it: without articles, then (ensureArticles) with them if it has any. */
async function asBuildSees(store: StateStore, id: string): Promise<{ state: SourceState; index: boolean }> {
  const loaded = await store.loadSource(id, { articles: false });
  expect(loaded.problem, String(loaded.problem)).toBeNull();
  const index = loaded.state.firstSeenPending === true;
  if (!loaded.state.articleCount) return { state: loaded.state, index };
  const full = await store.loadArticles(loaded.state);
  expect(full.problem).toBeNull();
  return { state: full.state, index };
}

/** Every source as its per-source files say (the index moved out of the way). */
async function truth(dir: string, ids: string[]): Promise<SourceState[]> {
  const index = join(dir, "sources.index.json");
  const text = await readFile(index, "utf8").catch(() => null);
  await rm(index, { force: true });
  const store = openStateStore(dir);
  const states = [];
  for (const id of ids) states.push((await asBuildSees(store, id)).state);
  if (text !== null) await writeFile(index, text);
  return states;
}

describe("sources index under kill -9", () => {
  it("is never stale after a build killed at any moment", async () => {
    const ids = Array.from({ length: SOURCES }, (_, i) => `s${i}`);
    for (let kill = 0; kill < KILLS; kill++) {
      const dir = await mkdtemp(join(tmpdir(), "crier-index-kill-"));
      try {
        const child = spawnChild(modules.dir, "index-churn.mjs", [
          dir,
          String(20240506 + kill),
          String(SOURCES),
          ...(PAUSED.has(kill) ? ["3"] : []),
        ]);
        try {
          // Past a few complete rounds (an index exists), then somewhere inside a later one.
          await child.waitForLine((line) => line === "round 3", 20_000);
          if (!PAUSED.has(kill)) await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
        } finally {
          child.process.kill("SIGKILL");
        }
        expect((await child.exited).signal).toBe("SIGKILL");
        // What a build does first.
        await removeStaleTempFiles(dir, { recursive: true });

        const indexOnDisk = await stat(join(dir, "sources.index.json")).then(
          () => true,
          () => false,
        );
        const expected = await truth(dir, ids);
        const store = openStateStore(dir);
        let servedFromIndex = 0;
        for (const [i, id] of ids.entries()) {
          const { state, index } = await asBuildSees(store, id);
          if (index) servedFromIndex++;
          expect(state, `kill ${kill}, source ${id}`).toEqual(expected[i]);
        }
        if (PAUSED.has(kill)) {
          // Sources that never had articles carry no seen dates, so nothing marks them as index-served.
          expect(indexOnDisk, `kill ${kill}`).toBe(true);
          expect(servedFromIndex, `kill ${kill}`).toBeGreaterThan(0);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  }, 120_000);
});
