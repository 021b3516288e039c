import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import Parser from "rss-parser";
import { afterEach, describe, expect, it } from "vitest";
import { makeProject, ROOT, runCrier } from "../helpers/cli.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function bundledProject() {
  const config = JSON.parse(await readFile(path.join(ROOT, "feeds.config.json"), "utf8"));
  delete config.$schema;
  const dir = await makeProject(config, { withExamples: true });
  return { dir, out: path.join(dir, "output"), config };
}

describe("crier build on the bundled example config", () => {
  it("writes all five files, with the CJK announcement intact in RSS, Atom and JSON Feed", async () => {
    const { dir, out } = await bundledProject();
    const result = await runCrier(["build", "--config", path.join(dir, "feeds.config.json"), "--json"]);
    expect(result.stderr).toContain("build done");
    expect(result.code).toBe(0);
    for (const file of ["feed.xml", "atom.xml", "feed.json", "index.html", "sources.opml"]) {
      expect((await stat(path.join(out, file))).size).toBeGreaterThan(200);
    }
    const report = JSON.parse(result.stdout);
    expect(report.sources.every((s: { ok: boolean }) => s.ok)).toBe(true);
    expect(report.sources.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(["city-news", "water-board", "school", "notices"]),
    );

    const parser = new Parser();
    const rss = await parser.parseString(await readFile(path.join(out, "feed.xml"), "utf8"));
    const atom = await parser.parseString(await readFile(path.join(out, "atom.xml"), "utf8"));
    const json = JSON.parse(await readFile(path.join(out, "feed.json"), "utf8"));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");

    for (const titles of [
      (rss.items ?? []).map((i) => i.title ?? ""),
      (atom.items ?? []).map((i) => i.title ?? ""),
      json.items.map((i: { title?: string }) => i.title ?? ""),
    ]) {
      const announcement = titles.find((t: string) => t.includes("全省安全穩定工作視頻會議"));
      expect(announcement, titles.join(" | ")).toBeDefined();
      // The config's transform removed the pinyin scraping noise before the title was derived.
      expect(announcement).not.toMatch(/\(w[eě]n\)/);
      expect(titles).toContain("Library opening hours over Easter & the bank holiday");
      expect(titles).toContain("颱風假停課通知");
    }
    // The text-file article has no URL of its own: it links to a page crier wrote for it.
    const notice = json.items.find((i: { title?: string }) => i.title?.includes("全省安全穩定"));
    expect(notice.url).toMatch(/^https:\/\/feeds\.example\.org\/articles\/[0-9a-f]{16}\.html$/);
    const page = path.join(out, new URL(notice.url).pathname);
    expect(await readFile(page, "utf8")).toContain("堅決維護國家政治安全");
    expect(notice.content_html).not.toMatch(/\(w[eě]n\)/);

    const rssItem = (rss.items ?? []).find((i) => i.title?.startsWith("Road closures"));
    // Tracking parameters dropped, relative content links made absolute, script removed.
    expect(rssItem?.link).toBe("https://council.example.org/news/2024/half-marathon-closures");
    expect(rssItem?.pubDate && new Date(rssItem.pubDate).toISOString()).toBe("2024-04-12T08:30:00.000Z");
    const encoded = (rssItem as { "content:encoded"?: string })["content:encoded"] ?? "";
    expect(encoded).toContain('href="https://council.example.org/news/maps/half-marathon.pdf"');
    expect(encoded).not.toContain("<script");

    const index = await readFile(path.join(out, "index.html"), "utf8");
    expect(index).toMatch(/<link[^>]+rel="alternate"[^>]+type="application\/atom\+xml"/);
    expect(index).toContain("颱風假停課通知");

    // The "police" output only carries the sources tagged police.
    const police = JSON.parse(await readFile(path.join(out, "police", "feed.json"), "utf8"));
    expect(police.title).toBe("Police and security notices");
    expect(police.items.length).toBeGreaterThanOrEqual(1);
    expect(police.items.every((i: { title: string }) => !i.title.includes("Library"))).toBe(true);
  });

  it("rewrites nothing on a second build when nothing changed (byte-identical output)", async () => {
    const { dir, out } = await bundledProject();
    const config = path.join(dir, "feeds.config.json");
    expect((await runCrier(["build", "--config", config])).code).toBe(0);
    const before = await snapshot(out);
    const second = await runCrier(["build", "--config", config, "--json"]);
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report.outputs.flatMap((o: { written: string[] }) => o.written)).toEqual([]);
    expect(await snapshot(out)).toEqual(before);
  });
});

