import { readFile } from "node:fs/promises";
import path from "node:path";
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CONTENT_VECTORS,
  SAFE_DATA_IMAGE,
  SAFE_TEXT,
  TITLE_VECTORS,
  vectorNumber,
} from "../fixtures/hardening/xssFeed.js";
import { makeProject, runCrier } from "../helpers/cli.js";
import { type FaultServer, startFaultServer } from "./faultServer.js";
import { unsafeParts, unsafeUrls } from "./htmlSafety.js";
import { findNeedles, readOutputFiles } from "./outputFiles.js";

// The XSS feed through the real CLI: what the sanitizer lets through, checked in every rendered format.

interface Rendered {
  title: string;
  link: string;
  html: string;
}

let server: FaultServer;
let xssOut: string;
let benignOut: string;
let byFormat: Record<"rss" | "atom" | "json", Rendered[]>;

async function build(sources: { id: string; route: string }[]): Promise<string> {
  const dir = await makeProject({
    site: { title: "Sanitizer", url: "https://sanitizer.example/" },
    fetch: { retries: 0, timeoutMs: 5000 },
    sources: sources.map(({ id, route }) => ({ id, type: "feed", url: server.url(route) })),
  });
  const result = await runCrier(["build", "--config", path.join(dir, "feeds.config.json")], { cwd: dir });
  if (result.code !== 0) throw new Error(`build failed: ${result.stderr}`);
  return path.join(dir, "output");
}

beforeAll(async () => {
  server = await startFaultServer({ gzipBomb: Buffer.alloc(0) });
  [xssOut, benignOut] = await Promise.all([
    build([
      { id: "xss", route: "/fault/xss" },
      { id: "good", route: "/good/rss.xml" },
    ]),
    build([
      { id: "plain", route: "/fault/flip" },
      { id: "good", route: "/good/rss.xml" },
    ]),
  ]);
  const parser = new Parser();
  const rss = await parser.parseString(await readFile(path.join(xssOut, "feed.xml"), "utf8"));
  const atom = await parser.parseString(await readFile(path.join(xssOut, "atom.xml"), "utf8"));
  const json = JSON.parse(await readFile(path.join(xssOut, "feed.json"), "utf8"));
  byFormat = {
    rss: (rss.items ?? []).map((i) => ({
      title: i.title ?? "",
      link: i.link ?? "",
      html: i["content:encoded"] ?? i.content ?? "",
    })),
    atom: (atom.items ?? []).map((i) => ({
      title: i.title ?? "",
      link: i.link ?? "",
      html: i.content ?? "",
    })),
    json: json.items.map((i: { title: string; url: string; content_html?: string }) => ({
      title: i.title,
      link: i.url,
      html: i.content_html ?? "",
    })),
  };
}, 90_000);

afterAll(async () => {
  await server?.close();
});

