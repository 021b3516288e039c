import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";

// `crier check --config /tmp` printed "(root): Error: EISDIR: illegal operation on a directory, read".

async function messageOf(file: string): Promise<string> {
  const error = await loadConfig(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).file).toBe(file);
  return (error as ConfigError).issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("\n");
}

describe("a config path that is not a readable file", () => {
  it("names a folder as a folder and says to pass the file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-confdir-"));
    expect(await messageOf(dir)).toBe(
      `(root): ${dir} is a folder, not a config file; pass --config FILE with the path of the JSON config file`,
    );
  });

  it("points at the feeds.config.json inside the folder when there is one", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-confdir-"));
    await writeFile(path.join(dir, "feeds.config.json"), "{}");
    expect(await messageOf(dir)).toBe(
      `(root): ${dir} is a folder, not a config file; pass --config ${path.join(dir, "feeds.config.json")}`,
    );
  });

  it("says a path through a file is not found", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-confdir-"));
    await mkdir(path.join(dir, "sub"));
    await writeFile(path.join(dir, "sub", "x.json"), "{}");
    const file = path.join(dir, "sub", "x.json", "feeds.config.json");
    expect(await messageOf(file)).toBe(
      `(root): file not found: a part of ${file} is a file, not a folder; pass --config FILE`,
    );
  });
});
