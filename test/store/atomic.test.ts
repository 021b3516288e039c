import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ensureDir,
  removeStaleTempFiles,
  writeFileAtomic,
  writeFileIfChanged,
} from "../../src/store/index.js";
import { buildChildModules, spawnChild } from "./childModules.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "crier-atomic-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("replaces the content and leaves no temp file behind", async () => {
    const file = join(dir, "feed.xml");
    await writeFile(file, "old");
    await writeFileAtomic(file, "new content");
    await writeFileAtomic(file, Buffer.from("newer"));
    expect(await readFile(file, "utf8")).toBe("newer");
    expect(await readdir(dir)).toEqual(["feed.xml"]);
  });

  it("removes its temp file and keeps the old file when the rename fails", async () => {
    const target = join(dir, "taken");
    await mkdir(target); // renaming a file over a folder fails
    await writeFile(join(target, "keep"), "x");
    await expect(writeFileAtomic(target, "data")).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(["taken"]);
    expect(await readFile(join(target, "keep"), "utf8")).toBe("x");
  });
});

describe("writeFileIfChanged", () => {
  it("skips identical bytes (mtime kept) and writes different ones", async () => {
    const file = join(dir, "atom.xml");
    expect(await writeFileIfChanged(file, "<feed/>")).toBe(true);
    const old = new Date("2020-01-01T00:00:00Z");
    await utimes(file, old, old);
    expect(await writeFileIfChanged(file, "<feed/>")).toBe(false);
    expect((await stat(file)).mtime.toISOString()).toBe(old.toISOString());
    expect(await writeFileIfChanged(file, Buffer.from("<feed/>"))).toBe(false);
    expect(await writeFileIfChanged(file, "<feed>changed</feed>")).toBe(true);
    expect((await stat(file)).mtime.getTime()).toBeGreaterThan(old.getTime());
    expect(await readFile(file, "utf8")).toBe("<feed>changed</feed>");
  });

  // Reading a FIFO waits for a writer: the publish, which has no deadline, waited for good.
  it.skipIf(process.platform === "win32")("replaces a FIFO at the target without reading it", async () => {
    const file = join(dir, "index.html");
    const made = spawn("mkfifo", [file], { stdio: "ignore" });
    expect(await new Promise((resolve) => made.on("exit", resolve))).toBe(0);
    const writing = writeFileIfChanged(file, "<p>index</p>");
    const settled = await Promise.race([
      writing.then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 2000)),
    ]);
    if (!settled) await writeFile(file, ""); // a writer lets the stuck read end, so the test can clean up
    expect(settled).toBe(true);
    expect((await stat(file)).isFile()).toBe(true);
    expect(await readFile(file, "utf8")).toBe("<p>index</p>");
  });

  it("still fails on a folder at the target before writing anything", async () => {
    const file = join(dir, "feed.xml");
    await mkdir(file);
    await expect(writeFileIfChanged(file, "<rss/>")).rejects.toMatchObject({ code: "EISDIR" });
    expect(await readdir(dir)).toEqual(["feed.xml"]);
  });
});

