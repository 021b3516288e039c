import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { runBuild } from "../../src/worker/index.js";

// A `files` glob that also covers the output folder (`**/*.html` next to the default `output/`) must not
// publish crier's own index and article pages, one more round of them each build.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crier-files-own-"));
  await mkdir(path.join(dir, "notices"));
  await writeFile(
    path.join(dir, "notices", "2024-05-06-road.html"),
    "<!DOCTYPE html><html><head><title>Road closure</title></head><body><p>Elm Street is closed.</p></body></html>",
  );
  await writeFile(
    path.join(dir, "feeds.config.json"),
    JSON.stringify({
      site: { title: "Loop", url: "https://loop.example/" },
      state: { dir: "public-state" },
      sources: [{ id: "local", type: "files", path: "**/*.html" }],
    }),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("never reads crier's own output or state as notices", async () => {
  const titles = async () =>
    JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8")).items.map(
      (i: { title: string }) => i.title,
    );
  const lines: string[] = [];
  const build = async () =>
    runBuild({ loaded: await loadConfig(path.join(dir, "feeds.config.json")), log: (l) => lines.push(l) });
  await build();
  expect(await titles()).toEqual(["Road closure"]);
  // A stray .html in the state folder is not a notice either.
  await writeFile(path.join(dir, "public-state", "note.html"), "<title>Not a notice</title>");
  await build();
  await build();
  expect(await titles()).toEqual(["Road closure"]);
  expect(lines.join("\n")).toMatch(
    /file\(s\) matching "\*\*\/\*\.html" are in crier's output or state folder/,
  );
});

it("skips crier's own pages also when the source is read again after its articles file was lost", async () => {
  const build = async () => {
    const lines: string[] = [];
    await runBuild({
      loaded: await loadConfig(path.join(dir, "feeds.config.json")),
      log: (l) => lines.push(l),
    });
    return lines.join("\n");
  };
  await build();
  await build();
  // The notices go (the source fails and keeps its articles) and its articles file is lost: the same build
  // reads the source again, which must skip output/ and the state folder as the first read did.
  await rm(path.join(dir, "notices"), { recursive: true });
  await rm(path.join(dir, "public-state", "sources", "local.articles.json"));
  const log = await build();
  expect(log).toMatch(/local\.articles\.json is missing/);
  const feed = JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8"));
  expect(feed.items.map((i: { title: string }) => i.title)).toEqual([]);
});
