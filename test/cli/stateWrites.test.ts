import { readdir, readFile, rm, symlink, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { makeProject, ROOT, runCrier } from "../helpers/cli.js";

// A state write that fails (full disk, read-only folder) during `crier build`: the message names the file,
// a build that stops before publishing changes no output file, one that fails after publishing says so,
// and a lock that cannot be released never hides the error. Faults come from fsFaults.mjs.

const FAULTS = path.join(ROOT, "test", "fixtures", "cli", "fsFaults.mjs");
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function project() {
  const dir = await makeProject({
    site: { title: "State writes", url: "https://state.example/" },
    sources: [{ id: "a", type: "feed", url: "a.xml" }],
  });
  dirs.push(dir);
  return { dir, out: path.join(dir, "output"), state: path.join(dir, ".crier") };
}

async function writeFeed(dir: string, titles: string[]): Promise<void> {
  const items = titles
    .map(
      (title, i) =>
        `<item><title>${title}</title><guid>https://a.example/${i}</guid><pubDate>${new Date(Date.UTC(2024, 4, 1 + i)).toUTCString()}</pubDate></item>`,
    )
    .join("");
  await writeFile(
    path.join(dir, "a.xml"),
    `<?xml version="1.0"?><rss version="2.0"><channel><title>a</title><link>https://a.example/</link>${items}</channel></rss>`,
  );
}

const build = (dir: string, faults: Record<string, string> = {}) =>
  runCrier(["build"], {
    cwd: dir,
    env: Object.keys(faults).length > 0 ? { NODE_OPTIONS: `--import=${FAULTS}`, ...faults } : {},
  });

async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(root, file)] = await readFile(file, "utf8");
    }
  }
  return files;
}

/** A published project whose source then gained an item. */
async function changedProject() {
  const p = await project();
  await writeFeed(p.dir, ["First"]);
  expect((await build(p.dir)).code).toBe(0);
  await writeFeed(p.dir, ["First", "Second"]);
  return { ...p, before: await snapshot(p.out) };
}

const lastLine = (stderr: string) => stderr.trim().split("\n").at(-1);

it("stops before publishing when a source's articles cannot be saved, naming the file", async () => {
  const p = await changedProject();
  const run = await build(p.dir, { CRIER_TEST_FULL: "^\\.a\\.articles\\.json\\." });
  expect(run.code).toBe(1);
  expect(lastLine(run.stderr)).toBe(
    `crier: ${path.join(p.state, "sources", "a.articles.json")}: no space left on the device (ENOSPC)`,
  );
  // Not a failure of the source (it would be shown on the pages and count towards [DEAD]).
  expect(run.stderr).not.toContain("FAILED");
  expect(await snapshot(p.out)).toEqual(p.before);

  const next = await build(p.dir);
  expect(next.code).toBe(0);
  expect(await readFile(path.join(p.out, "feed.xml"), "utf8")).toContain("Second");
});

it("stops before publishing when status.json cannot be written", async () => {
  const p = await changedProject();
  // The first status.json write of the build (its fingerprint dropped before the source changes) goes
  // through; the new status, staged before any output file is renamed into place, does not.
  const run = await build(p.dir, { CRIER_TEST_FULL: "^\\.status\\.json\\.", CRIER_TEST_FULL_SKIP: "1" });
  expect(run.code).toBe(1);
  expect(lastLine(run.stderr)).toBe(
    `crier: ${path.join(p.state, "status.json")}: no space left on the device (ENOSPC)`,
  );
  expect(await snapshot(p.out)).toEqual(p.before);
  expect((await readdir(p.state)).filter((name) => name.endsWith(".tmp"))).toEqual([]);

  expect((await build(p.dir)).code).toBe(0);
  expect(await readFile(path.join(p.out, "feed.xml"), "utf8")).toContain("Second");
});

it("names the file and exits 1 for any error the system reports for an output file (a symlink loop)", async () => {
  const p = await changedProject();
  const feed = path.join(p.out, "feed.xml");
  await unlink(feed);
  await symlink("feed.xml", feed); // feed.xml -> feed.xml: ELOOP, a code crier has no hint of its own for
  const run = await build(p.dir);
  expect(run.code).toBe(1);
  expect(lastLine(run.stderr)).toBe(`crier: ${feed}: too many symbolic links encountered (ELOOP)`);
  expect(run.stderr).not.toContain("internal error");
});

it("says the output was published when a state write after publishing fails", async () => {
  const p = await changedProject();
  const run = await build(p.dir, { CRIER_TEST_FULL: "^\\.sources\\.index\\.json\\." });
  expect(run.code).toBe(1);
  expect(lastLine(run.stderr)).toBe(
    `crier: output was published, but the state could not be saved: ${path.join(p.state, "sources.index.json")}: no space left on the device (ENOSPC)`,
  );
  expect(await readFile(path.join(p.out, "feed.xml"), "utf8")).toContain("Second");

  // The next build finds everything in place and catches the state up.
  const next = await build(p.dir);
  expect(next.code).toBe(0);
  expect(next.stderr).toContain("0 file(s) rewritten");
});

it("reports the build's own error when the lock cannot be released either", async () => {
  const p = await changedProject();
  const run = await build(p.dir, {
    CRIER_TEST_FULL: "^\\.a\\.articles\\.json\\.",
    CRIER_TEST_RO_UNLINK: "^crier\\.lock$",
  });
  expect(run.code).toBe(1);
  const lines = run.stderr.trim().split("\n");
  expect(lines.at(-1)).toBe(
    `crier: ${path.join(p.state, "sources", "a.articles.json")}: no space left on the device (ENOSPC)`,
  );
  expect(lines).toContain(
    `crier: also could not release the lock: EROFS: read-only file system, unlink '${path.join(p.state, "crier.lock")}'`,
  );
  expect(await snapshot(p.out)).toEqual(p.before);

  // The lock left behind belongs to a process that has exited: the next build takes it over.
  expect((await build(p.dir)).code).toBe(0);
});
