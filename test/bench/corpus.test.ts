import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Parser from "rss-parser";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { type Corpus, createCorpus } from "../../bench/lib/corpus.mjs";
import { type CorpusServer, startCorpusServer } from "../../bench/lib/server.mjs";

// Smoke test of the bench's corpus generator, loopback server and warm floor script (the bench itself is
// never part of npm test): the corpus must be deterministic, realistic in size and shape, and the server
// must answer conditional requests the way the warm and incremental runs rely on.

const FLOOR_SCRIPT = fileURLToPath(new URL("../../bench/floor.mjs", import.meta.url));

let server: CorpusServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(feeds: number): Promise<{ corpus: Corpus; server: CorpusServer }> {
  let corpus: Corpus | null = null;
  server = await startCorpusServer(() => corpus, { lifetimeMs: 20_000, maxRequests: 500 });
  corpus = createCorpus({ feeds, items: 50, html: 2, htmlItems: 5, origin: server.origin });
  return { corpus, server };
}

describe("bench corpus", () => {
  it("is the same bytes on every generation", () => {
    const a = createCorpus({ feeds: 4, items: 50, html: 2, htmlItems: 5, origin: "http://127.0.0.1:1" });
    const b = createCorpus({ feeds: 4, items: 50, html: 2, htmlItems: 5, origin: "http://127.0.0.1:1" });
    for (const path of ["/feed/0.xml", "/feed/3.xml", "/html/0/list.html", "/html/1/detail/4.html"]) {
      expect(a.get(path)?.body.equals(b.get(path)!.body)).toBe(true);
    }
  });

  it("serves RSS and Atom of 50 items of about 2.5 KB with CJK text, parseable by rss-parser", async () => {
    const { server } = await serve(2);
    const parser = new Parser();
    for (const [path, format] of [
      ["/feed/0.xml", "<rss"],
      ["/feed/1.xml", "<feed"],
    ] as const) {
      const response = await request(`${server.origin}${path}`);
      const text = await response.body.text();
      expect(text).toContain(format);
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      const bytesPerItem = Buffer.byteLength(text) / 50;
      expect(bytesPerItem).toBeGreaterThan(2000);
      expect(bytesPerItem).toBeLessThan(3200);
      const feed = await parser.parseString(text);
      expect(feed.items).toHaveLength(50);
      expect(feed.items?.[0]?.content).toContain("<p>");
    }
  });

  it("answers 304 to matching validators and 200 with new validators after a change", async () => {
    const { corpus, server } = await serve(100);
    const url = `${server.origin}/feed/37.xml`;
    const first = await request(url);
    await first.body.text();
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers["last-modified"]);
    const again = await request(url, { headers: { "if-none-match": etag } });
    await again.body.text();
    expect(again.statusCode).toBe(304);
    const bySince = await request(url, { headers: { "if-modified-since": lastModified } });
    await bySince.body.text();
    expect(bySince.statusCode).toBe(304);

    const changed = corpus.select(100).change();
    expect(changed).toEqual(["feed-0037"]);
    const after = await request(url, { headers: { "if-none-match": etag } });
    const text = await after.body.text();
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(text).toContain("urn:bench:atom:37:50");
    expect(text).not.toContain("urn:bench:atom:37:0<");
  });

  it("has a warm floor script that only revalidates, with undici alone, and reports its split", async () => {
    const { corpus, server } = await serve(100);
    const view = corpus.select(100);
    const dir = await mkdtemp(path.join(os.tmpdir(), "crier-floor-"));
    try {
      const manifest = path.join(dir, "floor.json");
      const documents = view.sources.map((s) => ({
        url: `${server.origin}${s.path}`,
        etag: corpus.get(s.path)!.etag,
      }));
      await writeFile(manifest, JSON.stringify({ concurrency: 8, documents }));
      const floor = async () => {
        server.resetCounts();
        const { stdout } = await promisify(execFile)(process.execPath, [FLOOR_SCRIPT, manifest]);
        return { answer: JSON.parse(stdout), served: server.counts() };
      };
      const first = await floor();
      expect(first.answer).toMatchObject({ requests: 102, notModified: 102, other: 0 });
      expect(first.answer.startMs).toBeGreaterThan(0);
      expect(first.answer.requestsMs).toBeGreaterThan(0);
      expect(first.served).toMatchObject({ total: 102, notModified: 102, ok: 0 });

      view.change();
      const afterChange = await floor();
      expect(afterChange.answer).toMatchObject({ requests: 102, notModified: 101, other: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("encodes even html sources as GBK and says so", async () => {
    const { server } = await serve(1);
    const response = await request(`${server.origin}/html/0/list.html`);
    const body = Buffer.from(await response.body.arrayBuffer());
    expect(response.headers["content-type"]).toBe("text/html; charset=gbk");
    expect(body.includes(Buffer.from("通知公告"))).toBe(false);
    expect(body.toString("latin1")).toContain('<meta charset="gbk">');
  });
});
