import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTML_DETAIL_TEXT, HTML_GOOD_TITLE } from "../fixtures/hardening/feeds.js";
import { makeProject } from "../helpers/cli.js";
import { type FaultServer, startFaultServer } from "./faultServer.js";
import { findNeedles, readOutputFiles } from "./outputFiles.js";
import { type MeasuredRun, runMeasured } from "./runMeasured.js";

// An html source fetches only its configured list page and the http(s) detail pages linked from it: a
// remote page can neither make crier read a local file nor run script, and a hanging detail page is
// bounded by the source deadline.

const DEADLINE_MS = 4000;
const LOCAL_SECRET = "LOCAL-SECRET-IN-THE-CONFIG-FOLDER";

let server: FaultServer;
let dir: string;
let run: MeasuredRun;
let report: {
  sources: { id: string; ok: boolean; items: number; error?: string; warnings?: string[] }[];
  durationMs: number;
};

beforeAll(async () => {
  server = await startFaultServer({ gzipBomb: Buffer.alloc(0) });
  dir = await makeProject({});
  // A file inside the config folder: local sources may read it, a remote page must not be able to.
  await mkdir(path.join(dir, "private"));
  const secret = path.join(dir, "private", "secret.html");
  await writeFile(secret, `<html><body><div id="article">${LOCAL_SECRET}</div></body></html>`);
  const config = {
    site: { title: "Html", url: "https://html.example/" },
    fetch: { timeoutMs: 1500, sourceDeadlineMs: DEADLINE_MS, retries: 1, perHost: 8 },
    sources: [
      {
        id: "notices",
        type: "html",
        url: server.url(`/html/list?file=${encodeURIComponent(pathToFileURL(secret).href)}`),
        list: { item: "ul.list li", title: "a", link: "a@href", date: "span.date" },
        detail: { content: "#article" },
      },
      { id: "good-rss", type: "feed", url: server.url("/good/rss.xml") },
    ],
  };
  await writeFile(path.join(dir, "feeds.config.json"), JSON.stringify(config));
  run = await runMeasured(["build", "--config", path.join(dir, "feeds.config.json"), "--json"], {
    cwd: dir,
    timeoutMs: 60_000,
  });
  report = JSON.parse(run.stdout);
}, 90_000);

afterAll(async () => {
  await server?.close();
});

describe("an html source with hostile links", () => {
  it("finishes within the source deadline, and the other sources still build", () => {
    expect(run.code, run.stderr).toBe(0);
    expect(report.durationMs).toBeLessThan(DEADLINE_MS + 3000);
    expect(report.sources.find((s) => s.id === "good-rss")).toMatchObject({ ok: true, items: 3 });
  });

  it("fetches the linked detail page and publishes its sanitized content", async () => {
    expect(server.hits("/html/detail/1")).toBe(1);
    const feed = JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8"));
    const item = feed.items.find((i: { title: string }) => i.title === HTML_GOOD_TITLE);
    expect(item?.content_html).toContain(HTML_DETAIL_TEXT);
    expect(item?.content_html).not.toContain("<script");
  });

  it("never reads a local file named by a remote page, nor follows a javascript: link", async () => {
    const files = await readOutputFiles(path.join(dir, "output"));
    for (const [name, text] of await readOutputFiles(path.join(dir, ".crier")))
      files.set(`.crier/${name}`, text);
    expect(findNeedles(files, [LOCAL_SECRET, "PWNC-HTML", "PWNC-DETAIL", "file://"])).toEqual([]);
  });

  it("defers the item whose detail page hangs past the deadline instead of publishing it without content", async () => {
    // One attempt plus one retry at most, inside the deadline.
    expect(server.hits("/fault/hang")).toBeGreaterThanOrEqual(1);
    expect(server.hits("/fault/hang")).toBeLessThanOrEqual(2);
    const notices = report.sources.find((s) => s.id === "notices")!;
    expect(notices.ok).toBe(true);
    expect(notices.warnings?.join("\n")).toMatch(/1 new items deferred to the next run/);
    const feed = JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8"));
    const titles: string[] = feed.items.map((i: { title: string }) => i.title);
    expect(titles).not.toContain("Detail page that never answers");
  });

  it("keeps entries whose link was refused, without that link", async () => {
    const feed = JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8"));
    for (const title of ["Local file through an absolute file: link", "Script link"]) {
      const item = feed.items.find((i: { title: string }) => i.title === title);
      expect(item, title).toBeDefined();
      expect(item.url ?? "", title).not.toMatch(/^(file|javascript):/);
    }
  });
});
