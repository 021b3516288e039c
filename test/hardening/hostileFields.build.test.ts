import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELD_MARKERS } from "../fixtures/hardening/hostileFields.js";
import { makeProject, runCrier } from "../helpers/cli.js";
import { type FaultServer, startFaultServer } from "./faultServer.js";
import { unsafeUrls } from "./htmlSafety.js";
import { readOutputFiles } from "./outputFiles.js";

// Script in the fields around the content (links, enclosures, images, author URIs, feed links): none of it
// may become a link or an image in any output file.

let server: FaultServer;
let out: string;
let files: Map<string, string>;

beforeAll(async () => {
  server = await startFaultServer({ gzipBomb: Buffer.alloc(0) });
  const dir = await makeProject({
    site: { title: "Fields", url: "https://fields.example/" },
    sources: [
      { id: "fields-rss", type: "feed", url: server.url("/fault/fields.rss") },
      { id: "fields-atom", type: "feed", url: server.url("/fault/fields.atom") },
      { id: "fields-json", type: "feed", url: server.url("/fault/fields.json") },
    ],
  });
  const result = await runCrier(["build", "--config", path.join(dir, "feeds.config.json"), "--json"], {
    cwd: dir,
  });
  if (result.code !== 0) throw new Error(result.stderr);
  const report = JSON.parse(result.stdout);
  for (const source of report.sources) expect(source).toMatchObject({ ok: true, items: 1 });
  out = path.join(dir, "output");
  files = await readOutputFiles(out);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("hostile URLs and fields", () => {
  it("publishes each item, with its body", async () => {
    const feed = JSON.parse(await readFile(path.join(out, "feed.json"), "utf8"));
    const bodies = feed.items.map((i: { content_html?: string }) => i.content_html ?? "").join("\n");
    for (const body of ["fields body", "atom body", "json body"]) expect(bodies).toContain(body);
  });

  it("leaves no javascript:, vbscript:, file: or non-image data: URL in any output file", () => {
    const problems = [...files].flatMap(([name, text]) => unsafeUrls(name, text));
    expect(problems).toEqual([]);
  });

  it("drops every marked value used as a link, image, enclosure or author URI", () => {
    // PWNF03 is a guid: an opaque id (isPermaLink="false"), never a link.
    const linkMarkers = FIELD_MARKERS.filter((m) => m !== "PWNF03");
    const found = [...files].flatMap(([name, text]) =>
      linkMarkers.filter((m) => text.includes(m)).map((m) => `${m} in ${name}`),
    );
    expect(found).toEqual([]);
  });

  it("makes author names, categories and titles plain text: no markup, no script text", async () => {
    for (const name of ["feed.xml", "atom.xml", "feed.json"]) {
      expect(files.get(name), name).not.toMatch(/<script|onerror|<b>/i);
    }
    const feed = JSON.parse(await readFile(path.join(out, "feed.json"), "utf8"));
    const rss = feed.items.find((i: { title: string }) => i.title === "RSS hostile fields");
    expect(rss.authors).toEqual([{ name: "Mallory" }]);
    expect(rss.tags).toEqual(["cat"]);
    expect(feed.items.map((i: { title: string }) => i.title)).toContain("Atom hostile fields");
  });

  it("never marks a non-http guid as a permalink", () => {
    const rss = files.get("feed.xml")!;
    expect(rss).not.toMatch(/<guid isPermaLink="true">javascript:/);
  });
});
