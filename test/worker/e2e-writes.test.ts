import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type BuildJson,
  type FeedItem,
  listFiles,
  mtimes,
  noticeList,
  noticePage,
  project,
  rssFeed,
  site,
  sleep,
} from "../fixtures/worker/kit.js";
import { runCrier } from "../helpers/cli.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// Issue 5, tests 8 and 9: output files are rewritten only when their bytes change (mtimes and the --json
// report agree), only the sets containing a new item change, and --offline renders from state with no request.

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const FEED_SET = ["atom.xml", "feed.json", "feed.xml", "index.html"];

async function twoSources() {
  const feeds: Record<string, FeedItem[]> = {
    "/a.xml": [
      {
        guid: "a1",
        title: "Alpha one",
        link: "https://a.example/1",
        pubDate: "Mon, 06 May 2024 10:00:00 GMT",
      },
    ],
    "/b.xml": [
      {
        guid: "b1",
        title: "Beta one",
        link: "https://b.example/1",
        pubDate: "Sun, 05 May 2024 10:00:00 GMT",
      },
    ],
  };
  const server = await startServer((req, res) => {
    const items = feeds[req.url ?? ""];
    if (items) {
      // No validators: every build gets a full 200, so "unchanged" must come from comparing the output.
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed(req.url!.slice(1), items));
      return;
    }
    const detail = /^\/c\/(\d)\.html$/.exec(req.url ?? "");
    if (detail) {
      res.writeHead(200, { "content-type": "text/html" }).end(noticePage(`Gamma ${detail[1]}`, "gamma text"));
      return;
    }
    res.writeHead(200, { "content-type": "text/html" }).end(
      noticeList([
        { path: "/c/1.html", title: "Gamma 1", date: "2024-05-04" },
        { path: "/c/2.html", title: "Gamma 2", date: "2024-05-03" },
      ]),
    );
  });
  servers.push(server);
  const p = await project({
    site,
    fetch: { retries: 0 },
    sources: [
      { id: "a", type: "feed", url: server.url("/a.xml") },
      { id: "b", type: "feed", url: server.url("/b.xml") },
      {
        id: "c",
        type: "html",
        url: server.url("/c/"),
        list: { item: "ul.list li", title: "a", link: "a@href", date: "span.date" },
        detail: { content: "#article" },
      },
    ],
    outputs: [
      { name: "only-a", title: "Only A", sources: ["a"] },
      { name: "only-b", title: "Only B", sources: ["b"] },
    ],
  });
  const build = async (...extra: string[]) => {
    const result = await runCrier(["build", "--config", p.config, "--json", ...extra], { timeoutMs: 30_000 });
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as BuildJson;
  };
  return { feeds, server, p, build };
}

const writtenBySet = (report: BuildJson) =>
  Object.fromEntries(report.outputs.map((o) => [o.name ?? "(top)", [...o.written].sort()]));

describe("writes only what changed (CLI)", () => {
  it("a no-change build rewrites nothing; a new item rewrites only the sets that contain it", async () => {
    const { feeds, p, build } = await twoSources();
    const first = await build();
    expect(writtenBySet(first)).toEqual({
      "(top)": [...FEED_SET, "sources.opml"],
      "only-a": [...FEED_SET, "sources.opml"],
      "only-b": [...FEED_SET, "sources.opml"],
    });
    const initial = await mtimes(p.out);
    expect(Object.keys(initial)).toHaveLength(15);
    await sleep(50); // a rewrite would now show in mtimeMs

    const same = await build();
    expect(writtenBySet(same)).toEqual({ "(top)": [], "only-a": [], "only-b": [] });
    expect(await mtimes(p.out)).toEqual(initial);

    feeds["/b.xml"]!.unshift({
      guid: "b2",
      title: "Beta two",
      link: "https://b.example/2",
      pubDate: "Tue, 07 May 2024 10:00:00 GMT",
    });
    const changed = await build();
    // The OPML is dated with its set's newest item, so it belongs to the affected files.
    const affected = [...FEED_SET, "sources.opml"];
    expect(writtenBySet(changed)).toEqual({ "(top)": affected, "only-a": [], "only-b": affected });
    const after = await mtimes(p.out);
    const touched = Object.keys(after)
      .filter((file) => after[file] !== initial[file])
      .sort();
    expect(touched).toEqual([...affected, ...affected.map((f) => `only-b/${f}`)].sort());
    // A set's page lists the health of its own sources only (else every change would rewrite every page).
    const pageA = await readFile(path.join(p.out, "only-a", "index.html"), "utf8");
    expect(pageA).toContain('data-source="a"');
    expect(pageA).not.toContain('data-source="b"');
    expect(await readFile(path.join(p.out, "index.html"), "utf8")).toContain('data-source="b"');
    const top = JSON.parse(await readFile(path.join(p.out, "feed.json"), "utf8"));
    expect(top.items[0].title).toBe("Beta two");
    const onlyA = JSON.parse(await readFile(path.join(p.out, "only-a", "feed.json"), "utf8"));
    expect(onlyA.items.map((i: { title: string }) => i.title)).toEqual(["Alpha one"]);
  }, 90_000);
});