describe("sanitizer matrix in the rendered feeds", () => {
  it("renders all of the XSS feed's items in every format", () => {
    for (const format of ["rss", "atom", "json"] as const) {
      const xss = byFormat[format].filter((i) => i.link.startsWith("https://xss.example/"));
      expect(xss, format).toHaveLength(CONTENT_VECTORS.length + TITLE_VECTORS.length);
    }
  });

  describe.each(
    CONTENT_VECTORS.map((v, i) => ({ ...v, n: vectorNumber(i), link: `https://xss.example/c${i + 1}` })),
  )("$name", ({ marker, link, n }) => {
    it.each(["rss", "atom", "json"] as const)("is defused in %s, and the safe parts stay", (format) => {
      const item = byFormat[format].find((i) => i.link === link);
      expect(item, `${link} in ${format}`).toBeDefined();
      expect(unsafeParts(item!.html)).toEqual([]);
      expect(item!.html).not.toContain(marker);
      expect(item!.html).toContain(SAFE_TEXT);
      expect(item!.html).toContain(`src="${SAFE_DATA_IMAGE}"`); // data: images are allowed
      expect(item!.html).toContain(`after vector ${n}`); // what follows the vector survives
    });
  });

  it("keeps the text of a link whose href was dropped, and marks surviving links noopener", () => {
    const json = byFormat.json;
    const js = json.find((i) => i.link === "https://xss.example/c3")!;
    expect(js.html).toContain("js link");
    expect(js.html).not.toMatch(/<a [^>]*href/);
    const safe = json.find((i) => i.link === "https://xss.example/c22")!;
    expect(safe.html).toContain('<a href="https://ok.example/safe" rel="noopener noreferrer">safe link</a>');
  });

  it("puts a plain link in place of each embed", () => {
    const links = { c7: "https://evil.example/frame", c8: "https://evil.example/movie.swf" };
    for (const [item, url] of Object.entries(links)) {
      const { html } = byFormat.json.find((i) => i.link === `https://xss.example/${item}`)!;
      expect(html).toContain(`<a href="${url}" rel="noopener noreferrer">${url}</a>`);
    }
  });

  it("removes the 1×1 tracking pixel", () => {
    const pixel = byFormat.json.find((i) => i.link === "https://xss.example/c23")!;
    expect(pixel.html).not.toContain("pixel.example");
  });

  it("adds no markup to any output file (no planted marker, no extra script or handler in index.html)", async () => {
    const files = await readOutputFiles(xssOut);
    expect(
      findNeedles(
        files,
        CONTENT_VECTORS.map((v) => v.marker),
      ),
    ).toEqual([]);
    expect([...files].flatMap(([name, text]) => unsafeUrls(name, text))).toEqual([]);
    // index.html carries crier's own filter script: the hostile build has exactly what a benign one has.
    const hostile = files.get("index.html")!;
    const benign = await readFile(path.join(benignOut, "index.html"), "utf8");
    for (const needle of [
      "<script",
      "onerror=",
      "onload=",
      "javascript:",
      "<iframe",
      "<object",
      "<form",
      "expression(",
      "<svg",
    ]) {
      expect(count(hostile, needle), needle).toBe(count(benign, needle));
    }
    for (const name of ["feed.xml", "atom.xml", "sources.opml"]) {
      for (const needle of ["<script", "<iframe", "<object", "<form", "<svg", "onerror=", "javascript:"]) {
        expect(count(files.get(name)!, needle), `${needle} in ${name}`).toBe(0);
      }
    }
  });
});

describe("titles are plain text everywhere", () => {
  it.each(TITLE_VECTORS.map((t, i) => ({ t, link: `https://xss.example/t${i + 1}` })))(
    "$t",
    async ({ link }) => {
      const titles = (["rss", "atom", "json"] as const).map(
        (f) => byFormat[f].find((i) => i.link === link)!.title,
      );
      // One plain-text title, the same in every format, with no markup left in it.
      expect(new Set(titles).size, titles.join(" | ")).toBe(1);
      const title = titles[0]!;
      expect(title).not.toMatch(/<[a-z/!]/i);
      expect(title.trim()).not.toBe("");
      // In HTML it is escaped text inside the heading link, never markup.
      const index = await readFile(path.join(xssOut, "index.html"), "utf8");
      expect(index).toContain(`<a href="${link}">${escapeHtml(title)}</a>`);
    },
  );

  it("keeps a bare ampersand in a title as text (escaped, as a reference or CDATA in XML, literal in JSON)", async () => {
    for (const format of ["rss", "atom", "json"] as const) {
      expect(byFormat[format].find((i) => i.link === "https://xss.example/t4")!.title).toBe(
        "Tom & Jerry bold PWNT04",
      );
    }
    for (const name of ["feed.xml", "atom.xml"]) {
      const xml = await readFile(path.join(xssOut, name), "utf8");
      expect(xml, name).toMatch(/Tom (&amp;|&#x26;) Jerry|<!\[CDATA\[Tom & Jerry/);
    }
  });

  it("makes a hostile feed title, used as the source name in index.html and OPML, plain text", async () => {
    const files = await readOutputFiles(xssOut);
    for (const name of ["index.html", "sources.opml"]) {
      // "XSS <script>alert('PWNT09')</script>" → "XSS": script text never becomes title text.
      expect(files.get(name), name).toMatch(/>XSS<|"XSS"/);
      expect(files.get(name), name).not.toContain("PWNT09");
    }
  });
});

function count(text: string, needle: string): number {
  return text.toLowerCase().split(needle.toLowerCase()).length - 1;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
