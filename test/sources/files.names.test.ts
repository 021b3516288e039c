import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { localPathProblem } from "../../src/config/localPaths.js";
import { filesSourceSchema } from "../../src/config/schema.js";
import { readFilesSource } from "../../src/sources/files/index.js";
import { sourceContext } from "../fixtures/html/context.js";

// File names a files source must read as written: glob characters, control characters.

let root: string;
let configDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "crier-files-names-"));
  configDir = path.join(root, "config");
  await mkdir(path.join(configDir, "n"), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const source = (glob: string) => filesSourceSchema.parse({ id: "local", type: "files", path: glob });
const write = (relative: string, content: string) => writeFile(path.join(configDir, relative), content);
const guids = (items: { guid?: string }[]) =>
  items.map((item) => item.guid?.replace("urn:crier:files:local:", ""));
const read = (glob: string) => readFilesSource(source(glob), sourceContext({ configDir }));

describe("files source names", () => {
  const names = [
    "notice (1).txt",
    "report(final).txt",
    "!important.txt",
    "{a,b}.txt",
    "[x].txt",
    "st*ar.txt",
  ];
  const guids = (items: { guid?: string }[]) =>
    items.map((item) => item.guid?.replace("urn:crier:files:local:", ""));

  it("selects a file whose name has glob characters by its escaped name, or by its name as written", async () => {
    for (const name of [...names, "a.txt", "b.txt", "x.txt", "stXar.txt"])
      await write(`n/${name}`, `${name}\n\nbody`);
    // A backslash escapes the next character (in JSON: "n/notice \\(1\\).txt").
    for (const [pattern, expected] of [
      ["n/notice \\(1\\).txt", ["n/notice (1).txt"]],
      ["n/report\\(final\\).txt", ["n/report(final).txt"]],
      ["n/\\!important.txt", ["n/!important.txt"]],
      ["n/\\{a,b\\}.txt", ["n/{a,b}.txt"]],
      ["n/\\[x\\].txt", ["n/[x].txt"]],
      ["n/st\\*ar.txt", ["n/st*ar.txt"]],
      // As written: the file it names is read, with what the pattern matches.
      ["n/notice (1).txt", ["n/notice (1).txt"]],
      ["n/report(final).txt", ["n/report(final).txt"]],
      ["n/{a,b}.txt", ["n/a.txt", "n/b.txt", "n/{a,b}.txt"]],
      ["n/st*ar.txt", ["n/st*ar.txt", "n/stXar.txt"]],
    ] as const) {
      const { feed } = await read(pattern);
      expect(guids(feed.items), pattern).toEqual(expected);
      expect(feed.warnings, pattern).toEqual([]);
    }
    await write("!top.txt", "top\n\nbody");
    expect(guids((await read("!top.txt")).feed.items)).toEqual(["!top.txt"]);
  });

  it("refuses escaped dots that lead out, as crier check does", async () => {
    for (const pattern of ["\\.\\./*.txt", "n/\\.\\./\\.\\./secret.txt", "\\..\\secret.txt"]) {
      await expect(read(pattern), pattern).rejects.toThrow(/"\.\." is not allowed/);
      expect(localPathProblem("files", pattern, [configDir]), pattern).toMatch(/"\.\." is not allowed/);
    }
    expect(localPathProblem("files", "n/notice \\(1\\).txt", [configDir])).toBeNull();
  });

  it("skips a file whose name holds a control character, which would share its id with another", async () => {
    await write("n/ctl.txt", "A\n\nbody");
    await write("n/ctl\u0001.txt", "B\n\nbody");
    await write("n/c1\u0085.txt", "C\n\nbody");
    await write("n/del\u007f.txt", "D\n\nbody");
    const { feed } = await read("n/*");
    expect(feed.items.map((item) => [item.guid, item.title])).toEqual([
      ["urn:crier:files:local:n/ctl.txt", "A"],
    ]);
    // Named with the characters escaped: a warning is printed to a terminal.
    expect(feed.warnings).toEqual([
      "n/c1\\u0085.txt: the file name holds control characters (they are dropped from ids and pages); skipped",
      "n/ctl\\u0001.txt: the file name holds control characters (they are dropped from ids and pages); skipped",
      "n/del\\u007f.txt: the file name holds control characters (they are dropped from ids and pages); skipped",
    ]);
    await rm(path.join(configDir, "n/ctl.txt"));
    await expect(read("n/*")).rejects.toThrow(/^n\/c1\\u0085\.txt: the file name holds control characters/);
  });
});

describe("files source symlinks", () => {
  it("does not search a folder symlink that points out of the config folder", async () => {
    const outside = path.join(root, "outside");
    await mkdir(path.join(outside, "deep"), { recursive: true });
    for (let i = 0; i < 5; i++) await writeFile(path.join(outside, "deep", `${i}.txt`), "SECRET\n\nbody");
    await symlink(outside, path.join(configDir, "n", "out"));
    await write("n/a.txt", "A\n\nbody");
    const { feed } = await read("n/**/*.txt");
    expect(guids(feed.items)).toEqual(["n/a.txt"]);
    // One warning for the link, none naming the files behind it.
    expect(feed.warnings).toEqual([
      `n/out: a folder symlink that resolves outside the config folder ${configDir}; not searched`,
    ]);
    await rm(path.join(configDir, "n", "a.txt"));
    await expect(read("n/**/*.txt")).rejects.toThrow(/^n\/out: a folder symlink that resolves outside/);
    // Also where the glob starts searching, at the link itself.
    for (const pattern of ["n/out/**/*.txt", "n/out/deep/*.txt", "n/out/deep/0.txt"]) {
      await expect(read(pattern), pattern).rejects.toThrow(
        `n/out: a folder symlink that resolves outside the config folder ${configDir}; not searched`,
      );
    }
  });

  it("reads each real file once: a symlink loop or a file symlink beside its target", async () => {
    await write("n/a.txt", "A\n\nbody");
    await mkdir(path.join(configDir, "n", "sub"));
    await write("n/sub/b.txt", "B\n\nbody");
    await symlink("..", path.join(configDir, "n", "sub", "loop"));
    await symlink("a.txt", path.join(configDir, "n", "z-link.txt"));
    const { feed } = await read("n/**/*.txt");
    expect(guids(feed.items)).toEqual(["n/a.txt", "n/sub/b.txt"]);
    expect(feed.warnings).toEqual([]);
  });

  it("still follows a folder symlink inside the config folder", async () => {
    await mkdir(path.join(configDir, "real"));
    await write("real/c.txt", "C\n\nbody");
    await symlink(path.join(configDir, "real"), path.join(configDir, "n", "inside"));
    const { feed } = await read("n/**/*.txt");
    expect(guids(feed.items)).toEqual(["n/inside/c.txt"]);
  });
});
