import { mkdir, mkdtemp, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCrier } from "../helpers/cli.js";

// Local sources may read only below the config folder. `..`, absolute paths and file: URLs that lead out
// of it are refused by the config check (exit 1, nothing read); symlinks that lead out can only be seen
// on the files themselves, so the build refuses them per source and the rest of the build goes on.

const SECRET = "SECRET-OUTSIDE-THE-CONFIG-FOLDER";

let root: string;
let project: string;
let result: Awaited<ReturnType<typeof runCrier>>;
let report: { sources: { id: string; ok: boolean; items: number; error?: string }[] };

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "crier-hardening-paths-"));
  project = path.join(root, "project");
  const outside = path.join(root, "outside");
  await mkdir(path.join(project, "notes"), { recursive: true });
  await mkdir(path.join(project, "sneaky"), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(outside, "secret.txt"), `${SECRET}\n\nDo not publish.`);
  await writeFile(
    path.join(outside, "feed.xml"),
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Out</title><item><title>${SECRET}</title></item></channel></rss>`,
  );
  await writeFile(path.join(project, "notes", "2024-05-06-hello.txt"), "Inside note\n\nThis one is fine.");
  await symlink(path.join(outside, "secret.txt"), path.join(project, "sneaky", "leak.txt"));
  await symlink(outside, path.join(project, "linked"));
  const config = {
    site: { title: "Paths", url: "https://paths.example/" },
    sources: [
      { id: "notes", type: "files", path: "notes/*.txt" },
      { id: "symlink-file", type: "files", path: "sneaky/*.txt" },
      { id: "symlink-dir", type: "files", path: "linked/*.txt" },
      { id: "feed-symlink", type: "feed", url: "linked/feed.xml" },
    ],
  };
  await writeFile(path.join(project, "feeds.config.json"), JSON.stringify(config, null, 2));
  result = await runCrier(["build", "--config", path.join(project, "feeds.config.json"), "--json"], {
    cwd: project,
  });
  report = JSON.parse(result.stdout);
  const escapes = {
    site: config.site,
    sources: [
      ...config.sources,
      { id: "dotdot", type: "files", path: "../outside/*.txt" },
      { id: "absolute", type: "files", path: path.join(outside, "*.txt") },
      { id: "feed-dotdot", type: "feed", url: "../outside/feed.xml" },
      { id: "feed-file-url", type: "feed", url: `file://${path.join(outside, "feed.xml")}` },
      { id: "feed-etc", type: "feed", url: "file:///etc/passwd" },
    ],
  };
  await writeFile(path.join(project, "escapes.json"), JSON.stringify(escapes, null, 2));
}, 60_000);

const source = (id: string) => report.sources.find((s) => s.id === id)!;

describe("local paths stay inside the config folder", () => {
  it("builds the inside source and exits 0", async () => {
    expect(result.code, result.stderr).toBe(0);
    expect(source("notes")).toMatchObject({ ok: true, items: 1 });
    const feed = JSON.parse(await readFile(path.join(project, "output", "feed.json"), "utf8"));
    expect(feed.items.map((i: { title: string }) => i.title)).toEqual(["Inside note"]);
  });

  it.each([
    ["symlink-file", /resolves outside the config folder/],
    ["symlink-dir", /outside the config folder/],
    ["feed-symlink", /resolves outside the config folder/],
  ])("refuses %s with a clear error", (id, pattern) => {
    expect(source(id).ok).toBe(false);
    expect(source(id).error).toMatch(pattern);
    expect(result.stderr).toContain(`source ${id}: FAILED`);
  });

  it("refuses paths whose text leads out in the config: check and build exit 1 naming each, nothing is read", async () => {
    const escapes = path.join(project, "escapes.json");
    const check = await runCrier(["check", "--config", escapes], { cwd: project });
    const build = await runCrier(["build", "--config", escapes, "--out", "out2"], { cwd: project });
    for (const run of [check, build]) {
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/sources\[4\]\.path: "\.\." is not allowed/);
      expect(run.stderr).toMatch(/sources\[5\]\.path: absolute path outside the config folder/);
      for (const index of [6, 7, 8]) {
        expect(run.stderr).toContain(`sources[${index}].url: resolves outside the config folder ${project}`);
      }
      expect(run.stderr).not.toContain(SECRET);
    }
    await expect(stat(path.join(project, "out2"))).rejects.toThrow(/ENOENT/);
  });

  it("publishes nothing read from outside", async () => {
    for (const name of ["feed.xml", "atom.xml", "feed.json", "index.html", "sources.opml"]) {
      const text = await readFile(path.join(project, "output", name), "utf8");
      expect(text, name).not.toContain(SECRET);
      expect(text, name).not.toContain("root:x:0:0");
    }
  });
});

