import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { runBuild } from "../../src/worker/index.js";

// A story published from one source keeps that copy (and so its id) when a richer copy of it arrives
// later from another source: switching copies would change the item's id and deliver the story twice.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crier-published-copy-"));
  await writeFile(
    path.join(dir, "feeds.config.json"),
    JSON.stringify({
      site: { title: "Copies", url: "https://copies.example/" },
      sources: [
        { id: "a", type: "feed", url: "a.xml" },
        { id: "b", type: "feed", url: "b.xml" },
      ],
      outputs: [{ name: "only-b", title: "Only B", sources: ["b"] }],
    }),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Item {
  guid: string;
  text: string;
  date: string;
}

async function writeFeed(name: string, items: Item[]): Promise<void> {
  const entries = items
    .map(
      (i) =>
        `<item><title>Water outage on Elm Street</title><guid isPermaLink="false">${i.guid}</guid>` +
        `<link>https://news.example/elm?utm_source=${name}</link><pubDate>${new Date(i.date).toUTCString()}</pubDate>` +
        `<description>${i.text}</description></item>`,
    )
    .join("");
  await writeFile(
    path.join(dir, `${name}.xml`),
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>https://${name}.example/</link>${entries}</channel></rss>`,
  );
}

const build = async () => runBuild({ loaded: await loadConfig(path.join(dir, "feeds.config.json")) });
const ids = async (set = "") =>
  JSON.parse(await readFile(path.join(dir, "output", set, "feed.json"), "utf8")).items.map(
    (i: { id: string }) => i.id,
  );

const short = { guid: "a-1", text: "Short note.", date: "2024-05-06T08:00:00Z" };
const rich = {
  guid: "b-1",
  text: `The whole story. ${"Pipes are being replaced. ".repeat(30)}`,
  date: "2024-05-06T09:00:00Z",
};

describe("the published copy of a story", () => {
  it("stays when a richer copy arrives later from another source", async () => {
    await writeFeed("a", [short]);
    await writeFeed("b", []);
    await build();
    expect(await ids()).toEqual(["a-1"]);

    await writeFeed("b", [rich]);
    await build();
    expect(await ids()).toEqual(["a-1"]);
    // A set that never had the first copy takes the one it can have.
    expect(await ids("only-b")).toEqual(["b-1"]);
    // And keeps it in later builds.
    await writeFeed("b", [{ ...rich, text: `${rich.text} Updated.` }]);
    await build();
    expect(await ids()).toEqual(["a-1"]);
  });

  it("is the richer one when both copies arrive in the same build", async () => {
    await writeFeed("a", [short]);
    await writeFeed("b", [rich]);
    await build();
    expect(await ids()).toEqual(["b-1"]);
    // The poorer copy changing later does not take the place either.
    await writeFeed("a", [{ ...short, text: "Short note, corrected." }]);
    await build();
    expect(await ids()).toEqual(["b-1"]);
  });

  it("gives way when its source is removed from the config", async () => {
    await writeFeed("a", [short]);
    await writeFeed("b", [rich]);
    await build();
    expect(await ids()).toEqual(["b-1"]);
    const configFile = path.join(dir, "feeds.config.json");
    const config = JSON.parse(await readFile(configFile, "utf8"));
    config.sources = config.sources.filter((s: { id: string }) => s.id !== "b");
    config.outputs = [];
    await writeFile(configFile, JSON.stringify(config));
    await build();
    expect(await ids()).toEqual(["a-1"]);
  });
});
