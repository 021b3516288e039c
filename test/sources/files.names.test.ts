import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
const read = (glob: string) => readFilesSource(source(glob), sourceContext({ configDir }));

describe("files source names", () => {
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
