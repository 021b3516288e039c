import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";

// The state folder holds config.cache.json (the whole config, credentialed source URLs included) and
// status.json; inside the output folder, the web server published them. A site.url with credentials is
// written into every feed and sent in the User-Agent.

const site = { title: "S", url: "https://f.example.org/" };
const sources = [{ id: "a", type: "feed", url: "https://user:token@a.example/rss" }];

async function configFile(config: Record<string, unknown>): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "crier-statedir-"));
  const file = path.join(dir, "feeds.config.json");
  await writeFile(file, JSON.stringify({ site, sources, ...config }, null, 2));
  return { dir, file };
}

async function issuesOf(file: string): Promise<string[]> {
  const error = await loadConfig(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
}

const why =
  'which is published: status.json and config.cache.json (the whole config, credentials in source URLs included) would be served; keep them apart, e.g. output.dir "output" and state.dir ".crier"';

describe("a state folder the output folder would publish", () => {
  it.each([
    [
      { output: { dir: "public" }, state: { dir: "public" } },
      `"public" is the same folder as the output folder output.dir "public"`,
    ],
    [
      { output: { dir: "public" }, state: { dir: "./public/" } },
      `"./public/" is the same folder as the output folder output.dir "public"`,
    ],
    [
      { output: { dir: "public" }, state: { dir: "public/.crier" } },
      `"public/.crier" is inside the output folder output.dir "public"`,
    ],
    // The default state folder (.crier) inside an output folder that is the config folder.
    [{ output: { dir: "." } }, `".crier" is inside the output folder output.dir "."`],
  ])("refuses %j at state.dir, naming output.dir", async (config, message) => {
    const { file } = await configFile(config);
    expect(await issuesOf(file)).toEqual([`state.dir: ${message}, ${why}`]);
  });

  it("compares an absolute folder with a relative one against the config folder", async () => {
    const { dir, file } = await configFile({ output: { dir: "www" }, state: {} });
    await writeFile(
      file,
      JSON.stringify({ site, sources, output: { dir: path.join(dir, "www") }, state: { dir: "www/state" } }),
    );
    expect(await issuesOf(file)).toEqual([
      `state.dir: "www/state" is inside the output folder output.dir ${JSON.stringify(path.join(dir, "www"))}, ${why}`,
    ]);
  });

  it("accepts folders side by side, a state folder named like the output one, and output inside state", async () => {
    for (const config of [
      {},
      { output: { dir: "public" }, state: { dir: "public-state" } },
      { output: { dir: "public" }, state: { dir: "..public" } },
      { output: { dir: ".crier/www" } },
    ]) {
      const { file } = await configFile(config);
      await expect(loadConfig(file)).resolves.toMatchObject({ config: { site } });
    }
  });
});

describe("site.url", () => {
  it.each(["https://user:pw@f.example.org/", "https://user@f.example.org/", "http://:pw@f.example.org/"])(
    "refuses credentials in %s",
    async (url) => {
      const { file } = await configFile({ site: { ...site, url } });
      expect(await issuesOf(file)).toEqual([
        "site.url: must not contain a user name or password (user:password@): site.url is published in every feed and page and sent in the User-Agent",
      ]);
    },
  );
});