describe("crier build --offline", () => {
  it("renders every source from stored state without a single request", async () => {
    const { server, p, build } = await twoSources();
    await build();
    const requests = server.requests.length;
    const before = await mtimes(p.out);
    await sleep(50);

    const offline = await build("--offline");
    expect(server.requests).toHaveLength(requests);
    expect(offline.sources.map((s) => [s.id, s.ok, s.items, s.skipped])).toEqual([
      ["a", true, 1, "offline"],
      ["b", true, 1, "offline"],
      ["c", true, 2, "offline"],
    ]);
    // Same state, same bytes: nothing rewritten.
    expect(writtenBySet(offline)).toEqual({ "(top)": [], "only-a": [], "only-b": [] });
    expect(await mtimes(p.out)).toEqual(before);

    // Into a fresh output folder: everything rendered from state, html detail content included.
    const elsewhere = path.join(p.dir, "offline-out");
    const fresh = await build("--offline", "--out", elsewhere);
    expect(server.requests).toHaveLength(requests);
    expect(fresh.outputs.find((o) => o.name === null)?.items).toBe(4);
    expect(await listFiles(elsewhere)).toEqual(await listFiles(p.out));
    // Byte for byte the same, except the "last updated" time of pages written into the new folder.
    const comparable = (text: string) => text.replace(/<p>Last updated: .*?<\/p>/, "");
    for (const file of await listFiles(p.out)) {
      expect(comparable(await readFile(path.join(elsewhere, file), "utf8")), file).toBe(
        comparable(await readFile(path.join(p.out, file), "utf8")),
      );
    }
    const feed = JSON.parse(await readFile(path.join(elsewhere, "feed.json"), "utf8"));
    const gamma = feed.items.find((i: { title: string }) => i.title === "Gamma 1");
    expect(gamma.content_html).toContain("gamma text");
  }, 90_000);
});

describe("article pages of files sources", () => {
  it("are not rewritten when an unrelated item arrives in their feed set", async () => {
    const items: FeedItem[] = [
      {
        guid: "a1",
        title: "Alpha one",
        link: "https://a.example/1",
        pubDate: "Mon, 06 May 2024 10:00:00 GMT",
      },
    ];
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed("Alpha", items));
    });
    servers.push(server);
    const p = await project({
      site,
      fetch: { retries: 0 },
      sources: [
        { id: "a", type: "feed", url: server.url("/a.xml") },
        { id: "local", type: "files", path: "notes/*.txt" },
      ],
    });
    await mkdir(path.join(p.dir, "notes"));
    await writeFile(
      path.join(p.dir, "notes", "2024-05-01-meeting.txt"),
      "Staff meeting moved\nThe meeting moves to room 4.\n",
    );
    await writeFile(
      path.join(p.dir, "notes", "2024-05-02-lift.txt"),
      "Lift out of service\nThe east lift is being repaired.\n",
    );
    const build = async () => {
      const result = await runCrier(["build", "--config", p.config, "--json"], { timeoutMs: 30_000 });
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as BuildJson;
    };
    const first = await build();
    const pages = first.outputs[0]!.written.filter((f) => f.startsWith("articles/"));
    expect(pages).toHaveLength(2);
    const before = await mtimes(p.out);
    await sleep(50);

    items.unshift({
      guid: "a2",
      title: "Alpha two",
      link: "https://a.example/2",
      pubDate: "Tue, 07 May 2024 10:00:00 GMT",
    });
    const second = await build();
    expect(second.outputs[0]!.written.filter((f) => f.startsWith("articles/"))).toEqual([]);
    const after = await mtimes(p.out);
    for (const page of pages) expect(after[page], page).toBe(before[page]);
  }, 60_000);
});

