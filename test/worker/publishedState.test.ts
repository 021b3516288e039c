import { mkdir, readdir, symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeProject, runCrier } from "../helpers/cli.js";

// --out/--state could put the state folder (config.cache.json: the whole config, credentialed source URLs
// included; status.json) inside the published output folder, past `crier check`. The build and the watch
// refuse it as a config error before they create or write anything.

const config = {
  site: { title: "S", url: "https://f.example.org/" },
  sources: [{ id: "a", type: "feed", url: "https://user:token@a.example/rss" }],
};
const why =
  'which is published: status.json and config.cache.json (the whole config, credentials in source URLs included) would be served; keep them apart, e.g. output.dir "output" and state.dir ".crier"';

describe("a state folder inside the output folder, from --out/--state", () => {
  it("build --out www --state www/.crier exits 1 naming both, writing nothing", async () => {
    const dir = await makeProject(config);
    const www = path.join(dir, "www");
    const result = await runCrier(["build", "--offline", "--out", www, "--state", path.join(www, ".crier")], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `crier: ${path.join(dir, "feeds.config.json")}: invalid config\n  --state: ${path.join(www, ".crier")} is inside the output folder ${www} (--out), ${why}\n`,
    );
    expect(await readdir(dir)).toEqual(["feeds.config.json"]);
  });

  it("build --state naming the configured output folder exits 1", async () => {
    const dir = await makeProject(config);
    const result = await runCrier(["build", "--offline", "--state", "output"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `--state: ${path.join(dir, "output")} is the same folder as the output folder ${path.join(dir, "output")} (output.dir), ${why}`,
    );
    expect(await readdir(dir)).toEqual(["feeds.config.json"]);
  });

  it("build refuses a state folder that is a symlink into the output folder", async () => {
    const dir = await makeProject(config);
    await mkdir(path.join(dir, "output", "state"), { recursive: true });
    await symlink(path.join(dir, "output", "state"), path.join(dir, ".crier"));
    const result = await runCrier(["build", "--offline"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `state.dir: ${path.join(dir, "output", "state")} is inside the output folder ${path.join(dir, "output")} (output.dir), ${why}`,
    );
    expect(await readdir(path.join(dir, "output"), { recursive: true })).toEqual(["state"]);
  });

  it("watch --out X --state X exits 1 before taking its lock", async () => {
    const dir = await makeProject(config);
    const pub = path.join(dir, "pub");
    const result = await runCrier(["watch", "--out", pub, "--state", pub], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`--state: ${pub} is the same folder as the output folder ${pub} (--out)`);
    expect(await readdir(dir)).toEqual(["feeds.config.json"]);
  });
});
