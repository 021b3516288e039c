import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { runBuild } from "../../src/worker/index.js";

// A publish that fails on its last file (full disk, read-only folder, something in the way) changes no
// output file: every set's files are staged before any is renamed into place.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crier-publish-all-"));
  await writeFile(
    path.join(dir, "feeds.config.json"),
    JSON.stringify({
      site: { title: "All or nothing", url: "https://all.example/" },
      sources: [{ id: "a", type: "feed", url: "a.xml" }],
      outputs: [{ name: "sub", title: "Sub", sources: ["a"] }],
    }),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeFeed(titles: string[]): Promise<void> {
  const items = titles
    .map(
      (title, i) =>
        `<item><title>${title}</title><link>https://a.example/${i}</link><pubDate>${new Date(Date.UTC(2024, 4, 1 + i)).toUTCString()}</pubDate></item>`,
    )
    .join("");
  await writeFile(
    path.join(dir, "a.xml"),
    `<?xml version="1.0"?><rss version="2.0"><channel><title>a</title><link>https://a.example/</link>${items}</channel></rss>`,
  );
}

const build = async () => runBuild({ loaded: await loadConfig(path.join(dir, "feeds.config.json")) });

async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(root, file)] = await readFile(file, "utf8");
  }
  return files;
}

it("leaves every output file as it was when the last file cannot be written", async () => {
  await writeFeed(["First"]);
  await build();
  const out = path.join(dir, "output");
  const before = await snapshot(out);
  expect(before["feed.xml"]).toContain("First");

  // The last set's index.html cannot be replaced: a folder is in its place.
  await rm(path.join(out, "sub", "index.html"));
  await mkdir(path.join(out, "sub", "index.html"));
  delete before["sub/index.html"];
  await writeFeed(["First", "Second"]);
  await expect(build()).rejects.toThrow(/EISDIR/);

  // Not one file changed, the combined set included, and no temp file is left.
  expect(await snapshot(out)).toEqual(before);

  // Once the obstacle is gone, the next build publishes everything.
  await rm(path.join(out, "sub", "index.html"), { recursive: true });
  await build();
  const after = await snapshot(out);
  expect(after["feed.xml"]).toContain("Second");
  expect(after["sub/index.html"]).toContain("Second");
});
