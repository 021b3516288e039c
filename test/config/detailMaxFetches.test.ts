import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";

// With detail.maxFetches 0 an html source fetched no detail page, so every new item was "deferred to the
// next run" forever while the source reported ok.

async function configFile(maxFetches: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "crier-maxfetches-"));
  const file = path.join(dir, "feeds.config.json");
  const config = {
    site: { title: "S", url: "https://f.example.org/" },
    sources: [
      {
        id: "a",
        type: "html",
        url: "site/list.html",
        list: { item: "ul.list li", title: "a" },
        detail: { content: "#zoom", maxFetches },
      },
    ],
  };
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

describe("detail.maxFetches", () => {
  it("refuses 0, saying why and what to do instead", async () => {
    const error = await loadConfig(await configFile(0)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'sources[0].detail.maxFetches: must be at least 1: new items wait for their detail page, so 0 would publish none of them, ever; to publish list entries without their pages, remove "detail"',
    ]);
  });

  it("accepts 1", async () => {
    const loaded = await loadConfig(await configFile(1));
    expect(loaded.config.sources[0]).toMatchObject({ detail: { maxFetches: 1 } });
  });
});
