import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { runBuild } from "../../src/worker/index.js";

// A feed set removed from the config loses its feeds (subscribers get a 404, not a feed that silently
// stops); its article pages stay, since readers' old items link to them.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crier-dropped-set-"));
  await writeFile(
    path.join(dir, "a.xml"),
    `<?xml version="1.0"?><rss version="2.0"><channel><title>a</title><link>https://a.example/</link>` +
      `<item><title>Linked</title><link>https://a.example/1</link><pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate></item>` +
      `<item><title>No link</title><guid isPermaLink="false">n-1</guid><pubDate>Sun, 05 May 2024 10:00:00 GMT</pubDate></item>` +
      `</channel></rss>`,
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function build(outputs: string[]): Promise<string[]> {
  await writeFile(
    path.join(dir, "feeds.config.json"),
    JSON.stringify({
      site: { title: "Sets", url: "https://sets.example/" },
      output: { xsl: true },
      sources: [{ id: "a", type: "feed", url: "a.xml" }],
      outputs: outputs.map((name) => ({ name, title: name, sources: ["a"] })),
    }),
  );
  const lines: string[] = [];
  await runBuild({
    loaded: await loadConfig(path.join(dir, "feeds.config.json")),
    log: (l) => lines.push(l),
  });
  return lines;
}

it("removes a dropped feed set's feeds, keeps its article pages and the other sets", async () => {
  await build(["kept", "dropped"]);
  const out = path.join(dir, "output");
  expect((await readdir(path.join(out, "dropped"))).sort()).toEqual([
    "articles",
    "atom.xml",
    "feed.json",
    "feed.xml",
    "feed.xsl",
    "index.html",
    "sources.opml",
  ]);
  await writeFile(path.join(out, "dropped", "notes.txt"), "the operator's own file");
  const keptFeed = await readFile(path.join(out, "kept", "feed.xml"), "utf8");

  const log = await build(["kept"]);
  expect((await readdir(path.join(out, "dropped"))).sort()).toEqual(["articles", "notes.txt"]);
  expect((await readdir(path.join(out, "dropped", "articles"))).length).toBe(1);
  expect(await readFile(path.join(out, "kept", "feed.xml"), "utf8")).toBe(keptFeed);
  expect(log.join("\n")).toMatch(/feed set dropped is no longer in the config: removed its feeds/);

  // Nothing to remove the next time.
  expect((await build(["kept"])).join("\n")).not.toMatch(/no longer in the config/);
});