describe("removeStaleTempFiles", () => {
  it("removes temp files of dead writers only, optionally in sub-folders", async () => {
    const deadPid = 2 ** 22 + 12345; // above Linux pid_max: never a live process
    const stale = `.feed.xml.${deadPid}.0a1b2c3d4e5f.tmp`;
    const liveOther = `.feed.xml.${process.ppid}.0a1b2c3d4e5f.tmp`;
    const ownLeftover = `.atom.xml.${process.pid}.aaaaaaaaaaaa.tmp`;
    await mkdir(join(dir, "police"));
    for (const name of [stale, liveOther, ownLeftover, "feed.xml", ".hidden"])
      await writeFile(join(dir, name), "x");
    await writeFile(join(dir, "police", stale), "x");

    const removed = await removeStaleTempFiles(dir);
    expect(removed.sort()).toEqual([join(dir, stale), join(dir, ownLeftover)].sort());
    expect((await readdir(dir)).sort()).toEqual([".hidden", liveOther, "feed.xml", "police"].sort());
    expect(await readdir(join(dir, "police"))).toEqual([stale]);

    expect(await removeStaleTempFiles(dir, { recursive: true })).toEqual([join(dir, "police", stale)]);
    expect(await removeStaleTempFiles(join(dir, "missing"))).toEqual([]);
  });

  it.skipIf(!existsSync("/proc/self/stat"))(
    "removes a temp file whose pid now belongs to a process started after it was written (Linux /proc)",
    async () => {
      const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
      try {
        const leftover = `.feed.xml.${child.pid}.0a1b2c3d4e5f.tmp`;
        const current = `.atom.xml.${child.pid}.0a1b2c3d4e5f.tmp`;
        await writeFile(join(dir, leftover), "x");
        await writeFile(join(dir, current), "x");
        // Written a minute before that process started: a dead writer's file, its pid reused since.
        const before = new Date(Date.now() - 60_000);
        await utimes(join(dir, leftover), before, before);
        expect(await removeStaleTempFiles(dir)).toEqual([join(dir, leftover)]);
        expect(await readdir(dir)).toEqual([current]);
      } finally {
        child.kill("SIGKILL");
      }
    },
  );
});

describe("ensureDir", () => {
  it("creates nested folders and accepts existing ones", async () => {
    const nested = join(dir, "a", "b");
    await ensureDir(nested);
    await ensureDir(nested);
    expect((await stat(nested)).isDirectory()).toBe(true);
  });

  it("refuses a file, a dangling symlink and a symlink leading outside `within`", async () => {
    await writeFile(join(dir, "file"), "x");
    await expect(ensureDir(join(dir, "file"))).rejects.toThrow(/not a folder/);
    await expect(ensureDir(join(dir, "file", "sub"))).rejects.toThrow(/not a folder/);
    await symlink(join(dir, "nowhere"), join(dir, "dangling"));
    await expect(ensureDir(join(dir, "dangling"))).rejects.toThrow(/symlink/);
    const outside = await mkdtemp(join(tmpdir(), "crier-outside-"));
    try {
      await mkdir(join(dir, "root"));
      await symlink(outside, join(dir, "root", "out"));
      await expect(ensureDir(join(dir, "root", "out"), { within: join(dir, "root") })).rejects.toThrow(
        /outside/,
      );
      await ensureDir(join(dir, "root", "out")); // without `within`, a symlinked folder is fine
      await ensureDir(join(dir, "root", "inside"), { within: join(dir, "root") });
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe("writeFileAtomic under kill -9", () => {
  let modules: Awaited<ReturnType<typeof buildChildModules>>;
  beforeAll(async () => {
    modules = await buildChildModules();
  });
  afterAll(async () => {
    await modules?.cleanup();
  });

  it("leaves either the old or the new complete file, and the leftovers are cleaned up", async () => {
    // Ten writers in parallel (each on its own file), each killed at a random moment of its write loop.
    // 2 MB takes long enough to write and fsync that most kills land mid-write (a temp file is left over).
    const size = 2_000_000;
    await Promise.all(
      Array.from({ length: 10 }, async (_, index) => {
        const folder = join(dir, `w${index}`);
        await mkdir(folder);
        const file = join(folder, "big.bin");
        await writeFile(file, Buffer.alloc(size, "A"));
        const child = spawnChild(modules.dir, "atomic-writer.mjs", [file, String(size)]);
        try {
          await child.waitForLine((line) => line === "ready", 20_000);
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 60));
        } finally {
          child.process.kill("SIGKILL");
        }
        const { signal } = await child.exited;
        expect(signal).toBe("SIGKILL");

        const content = await readFile(file);
        expect(content.length).toBe(size);
        const first = content[0];
        expect(first === 65 || first === 66).toBe(true);
        expect(content.every((byte) => byte === first)).toBe(true);

        const leftovers = (await readdir(folder)).filter((name) => name.endsWith(".tmp"));
        const removed = await removeStaleTempFiles(folder);
        expect(removed.length).toBe(leftovers.length);
        expect(await readdir(folder)).toEqual(["big.bin"]);
      }),
    );
  }, 60_000);
});
