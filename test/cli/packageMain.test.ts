import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { makeProject, ROOT } from "../helpers/cli.js";

// package.json's `main` is dist/index.js (built by pretest): it must exist and do what `crier build` does.
const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop()!, { recursive: true, force: true });
});

describe("package entry", () => {
  it("exports loadConfig and runBuild, which build the example like `crier build`", async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8"));
    const entry = (await import(
      pathToFileURL(path.join(ROOT, pkg.main)).href
    )) as typeof import("../../src/index.js");
    const config = JSON.parse(await readFile(path.join(ROOT, "feeds.config.json"), "utf8"));
    const dir = await makeProject(config, { withExamples: true });
    dirs.push(dir);

    const loaded = await entry.loadConfig(path.join(dir, "feeds.config.json"));
    const report = await entry.runBuild({ loaded });
    expect(report.sources.map((s) => s.ok)).toEqual(config.sources.map(() => true));
    const rss = await readFile(path.join(dir, "output", "feed.xml"), "utf8");
    expect(rss).toContain("<rss");
    expect(report.outputs[0]?.items).toBeGreaterThan(0);

    await expect(entry.loadConfig(path.join(dir, "missing.json"))).rejects.toBeInstanceOf(entry.ConfigError);
  });
});
