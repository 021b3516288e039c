import { stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeProject, runCrier } from "../helpers/cli.js";

// Catastrophic patterns in the config are refused before anything runs: by `crier check` with the field
// path, and by `crier build` (exit 1, nothing written).

const site = { title: "Regex", url: "https://regex.example/" };

async function project(sources: unknown[], outputs: unknown[] = []) {
  const dir = await makeProject({ site, sources, outputs });
  return { dir, config: path.join(dir, "feeds.config.json") };
}

describe("regex safety in the config", () => {
  it.each([
    ["a transform", { transforms: [{ pattern: "(a+)+$" }] }, "sources[0].transforms[0].pattern"],
    [
      "a transform with .* nested",
      { transforms: [{ pattern: "(.*)*x", replace: "" }] },
      "sources[0].transforms[0].pattern",
    ],
    ["an include filter", { include: { title: "(a|a)*b" } }, "sources[0].include.title"],
    ["an exclude filter", { exclude: { content: "(\\w+\\s?)*$" } }, "sources[0].exclude.content"],
    // The audit's file: every build stalled on ",  " × 24.
    [
      "a transform whose rounds share text",
      { transforms: [{ pattern: "(\\s*,\\s*)+$" }] },
      "sources[0].transforms[0].pattern",
    ],
    ["a filter with adjacent loops", { include: { content: "\\d+\\d+\\d+$" } }, "sources[0].include.content"],
  ])("crier check rejects a catastrophic pattern in %s with its field path", async (_name, extra, field) => {
    const { dir, config } = await project([{ id: "notes", type: "files", path: "notes/*.txt", ...extra }]);
    const check = await runCrier(["check", "--config", config], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`${field}:`);
    expect(check.stderr).toMatch(/backtrack|catastroph|ReDoS|nested|overlap/i);
    expect(check.stderr).not.toMatch(/internal error|\n\s+at /);

    const json = await runCrier(["check", "--config", config, "--json"], { cwd: dir });
    expect(json.code).toBe(1);
    const issues: { path: string }[] = JSON.parse(json.stdout).issues;
    expect(issues.map((i) => i.path)).toContain(field);
  });

  it("crier build refuses the same config and writes nothing", async () => {
    const { dir, config } = await project([
      { id: "notes", type: "files", path: "notes/*.txt", transforms: [{ pattern: "(a+)+$" }] },
    ]);
    const build = await runCrier(["build", "--config", config], { cwd: dir });
    expect(build.code).toBe(1);
    expect(build.stderr).toContain("sources[0].transforms[0].pattern:");
    await expect(stat(path.join(dir, "output"))).rejects.toThrow();
  });

  it("crier check rejects a catastrophic pattern in an output filter", async () => {
    const { dir, config } = await project(
      [{ id: "notes", type: "files", path: "notes/*.txt" }],
      [{ name: "sub", title: "Sub", include: { title: "(x+x+)+y" } }],
    );
    const check = await runCrier(["check", "--config", config], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("outputs[0].include.title:");
  });

  it("accepts safe patterns of the same shape, and the transform does its work in a build", async () => {
    const { dir, config } = await project([
      {
        id: "notes",
        type: "files",
        path: "notes/*.txt",
        transforms: [{ pattern: "\\s*\\(pinyin[a-z ]*\\)", replace: "" }],
        include: { title: "^(?:Notice|Alert)\\b" },
      },
    ]);
    await import("node:fs/promises").then((fs) => fs.mkdir(path.join(dir, "notes")));
    await writeFile(path.join(dir, "notes", "a.txt"), "Notice (pinyin tong zhi) of closure\n\nbody");
    await writeFile(path.join(dir, "notes", "b.txt"), "Unrelated\n\nbody");
    expect((await runCrier(["check", "--config", config], { cwd: dir })).code).toBe(0);
    const build = await runCrier(["build", "--config", config], { cwd: dir });
    expect(build.code, build.stderr).toBe(0);
    const feed = JSON.parse(
      await import("node:fs/promises").then((fs) =>
        fs.readFile(path.join(dir, "output", "feed.json"), "utf8"),
      ),
    );
    expect(feed.items.map((i: { title: string }) => i.title)).toEqual(["Notice of closure"]);
  });
});