describe("exit codes and failing sources", () => {
  it("exits 1 on a config error, names the field, and writes nothing", async () => {
    const dir = await makeProject({
      site: { title: "T", url: "https://x.example/" },
      sources: [
        { id: "a", type: "feed", url: "https://a.example/rss" },
        { id: "b", type: "feed", url: "gopher://x" },
      ],
    });
    const result = await runCrier(["build", "--config", path.join(dir, "feeds.config.json")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("sources[1].url: expected an http(s) URL");
    await expect(stat(path.join(dir, "output"))).rejects.toThrow();
  });

  it("keeps a failing source's last good articles, still writes output, and exits 2 only with --strict", async () => {
    let healthy = true;
    const server = await startServer((req, res) => {
      if (req.url === "/flaky.xml" && !healthy) {
        res.writeHead(500).end("broken");
        return;
      }
      const id = req.url === "/flaky.xml" ? "flaky" : "steady";
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>${id}</title><link>https://${id}.example/</link>` +
          `<item><title>${id} item</title><link>https://${id}.example/1</link><pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate></item>` +
          "</channel></rss>",
      );
    });
    servers.push(server);
    const dir = await makeProject({
      site: { title: "T", url: "https://x.example/" },
      fetch: { retries: 0, timeoutMs: 2000 },
      sources: [
        { id: "flaky", type: "feed", url: server.url("/flaky.xml") },
        { id: "steady", type: "feed", url: server.url("/steady.xml") },
      ],
    });
    const config = path.join(dir, "feeds.config.json");
    expect((await runCrier(["build", "--config", config])).code).toBe(0);

    healthy = false;
    const lenient = await runCrier(["build", "--config", config, "--json"]);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/source flaky: FAILED/);
    const report = JSON.parse(lenient.stdout);
    const flaky = report.sources.find((s: { id: string }) => s.id === "flaky");
    expect(flaky).toMatchObject({ ok: false, items: 1 });
    expect(flaky.error).toMatch(/500/);
    const feed = JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8"));
    expect(feed.items.map((i: { title: string }) => i.title).sort()).toEqual(["flaky item", "steady item"]);

    const strict = await runCrier(["build", "--config", config, "--strict"]);
    expect(strict.code).toBe(2);
    const status = JSON.parse(await readFile(path.join(dir, ".crier", "status.json"), "utf8"));
    const flakyStatus = status.sources.find((s: { id: string }) => s.id === "flaky");
    expect(flakyStatus).toMatchObject({ ok: false, consecutiveFailures: 2 });
  });

  it("sends conditional requests on the next build and reuses stored articles on 304", async () => {
    const seen: { inm?: string; ims?: string }[] = [];
    const server = await startServer((req, res) => {
      seen.push({
        inm: req.headers["if-none-match"],
        ims: req.headers["if-modified-since"] as string | undefined,
      });
      if (req.headers["if-none-match"] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' }).end();
        return;
      }
      res.writeHead(200, {
        "content-type": "application/atom+xml",
        etag: '"v1"',
        "last-modified": "Mon, 06 May 2024 10:00:00 GMT",
      });
      res.end(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2024-05-06T10:00:00Z</updated>' +
          '<entry><title>Only entry</title><id>urn:a:1</id><link href="https://a.example/1"/><updated>2024-05-06T10:00:00Z</updated></entry></feed>',
      );
    });
    servers.push(server);
    const dir = await makeProject({
      site: { title: "T", url: "https://x.example/" },
      sources: [{ id: "a", type: "feed", url: server.url("/atom.xml") }],
    });
    const config = path.join(dir, "feeds.config.json");
    expect((await runCrier(["build", "--config", config])).code).toBe(0);
    const stateFiles = ["a.json", "a.articles.json"].map((f) => path.join(dir, ".crier", "sources", f));
    const stateBefore = await Promise.all(stateFiles.map((f) => stat(f)));
    const second = await runCrier(["build", "--config", config, "--json"]);
    expect(second.code).toBe(0);
    expect(seen).toHaveLength(2);
    // A healthy 304 needs no state write and no render: nothing on disk changes.
    const stateAfter = await Promise.all(stateFiles.map((f) => stat(f)));
    expect(stateAfter.map((s) => s.mtimeMs)).toEqual(stateBefore.map((s) => s.mtimeMs));
    expect(JSON.parse(second.stdout).outputs).toEqual([
      expect.objectContaining({ name: null, items: 1, written: [] }),
    ]);
    expect(seen[1]).toEqual({ inm: '"v1"', ims: "Mon, 06 May 2024 10:00:00 GMT" });
    const report = JSON.parse(second.stdout);
    expect(report.sources[0]).toMatchObject({ id: "a", ok: true, items: 1, notModified: true });
    const feed = JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8"));
    expect(feed.items.map((i: { title: string }) => i.title)).toEqual(["Only entry"]);

    // --offline renders from the stored state without a request.
    const offline = await runCrier(["build", "--config", config, "--offline", "--json"]);
    expect(offline.code).toBe(0);
    expect(seen).toHaveLength(2);
    expect(JSON.parse(offline.stdout).sources[0]).toMatchObject({ ok: true, items: 1, skipped: "offline" });
  });

  it("fails a source whose server answers 304 to a request without validators", async () => {
    const server = await startServer((_req, res) => res.writeHead(304).end());
    servers.push(server);
    const dir = await makeProject({
      site: { title: "T", url: "https://x.example/" },
      sources: [{ id: "odd", type: "feed", url: server.url("/feed.xml") }],
    });
    const result = await runCrier(["build", "--config", path.join(dir, "feeds.config.json"), "--json"]);
    expect(result.code).toBe(0);
    const [source] = JSON.parse(result.stdout).sources;
    expect(source).toMatchObject({ id: "odd", ok: false, items: 0 });
    expect(source.error).toMatch(/304 Not Modified to a request without If-None-Match/);
    expect(server.requests[0]!.headers["if-none-match"]).toBeUndefined();
  });

  it("--offline reports each source with its stored health: --strict exits 2 for one that last failed", async () => {
    const server = await startServer((_req, res) => res.writeHead(500).end("down"));
    servers.push(server);
    const dir = await makeProject({
      site: { title: "T", url: "https://x.example/" },
      fetch: { retries: 0 },
      state: { failureThreshold: 1 },
      sources: [{ id: "down", type: "feed", url: server.url("/feed.xml") }],
    });
    const config = path.join(dir, "feeds.config.json");
    expect((await runCrier(["build", "--config", config])).code).toBe(0);
    const offline = await runCrier(["build", "--config", config, "--offline", "--strict", "--json"]);
    expect(offline.code).toBe(2);
    const [source] = JSON.parse(offline.stdout).sources;
    expect(source).toMatchObject({ id: "down", ok: false, skipped: "offline", dead: true });
    expect(source.error).toMatch(/500/);
    expect(offline.stderr).toMatch(/source down: skipped \(offline\), last attempt FAILED: .*500.* \[DEAD\]/);
  });

  it("--offline reports a source never read (nothing stored) as not ok; --strict exits 2", async () => {
    const dir = await makeProject({
      site: { title: "T", url: "https://x.example/" },
      sources: [{ id: "new", type: "feed", url: "https://new.example/feed.xml" }],
    });
    const config = path.join(dir, "feeds.config.json");
    const offline = await runCrier(["build", "--config", config, "--offline", "--json"]);
    expect(offline.code, offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout).sources).toEqual([
      {
        id: "new",
        ok: false,
        items: 0,
        skipped: "offline",
        error: "never read: nothing is stored for it yet, and --offline reads stored state only",
      },
    ]);
    expect(offline.stderr).toContain(
      "source new: skipped (offline), never read: nothing is stored for it yet",
    );
    expect(offline.stderr).toContain("(1 failed)");
    const strict = await runCrier(["build", "--config", config, "--offline", "--strict"]);
    expect(strict.code).toBe(2);
  });
});

async function snapshot(
  dir: string,
): Promise<Record<string, { size: number; mtimeMs: number; text: string }>> {
  const out: Record<string, { size: number; mtimeMs: number; text: string }> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const info = await stat(file);
    out[path.relative(dir, file)] = {
      size: info.size,
      mtimeMs: info.mtimeMs,
      text: await readFile(file, "utf8"),
    };
  }
  return out;
}
