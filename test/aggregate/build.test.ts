import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { runBuild } from "../../src/worker/index.js";

// The aggregate stage through whole builds: real RSS files, the real parser, state kept between builds.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crier-aggregate-build-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Item {
  guid?: string;
  title: string;
  link: string;
  date: string;
  text?: string;
}

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

async function writeFeed(name: string, items: Item[]): Promise<void> {
  const entries = items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title>` +
        (i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : "") +
        `<link>${esc(i.link)}</link><pubDate>${new Date(i.date).toUTCString()}</pubDate>` +
        `<description>${esc(i.text ?? i.title)}</description></item>`,
    )
    .join("\n");
  await writeFile(
    path.join(dir, `${name}.xml`),
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>https://${name}.example/</link>\n${entries}\n</channel></rss>`,
  );
}

async function writeConfig(config: Record<string, unknown>, file = "feeds.config.json"): Promise<void> {
  await writeFile(
    path.join(dir, file),
    JSON.stringify({ site: { title: "Build", url: "https://build.example/" }, ...config }),
  );
}

const build = async (options: { now?: string; file?: string; out?: string; state?: string } = {}) => {
  const loaded = await loadConfig(path.join(dir, options.file ?? "feeds.config.json"));
  return runBuild({
    loaded,
    ...(options.out ? { outDir: path.join(dir, options.out) } : {}),
    ...(options.state ? { stateDir: path.join(dir, options.state) } : {}),
    ...(options.now ? { now: () => new Date(options.now!) } : {}),
  });
};

const feedJson = async (set = "", out = "output") =>
  JSON.parse(await readFile(path.join(dir, out, set, "feed.json"), "utf8")) as {
    items: { id: string; title: string; date_published: string }[];
  };

describe("dedupe within one source", () => {
  it("publishes every episode of a podcast whose items all link the show's page", async () => {
    await writeConfig({ sources: [{ id: "pod", type: "feed", url: "pod.xml" }] });
    await writeFeed(
      "pod",
      [3, 2, 1].map((n) => ({
        guid: `ep-${n}`,
        title: `Episode ${n}`,
        link: "https://pod.example/",
        date: `2024-05-0${n}T12:00:00Z`,
      })),
    );
    const report = await build();
    expect(report.sources[0]!.items).toBe(3);
    expect((await feedJson()).items.map((i) => i.id)).toEqual(["ep-3", "ep-2", "ep-1"]);
  });
});

describe("order of items", () => {
  it("is byte-identical after the sources are reordered in the config (equal dates, a shared guid)", async () => {
    const sources = ["a", "b"].map((id) => ({ id, type: "feed", url: `${id}.xml` }));
    await writeConfig({ sources }, "ab.json");
    await writeConfig({ sources: [...sources].reverse() }, "ba.json");
    for (const name of ["a", "b"]) {
      await writeFeed(name, [
        {
          guid: "42x",
          title: `Item of ${name}`,
          link: `https://${name}.example/42`,
          date: "2024-05-01T11:00:00Z",
        },
      ]);
    }
    await build({ file: "ab.json", out: "out-ab", state: "st-ab" });
    await build({ file: "ba.json", out: "out-ba", state: "st-ba" });
    expect((await feedJson("", "out-ab")).items.map((i) => i.id)).toEqual([
      "urn:crier:a:guid:42x",
      "urn:crier:b:guid:42x",
    ]);
    for (const file of ["feed.xml", "atom.xml", "feed.json"]) {
      expect(await readFile(path.join(dir, "out-ba", file), "utf8")).toBe(
        await readFile(path.join(dir, "out-ab", file), "utf8"),
      );
    }
  });
});

describe("future dates", () => {
  it("keep the first-seen time an item dated days ahead got, also when its own date draws near", async () => {
    await writeConfig({ sources: [{ id: "f", type: "feed", url: "f.xml" }] });
    const future = { title: "Future X", link: "https://f.example/x", date: "2026-11-29T13:00:00Z" };
    await writeFeed("f", [future]);
    await build({ now: "2026-11-26T13:00:00Z" });
    const dateOf = async () => (await feedJson()).items.find((i) => i.title === "Future X")?.date_published;
    expect(await dateOf()).toBe("2026-11-26T13:00:00.000Z");
    // Re-read (another item changed the file) within a day of its own date: it does not jump.
    await writeFeed("f", [
      future,
      { title: "Normal N", link: "https://f.example/n", date: "2026-11-28T12:00:00Z" },
    ]);
    await build({ now: "2026-11-28T14:00:00Z" });
    expect(await dateOf()).toBe("2026-11-26T13:00:00.000Z");
    // Nor after it.
    await writeFeed("f", [
      future,
      { title: "Later L", link: "https://f.example/l", date: "2026-12-01T12:00:00Z" },
    ]);
    await build({ now: "2026-12-02T14:00:00Z" });
    expect(await dateOf()).toBe("2026-11-26T13:00:00.000Z");
    expect((await feedJson()).items.map((i) => i.title)).toEqual(["Later L", "Normal N", "Future X"]);
  });
});

describe("a story already published", () => {
  it("does not come back under another source's id when its source's maxItems pushes the copy out", async () => {
    await writeConfig({
      sources: [
        { id: "r", type: "feed", url: "r.xml", maxItems: 2 },
        { id: "a", type: "feed", url: "a.xml" },
      ],
    });
    const big = {
      title: "Big Story",
      link: "https://news.example.com/big",
      date: "2026-11-20T10:00:00Z",
      text: `A long rich body of the big story. ${"More details. ".repeat(10)}`,
    };
    await writeFeed("r", [big]);
    await writeFeed("a", [
      { ...big, guid: "a-big", link: "https://news.example.com/big?utm_source=a", text: "short" },
    ]);
    const ids = async () => (await feedJson()).items.map((i) => i.id);
    await build();
    expect(await ids()).toEqual(["https://news.example.com/big"]);
    await writeFeed("r", [
      { title: "R new 2", link: "https://r.example.com/2", date: "2026-11-22T10:00:00Z" },
      { title: "R new 1", link: "https://r.example.com/1", date: "2026-11-21T10:00:00Z" },
      big,
    ]);
    await build();
    expect(await ids()).toEqual(["https://r.example.com/2", "https://r.example.com/1"]);
    // Remembered from build to build (status.json), while a's copy is still there.
    await writeFeed("r", [
      { title: "R new 3", link: "https://r.example.com/3", date: "2026-11-23T10:00:00Z" },
      { title: "R new 2", link: "https://r.example.com/2", date: "2026-11-22T10:00:00Z" },
    ]);
    await build();
    expect(await ids()).toEqual(["https://r.example.com/3", "https://r.example.com/2"]);
  });
});
