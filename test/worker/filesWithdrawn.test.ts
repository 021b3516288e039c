import { access, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { runBuild } from "../../src/worker/index.js";

// A `files` source is read whole at every build: a notice file deleted or renamed in its folder is
// withdrawn from the feeds, while a feed's items that scroll off its list stay as history.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crier-files-withdrawn-"));
  await mkdir(path.join(dir, "notices"));
  await writeFile(
    path.join(dir, "notices", "2024-05-06-road.txt"),
    "Road closure\n\nElm Street is closed.\n",
  );
  await writeFile(path.join(dir, "notices", "2024-05-07-water.txt"), "Water cut\n\nNo water on Friday.\n");
  await writeFile(
    path.join(dir, "feeds.config.json"),
    JSON.stringify({
      site: { title: "Board", url: "https://board.example/" },
      sources: [{ id: "local", type: "files", path: "notices/*.txt" }],
    }),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const build = async () => {
  const report = await runBuild({ loaded: await loadConfig(path.join(dir, "feeds.config.json")) });
  const feed = JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8"));
  return { report, items: feed.items as { id: string; title: string; url: string }[] };
};

it("withdraws a deleted file's item and keeps one item for a renamed file; old article pages stay", async () => {
  const first = await build();
  expect(first.items.map((i) => i.title)).toEqual(["Water cut", "Road closure"]);
  const roadPage = first.items.find((i) => i.title === "Road closure")!.url;

  await rm(path.join(dir, "notices", "2024-05-06-road.txt"));
  await rename(
    path.join(dir, "notices", "2024-05-07-water.txt"),
    path.join(dir, "notices", "2024-05-07-water-cut.txt"),
  );
  const second = await build();
  expect(second.report.sources).toMatchObject([{ id: "local", ok: true, items: 1 }]);
  expect(second.items.map((i) => [i.title, i.id])).toEqual([
    ["Water cut", "urn:crier:files:local:notices/2024-05-07-water-cut.txt"],
  ]);
  // Readers who have the withdrawn item still reach its page.
  await access(path.join(dir, "output", new URL(roadPage).pathname.slice(1)));
});

it("keeps everything published when the folder is moved away (no file matches: the source fails)", async () => {
  await build();
  await rename(path.join(dir, "notices"), path.join(dir, "notices.away"));
  const second = await build();
  expect(second.report.sources).toMatchObject([
    {
      id: "local",
      ok: false,
      items: 2,
      error: expect.stringContaining('no .txt, .md or .html files match "notices/*.txt"'),
    },
  ]);
  expect(second.items.map((i) => i.title)).toEqual(["Water cut", "Road closure"]);
});

it("keeps the published copy of a file that is there but cannot be read now (caught empty mid-write)", async () => {
  await build();
  await writeFile(path.join(dir, "notices", "2024-05-06-road.txt"), "");
  const second = await build();
  expect(second.report.sources).toMatchObject([{ id: "local", ok: true, items: 2 }]);
  expect(second.items.map((i) => i.title)).toEqual(["Water cut", "Road closure"]);
});
