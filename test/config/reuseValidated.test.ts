import { cp, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, type LoadedConfig, loadConfig } from "../../src/config/index.js";
import { validationKey, validatorFiles } from "../../src/config/load.js";
import { sourceConfigDigest } from "../../src/config/sourceDigest.js";
import { runBuild } from "../../src/worker/index.js";
import { makeProject, ROOT, runCrier } from "../helpers/cli.js";
import { startServer } from "../helpers/server.js";

// `crier build` reuses the config the last build validated (<state>/config.cache.json) while the text is
// unchanged, so a no-change build does not load zod. Anything else validates again.

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop()!, { recursive: true, force: true });
});

async function exampleProject(edit: (config: Record<string, unknown>) => void = () => {}): Promise<string> {
  const config = JSON.parse(await readFile(path.join(ROOT, "feeds.config.json"), "utf8"));
  edit(config);
  const dir = await makeProject(config, { withExamples: true });
  dirs.push(dir);
  return dir;
}

const reuse = { reuseValidated: {} };

describe("config: reusing what the last build validated", () => {
  it("a build stores the validated config; the next load of the same text reuses exactly it", async () => {
    const dir = await exampleProject();
    const file = path.join(dir, "feeds.config.json");
    const first = await loadConfig(file, reuse);
    expect(first.validated?.hit).toBe(false);
    await runBuild({ loaded: first, offline: true });
    const stored = JSON.parse(await readFile(path.join(dir, ".crier", "config.cache.json"), "utf8"));
    expect(stored.key).toBe(first.validated?.key);

    const second = await loadConfig(file, reuse);
    expect(second.validated).toEqual({ key: first.validated?.key, hit: true });
    expect(second.config).toStrictEqual(first.config);
    expect(JSON.stringify(second.config)).toBe(JSON.stringify(first.config));
  });

  it("keeps each source's config digest with it, so a reusing build hashes no source config", async () => {
    const dir = await exampleProject();
    const file = path.join(dir, "feeds.config.json");
    const first = await loadConfig(file, reuse);
    expect(first.sourceDigests).toBeUndefined();
    await runBuild({ loaded: first, offline: true });
    const second = await loadConfig(file, reuse);
    const expected = Object.fromEntries(
      first.config.sources.map((source) => [source.id, sourceConfigDigest(source, first.config.timezone)]),
    );
    expect(second.sourceDigests).toEqual(expected);

    // A record from before digests were kept (or with a wrong one) is reused without them.
    const record = path.join(dir, ".crier", "config.cache.json");
    const stored = JSON.parse(await readFile(record, "utf8"));
    await writeFile(record, JSON.stringify({ ...stored, digests: undefined }));
    const older = await loadConfig(file, reuse);
    expect(older.validated?.hit).toBe(true);
    expect(older.sourceDigests).toBeUndefined();
    await writeFile(
      record,
      JSON.stringify({ ...stored, digests: { ...stored.digests, [first.config.sources[0]!.id]: 7 } }),
    );
    expect((await loadConfig(file, reuse)).sourceDigests).toBeUndefined();
  });

  it("validates again after any edit, and rejects an invalid edit though a record exists", async () => {
    const dir = await exampleProject();
    const file = path.join(dir, "feeds.config.json");
    await runBuild({ loaded: await loadConfig(file, reuse), offline: true });
    const text = await readFile(file, "utf8");

    await writeFile(file, `${text}\n`);
    expect((await loadConfig(file, reuse)).validated?.hit).toBe(false);

    await writeFile(file, text.replace('"maxItems": 100', '"maxItems": "lots"'));
    const error = await loadConfig(file, reuse).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path)).toContain("output.maxItems");
  });

  it("ignores a record of another text, a damaged record, and loads without reuse when not asked", async () => {
    const dir = await exampleProject();
    const file = path.join(dir, "feeds.config.json");
    const loaded = await loadConfig(file, reuse);
    await runBuild({ loaded, offline: true });
    const record = path.join(dir, ".crier", "config.cache.json");
    const stored = JSON.parse(await readFile(record, "utf8"));

    // Without the option (crier check, watch) the text is always validated.
    expect((await loadConfig(file)).validated?.hit).toBe(false);

    await writeFile(record, JSON.stringify({ ...stored, key: "0".repeat(64), config: { site: {} } }));
    const other = await loadConfig(file, reuse);
    expect(other.validated?.hit).toBe(false);
    expect(other.config).toStrictEqual(loaded.config);

    await writeFile(record, "{ not json");
    expect((await loadConfig(file, reuse)).validated?.hit).toBe(false);
  });

  it("validates again in another folder: a copied project whose absolute source path now leads out is refused", async () => {
    const dir = await exampleProject();
    const file = path.join(dir, "feeds.config.json");
    const config = JSON.parse(await readFile(file, "utf8"));
    const local = config.sources.find((s: { type: string; url?: string }) => s.type === "feed" && s.url);
    local.url = path.join(dir, local.url);
    await writeFile(file, JSON.stringify(config));
    expect((await runCrier(["build", "--offline", "--config", file])).code).toBe(0);

    const copy = await mkdtemp(path.join(os.tmpdir(), "crier-copy-"));
    dirs.push(copy);
    await cp(dir, copy, { recursive: true });
    const moved = await runCrier(["build", "--offline", "--config", path.join(copy, "feeds.config.json")]);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toContain("resolves outside the config folder");
  });

  it("looks in the --state folder when one is given", async () => {
    const dir = await exampleProject();
    const file = path.join(dir, "feeds.config.json");
    const elsewhere = path.join(dir, "elsewhere");
    await runBuild({
      loaded: await loadConfig(file, { reuseValidated: { state: elsewhere } }),
      stateDir: elsewhere,
      offline: true,
    });
    expect((await loadConfig(file, { reuseValidated: { state: elsewhere } })).validated?.hit).toBe(true);
    expect((await loadConfig(file, reuse)).validated?.hit).toBe(false);
  });

  it("is reused from a config state.dir of its own", async () => {
    const dir = await exampleProject((config) => {
      config.state = { dir: "var/crier-state" };
    });
    const file = path.join(dir, "feeds.config.json");
    await runBuild({ loaded: await loadConfig(file, reuse), offline: true });
    expect((await loadConfig(file, reuse)).validated?.hit).toBe(true);
  });

  it("validates again when the schema module or a library it validates with changes on disk", async () => {
    // zod decides what a config may hold and node-cron which schedules parse: an upgrade of either must
    // not keep serving a config validated by the old one.
    const files = validatorFiles();
    expect(files.some((file) => /node_modules[\\/]zod[\\/]/.test(file))).toBe(true);
    expect(files.some((file) => /node_modules[\\/]node-cron[\\/]/.test(file))).toBe(true);
    expect(files[0]).toMatch(/schema\.js$/);

    const dir = await mkdtemp(path.join(os.tmpdir(), "crier-key-"));
    dirs.push(dir);
    const library = path.join(dir, "library.js");
    await writeFile(library, "v1");
    const keys = [await validationKey("{}", [library])];
    expect(await validationKey("{}", [library])).toBe(keys[0]);
    await utimes(library, new Date("2030-01-01T00:00:00Z"), new Date("2030-01-01T00:00:00Z"));
    keys.push(await validationKey("{}", [library]));
    await writeFile(library, "version 2");
    keys.push(await validationKey("{}", [library]));
    await rm(library);
    keys.push(await validationKey("{}", [library]));
    keys.push(await validationKey("{ }", [library]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("survives a JSON round trip unchanged, so a reused config is the validated one", async () => {
    const dir = await exampleProject((config) => {
      config.fetch = { concurrency: 4, perHost: 1, timeoutMs: 5000, retries: 0 };
      (config.sources as Record<string, unknown>[])[0]!.include = { title: "公告", tags: ["city"] };
      (config.sources as Record<string, unknown>[])[0]!.exclude = { content: "廣告" };
    });
    const loaded: LoadedConfig = await loadConfig(path.join(dir, "feeds.config.json"));
    expect(JSON.parse(JSON.stringify(loaded.config))).toStrictEqual(loaded.config);
  });

  it("a no-change `crier build` (every source 304) loads no zod, node-cron, iconv-lite, HTML parser or aggregate stage and rewrites nothing; `crier check` still validates", async () => {
    const rss = (n: number) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Board ${n}</title><link>https://board.example/</link><description>d</description><item><title>第${n}号通告</title><link>https://board.example/${n}</link><guid>https://board.example/${n}</guid><pubDate>Thu, 30 May 2019 08:00:00 +0800</pubDate></item></channel></rss>`;
    // An html notice list too: its parsers (cheerio, htmlparser2, entities, the date rules) load only once
    // a list page changed.
    const list = `<html><head><title>通知公告</title></head><body><ul class="list"><li><a href="/notice/1.html">关于开展检查的通知</a><span>2019-05-30</span></li></ul></body></html>`;
    const server = await startServer((req, res) => {
      const n = Number(req.url?.match(/\d+/)?.[0] ?? 0);
      if (req.headers["if-none-match"] === `"v${n}"`) {
        res.writeHead(304, { etag: `"v${n}"` });
        res.end();
        return;
      }
      if (req.url === "/list.html") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", etag: `"v${n}"` });
        res.end(list);
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml", etag: `"v${n}"` });
      res.end(rss(n));
    });
    try {
      const dir = await makeProject({
        site: { title: "Boards", url: "https://feeds.example.org/" },
        sources: [
          ...[1, 2].map((n) => ({ id: `board-${n}`, type: "feed", url: server.url(`/feed/${n}.xml`) })),
          {
            id: "notices",
            type: "html",
            url: server.url("/list.html"),
            list: { item: "ul.list li", title: "a", link: "a@href", date: "span" },
          },
        ],
      });
      dirs.push(dir);
      const trace = path.join(dir, "modules.txt");
      const env = {
        NODE_OPTIONS: `--import=${pathToFileURL(path.join(ROOT, "test/fixtures/config/trace-esm.mjs")).href}`,
        CRIER_TRACE_FILE: trace,
      };
      const run = async (args: string[]) => {
        await rm(trace, { force: true });
        const result = await runCrier([...args, "--json"], { cwd: dir, env });
        expect(result.code, result.stderr).toBe(0);
        const modules = (await readFile(trace, "utf8")).split("\n").filter(Boolean);
        return { modules, report: JSON.parse(result.stdout) };
      };
      const zod = (modules: string[]) => modules.filter((url) => url.includes("/node_modules/zod/"));

      const first = await run(["build"]);
      expect(zod(first.modules).length).toBeGreaterThan(0);

      const second = await run(["build"]);
      expect(second.report.sources.map((s: { notModified?: boolean }) => s.notModified)).toEqual([
        true,
        true,
        true,
      ]);
      expect(second.report.outputs[0].written).toEqual([]);
      expect(second.modules.some((url) => url.includes("/dist/worker/build.js"))).toBe(true);
      expect(zod(second.modules)).toEqual([]);
      // Nor node-cron (watch only), iconv-lite (non-UTF-8 documents only), the HTML parsers (a non-UTF-8
      // page's <meta>, content filters, sources) or the aggregate stage beyond its date rules (only when
      // articles are selected).
      expect(
        second.modules.filter((m) =>
          /node_modules\/(node-cron|iconv-lite|htmlparser2|cheerio|parse5|entities)\/|\/dist\/aggregate\/(?!dates\.js)|\/dist\/normalize\/dates\//.test(
            m,
          ),
        ),
      ).toEqual([]);
      expect(second.modules.some((m) => m.includes("/node_modules/undici/"))).toBe(true);

      const check = await run(["check"]);
      expect(check.report.ok).toBe(true);
      expect(zod(check.modules).length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
