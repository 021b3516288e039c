import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { emptySourceState, openStateStore, recordSuccess } from "../../src/store/index.js";
import { article } from "./articles.js";

// Before a build first changes a source, status.json loses its fingerprint (the output may go stale). When
// that rewrite fails (a full disk), status.json — which also records the ids already published — stays as
// it was and the save fails; only a status.json that is not JSON is deleted.

const full = vi.hoisted(() => ({ names: null as RegExp | null }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const open: typeof actual.open = async (file, ...rest) => {
    const handle = await actual.open(file, ...rest);
    if (full.names?.test(basename(String(file)))) {
      // As Node reports a full disk on write: ENOSPC, naming no file.
      handle.writeFile = async () => {
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), {
          code: "ENOSPC",
          syscall: "write",
        });
      };
    }
    return handle;
  };
  return { ...actual, open };
});

const NOW = new Date("2024-05-30T08:00:00Z");
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "crier-status-kept-"));
  full.names = null;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const changed = () =>
  recordSuccess(emptySourceState("notices"), {
    articles: [article("a")],
    etag: null,
    lastModified: null,
    now: NOW,
  });

it("keeps status.json and fails the save when its fingerprint cannot be dropped", async () => {
  const status = `${JSON.stringify({ builtAt: NOW.toISOString(), fingerprint: "f1", namespacedIds: ["b\u00007"] })}\n`;
  await writeFile(join(dir, "status.json"), status);
  full.names = /^\.status\.json\./;
  const store = openStateStore(dir, { now: () => NOW });
  const saving = store.saveSource(changed());
  await expect(saving).rejects.toMatchObject({ code: "ENOSPC", path: join(dir, "status.json") });
  await expect(saving).rejects.toThrow(`'${join(dir, "status.json")}'`);

  expect(await readFile(join(dir, "status.json"), "utf8")).toBe(status);
  // Nothing about the source changed either: the fingerprint still describes the state.
  expect(await readdir(join(dir, "sources"))).toEqual([]);
  expect((await readdir(dir)).sort()).toEqual(["sources", "status.json"]);
});

it("drops the fingerprint, keeping the rest, once it can be written", async () => {
  await writeFile(
    join(dir, "status.json"),
    JSON.stringify({ builtAt: NOW.toISOString(), fingerprint: "f1" }),
  );
  await openStateStore(dir).saveSource(changed());
  expect(JSON.parse(await readFile(join(dir, "status.json"), "utf8"))).toEqual({
    builtAt: NOW.toISOString(),
  });
});

it("deletes a status.json with a fingerprint that is not JSON", async () => {
  await writeFile(join(dir, "status.json"), '{"fingerprint": "f1", "builtAt":');
  await openStateStore(dir).saveSource(changed());
  expect((await readdir(dir)).sort()).toEqual(["sources"]);
});
