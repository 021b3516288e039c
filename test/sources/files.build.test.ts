import { mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { type BuildJson, mtimes, project, site } from "../fixtures/worker/kit.js";
import { runCrier } from "../helpers/cli.js";

// Files sources through the compiled CLI: what a build publishes from the files on disk.

type Report = BuildJson & { sources: { warnings?: string[] }[] };

async function build(config: string): Promise<Report> {
  const result = await runCrier(["build", "--config", config, "--json"], { timeoutMs: 30_000 });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const pubDates = (xml: string) =>
  [...xml.matchAll(/<item>[\s\S]*?<pubDate>([^<]+)<\/pubDate>/g)].map((m) => m[1]);

describe("files source builds", () => {
  it("dates an undated file by its first-seen time: touching it rewrites nothing", async () => {
    const p = await project({ site, sources: [{ id: "local", type: "files", path: "notes/*.txt" }] });
    await mkdir(path.join(p.dir, "notes"));
    const note = path.join(p.dir, "notes", "notice.txt");
    await writeFile(note, "A notice with no date line, straight into the text.\n");
    // An mtime years before the build: were it the date, the item would show 2019.
    const old = new Date("2019-05-31T02:03:04Z");
    await utimes(note, old, old);
    const first = await build(p.config);
    expect(first.outputs[0]!.written).toContain("feed.xml");
    const feed = await readFile(path.join(p.out, "feed.xml"), "utf8");
    const [date] = pubDates(feed);
    expect(date).toBeDefined();
    expect(Date.parse(date!)).toBeGreaterThan(Date.parse("2020-01-01T00:00:00Z"));
    const before = await mtimes(p.out);

    // A touch (or a fresh checkout) changes the mtime only.
    const later = new Date(Date.now() + 3_600_000);
    await utimes(note, later, later);
    const second = await build(p.config);
    expect(second.outputs[0]!.written).toEqual([]);
    expect(await readFile(path.join(p.out, "feed.xml"), "utf8")).toBe(feed);
    expect(await mtimes(p.out)).toEqual(before);
  }, 60_000);

  it("publishes the good files when one is hostile or a symlink out, naming the skipped ones", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "crier-outside-"));
    onTestFinished(() => rm(outside, { recursive: true, force: true }));
    await writeFile(path.join(outside, "secret.txt"), "TOP-SECRET-OUTSIDE\n\nnever published");
    const p = await project({ site, sources: [{ id: "local", type: "files", path: "ann/*.{txt,html}" }] });
    await mkdir(path.join(p.dir, "ann"));
    await writeFile(path.join(p.dir, "ann", "one.txt"), "First notice\n\nBody one.\n");
    await writeFile(path.join(p.dir, "ann", "two.txt"), "Second notice\n\nBody two.\n");
    await writeFile(path.join(p.dir, "ann", "bad.html"), `${"<div>".repeat(1200)}x`);
    await symlink(path.join(outside, "secret.txt"), path.join(p.dir, "ann", "leak.txt"));
    const report = await build(p.config);
    expect(report.sources[0]).toMatchObject({ id: "local", ok: true, items: 2 });
    expect(report.sources[0]!.warnings).toEqual([
      expect.stringMatching(/^ann\/bad\.html: HTML file is nested deeper than 1000 elements.*skipped$/),
      expect.stringMatching(/^ann\/leak\.txt: resolves outside the config folder.*skipped$/),
    ]);
    const feed = await readFile(path.join(p.out, "feed.json"), "utf8");
    expect(
      JSON.parse(feed)
        .items.map((i: { title: string }) => i.title)
        .sort(),
    ).toEqual(["First notice", "Second notice"]);
    for (const name of ["feed.xml", "atom.xml", "feed.json", "index.html"]) {
      expect(await readFile(path.join(p.out, name), "utf8")).not.toContain("TOP-SECRET");
    }
  }, 60_000);
});