describe("output and state folders", () => {
  it("creates nested output and state folders that do not exist yet", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-hardening-dirs-"));
    await mkdir(path.join(dir, "notes"));
    await writeFile(path.join(dir, "notes", "a.txt"), "A note\n\nbody");
    await writeFile(
      path.join(dir, "feeds.config.json"),
      JSON.stringify({
        site: { title: "Dirs", url: "https://dirs.example/" },
        output: { dir: "public/deep/feeds" },
        state: { dir: "var/crier/state" },
        sources: [{ id: "notes", type: "files", path: "notes/*.txt" }],
      }),
    );
    const run = await runCrier(["build", "--config", path.join(dir, "feeds.config.json")], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect((await stat(path.join(dir, "public/deep/feeds/feed.xml"))).isFile()).toBe(true);
    expect((await stat(path.join(dir, "var/crier/state/status.json"))).isFile()).toBe(true);
  });

  it("fails with a clear message, not a stack trace, when the output path is a file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-hardening-dirs-"));
    await writeFile(path.join(dir, "output"), "I am a file, not a folder");
    await writeFile(
      path.join(dir, "feeds.config.json"),
      JSON.stringify({ site: { title: "Dirs", url: "https://dirs.example/" }, sources: [] }),
    );
    const run = await runCrier(["build", "--config", path.join(dir, "feeds.config.json")], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(path.join(dir, "output"));
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await readFile(path.join(dir, "output"), "utf8")).toBe("I am a file, not a folder");
  });

  for (const [name, arrange, blocked] of [
    [
      "an outputs[] folder is a file",
      (dir: string) => writeFile(path.join(dir, "output", "sub"), "x"),
      "output/sub",
    ],
    [
      "the output folder is a dangling symlink",
      (dir: string) => symlink("/nonexistent/crier-out", path.join(dir, "output")),
      "output",
    ],
    [
      "a set's articles folder is a file",
      (dir: string) => writeFile(path.join(dir, "output", "articles"), "x"),
      "output/articles",
    ],
    ["the state folder is a file", (dir: string) => writeFile(path.join(dir, ".crier"), "x"), ".crier"],
  ] as const) {
    it(`exits 1 naming the path, before writing any state or output, when ${name}`, async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "crier-hardening-dirs-"));
      await mkdir(path.join(dir, "notes"));
      await writeFile(path.join(dir, "notes", "a.txt"), "A notice\n\nIts text.");
      if (!name.includes("symlink")) await mkdir(path.join(dir, "output"));
      await arrange(dir);
      await writeFile(
        path.join(dir, "feeds.config.json"),
        JSON.stringify({
          site: { title: "Dirs", url: "https://dirs.example/" },
          sources: [{ id: "notes", type: "files", path: "notes/*.txt" }],
          outputs: [{ name: "sub", title: "Sub" }],
        }),
      );
      const run = await runCrier(["build", "--config", path.join(dir, "feeds.config.json")], { cwd: dir });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(path.join(dir, blocked));
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
      // Nothing published, no source state saved.
      expect(await readdir(path.join(dir, "output")).catch(() => [])).not.toContain("feed.xml");
      expect(await readdir(path.join(dir, ".crier", "sources")).catch(() => [])).toEqual([]);
    });
  }
});
