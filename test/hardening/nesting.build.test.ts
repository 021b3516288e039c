import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeProject, runCrier } from "../helpers/cli.js";
import { type FaultServer, startFaultServer } from "./faultServer.js";

// Deep nesting inside CDATA is content, not XML structure: it must neither overflow the stack nor stall.

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("deeply nested content", () => {
  it("publishes an item whose CDATA content nests 20,000 divs, without a stack overflow", async () => {
    server = await startFaultServer({ gzipBomb: Buffer.alloc(0) });
    const dir = await makeProject({
      site: { title: "Deep", url: "https://deep.example/" },
      fetch: { sourceDeadlineMs: 10_000 },
      sources: [{ id: "deep-cdata", type: "feed", url: server.url("/fault/deep-cdata") }],
    });
    const result = await runCrier(["build", "--config", path.join(dir, "feeds.config.json"), "--json"], {
      cwd: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/call stack/i);
    const report = JSON.parse(result.stdout);
    expect(report.sources[0]).toMatchObject({ ok: true, items: 1 });
    expect(report.durationMs).toBeLessThan(10_000);
    const feed = JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8"));
    expect(feed.items[0].content_html).toContain("deep body");
  });
});
