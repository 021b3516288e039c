import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, makeProject, runCrier } from "../helpers/cli.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";
import { storedArticles } from "./outputFiles.js";

// SIGKILL a build while it writes its output: every file left must be a complete file of one version
// (the previous or the new one), state must never be behind the output, and the next build recovers.

const ITEMS = 1000;
let version = 1;
let server: LoopbackServer;
let dir: string;
let configFile: string;

/** The same guids in every version, with titles naming the version: stored copies are replaced, not added. */
function feed(v: number): string {
  const items = Array.from({ length: ITEMS }, (_, j) => {
    const day = String((j % 28) + 1).padStart(2, "0");
    return (
      `<item><title>v${v} item ${j}</title><guid>urn:kill:${j}</guid><link>https://kill.example/${j}</link>` +
      `<pubDate>${day} Apr 2024 ${String(j % 24).padStart(2, "0")}:00:00 GMT</pubDate>` +
      `<description>&lt;p&gt;Version ${v} body of item ${j}, long enough to take a while to render and write. ${"lorem ipsum ".repeat(20)}&lt;/p&gt;</description></item>`
    );
  }).join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Kill</title><link>https://kill.example/</link>${items}</channel></rss>`;
}

beforeAll(async () => {
  server = await startServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml" });
    res.end(feed(version));
  });
  dir = await makeProject({
    site: { title: "Kill", url: "https://kill.example/" },
    output: { maxItems: ITEMS },
    fetch: { retries: 0, timeoutMs: 10_000 },
    sources: [{ id: "kill", type: "feed", url: server.url("/feed.xml"), maxItems: ITEMS }],
  });
  configFile = path.join(dir, "feeds.config.json");
  const first = await runCrier(["build", "--config", configFile], { cwd: dir });
  if (first.code !== 0) throw new Error(first.stderr);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

/** Versions named by the titles in one output file; a complete, parseable file or it throws. */
async function versionsIn(file: string): Promise<Set<number>> {
  const text = await readFile(file, "utf8");
  if (file.endsWith(".json")) JSON.parse(text);
  else if (file.endsWith(".html")) expect(text.trimEnd().endsWith("</html>"), file).toBe(true);
  else {
    const parser = new SaxesParser();
    parser.on("error", (error) => {
      throw error;
    });
    parser.write(text).close();
  }
  return new Set([...text.matchAll(/v(\d+) item \d+/g)].map((m) => Number(m[1])));
}

/** Spawns a build and kills it with SIGKILL at the `nth` temp file created in the output folder. */
function buildKilledAtTempFile(nth: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const out = path.join(dir, "output");
    const child = spawn(process.execPath, [CLI, "build", "--config", configFile], {
      cwd: dir,
      stdio: "ignore",
    });
    let seen = 0;
    let killed = false;
    const watcher = watch(out, (_event, name) => {
      if (!name?.toString().endsWith(".tmp") || killed) return;
      if (++seen >= nth) {
        killed = child.kill("SIGKILL");
      }
    });
    const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      watcher.close();
      resolve({ killed, code });
    });
  });
}

describe("a build killed while writing", () => {
  it("leaves only complete files, each of a single version, never ahead of the state", async () => {
    let kills = 0;
    for (let nth = 1; nth <= 5; nth++) {
      version++;
      const run = await buildKilledAtTempFile(nth);
      if (run.killed) kills++;
      else expect(run.code).toBe(0);
      const articles = await storedArticles(path.join(dir, ".crier"), "kill");
      const stateVersions = new Set<number>(articles.map((a) => Number(/^v(\d+)/.exec(a.title)![1])));
      expect(stateVersions.size).toBe(1);
      const stateVersion = [...stateVersions][0]!;
      for (const name of ["feed.xml", "atom.xml", "feed.json", "index.html"]) {
        const versions = await versionsIn(path.join(dir, "output", name));
        expect(versions.size, `${name} after kill at temp file ${nth}: ${[...versions]}`).toBe(1);
        const [v] = versions;
        // An older version or this build's, but never newer than what the state holds.
        expect(v).toBeLessThanOrEqual(stateVersion);
      }
    }
    // The kills really happened mid-build (otherwise this test proves nothing).
    expect(kills).toBeGreaterThanOrEqual(3);
  }, 180_000);

  it("recovers on the next build: the latest version everywhere, no temp files left", async () => {
    version++;
    const run = await runCrier(["build", "--config", configFile], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    for (const name of ["feed.xml", "atom.xml", "feed.json", "index.html"]) {
      expect([...(await versionsIn(path.join(dir, "output", name)))], name).toEqual([version]);
    }
    const leftovers = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".tmp"));
    expect(leftovers).toEqual([]);
  }, 60_000);
});
