import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCrier } from "../helpers/cli.js";

describe("--config naming a folder", () => {
  it.each([
    ["check", ["--config", "DIR"]],
    ["build", ["--config", "DIR"]],
  ])("%s %j exits 1 naming the folder, writing nothing", async (command, args) => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-confdir-"));
    const result = await runCrier([command, ...args.map((a) => (a === "DIR" ? dir : a))], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `crier: ${dir}: invalid config\n  (root): ${dir} is a folder, not a config file; pass --config FILE with the path of the JSON config file\n`,
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