describe("sources.opml from a build", () => {
  it("names each feed's home page as htmlUrl, whether or not the config titles the source", async () => {
    const server = await startServer((req, res) => {
      const name = req.url!.slice(1, 6);
      const item = {
        guid: name,
        title: name,
        link: `https://x.example/${name}`,
        pubDate: "Mon, 06 May 2024",
      };
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed(name, [item]));
    });
    servers.push(server);
    const p = await project({
      site,
      sources: [
        { id: "titled", type: "feed", url: `${server.origin}/alpha.xml`, title: "Alpha in config" },
        { id: "plain", type: "feed", url: `${server.origin}/gamma.xml` },
      ],
    });
    const result = await runCrier(["build", "--config", p.config], { cwd: p.dir });
    expect(result.code).toBe(0);
    const opml = await readFile(path.join(p.out, "sources.opml"), "utf8");
    const outline = (id: string) => {
      const match = new RegExp(`<outline [^>]*xmlUrl="${server.origin}/${id}\\.xml"[^>]*/>`).exec(opml);
      return match?.[0] ?? "";
    };
    expect(outline("alpha")).toContain('text="Alpha in config"');
    expect(outline("alpha")).toContain('htmlUrl="https://alpha.example/"');
    expect(outline("gamma")).toContain('htmlUrl="https://gamma.example/"');
    const page = await readFile(path.join(p.out, "index.html"), "utf8");
    expect(page).toContain('href="https://alpha.example/"');
  }, 60_000);
});

describe("a build with nothing new restores what is missing from the output", () => {
  it("brings back a deleted feed.xsl and a deleted article page", async () => {
    const p = await project({
      site,
      output: { xsl: true },
      sources: [{ id: "notes", type: "files", path: "notes/*.txt" }],
    });
    await mkdir(path.join(p.dir, "notes"));
    await writeFile(path.join(p.dir, "notes", "water.txt"), "Water supply notice\n\nNo water on Monday.");
    const build = async () => {
      const result = await runCrier(["build", "--config", p.config, "--json"], { cwd: p.dir });
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as BuildJson;
    };
    await build();
    const pages = (await listFiles(p.out)).filter((f) => f.startsWith("articles/"));
    expect(pages).toHaveLength(1);
    expect((await build()).outputs[0]!.written).toEqual([]);

    await rm(path.join(p.out, "feed.xsl"));
    await rm(path.join(p.out, pages[0]!));
    const restored = await build();
    expect(restored.outputs[0]!.written.sort()).toEqual(["feed.xsl", pages[0]!].sort());
    expect(await listFiles(p.out)).toContain(pages[0]!);
  }, 60_000);
});

describe("a fresh output folder with the state kept (a CI job that caches only .crier/)", () => {
  it("gets the same bytes again: the pages keep their 'last updated' while the feeds are unchanged", async () => {
    const { p, build } = await twoSources();
    await build();
    const before = await readFile(path.join(p.out, "index.html"), "utf8");
    const beforeSub = await readFile(path.join(p.out, "only-a", "index.html"), "utf8");
    await sleep(1100); // a page re-dated now would show another second
    await rm(p.out, { recursive: true, force: true });
    await build();
    expect(await readFile(path.join(p.out, "index.html"), "utf8")).toBe(before);
    expect(await readFile(path.join(p.out, "only-a", "index.html"), "utf8")).toBe(beforeSub);
  }, 60_000);
});
