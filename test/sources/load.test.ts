import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchDocument } from "../../src/sources/load.js";
import type { SourceContext } from "../../src/sources/types.js";

// Local source files (feed/html `url` given as a path) are read like responses: bounded in size, and
// never from something that is not a regular file (a FIFO would block the read past every deadline).

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crier-load-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function context(maxBytes?: number): SourceContext {
  return {
    configDir: dir,
    fetcher: {
      fetch: () => Promise.reject(new Error("no network in this test")),
      close: async () => {},
    },
    now: new Date(),
    etag: null,
    lastModified: null,
    isKnownUrl: () => false,
    signal: AbortSignal.timeout(5000),
    log: () => {},
    ...(maxBytes === undefined ? {} : { maxBytes }),
  };
}

describe("fetchDocument on a local path", () => {
  it("reads a regular file, with its mtime as the validator", async () => {
    await writeFile(path.join(dir, "feed.xml"), "<rss/>");
    const doc = await fetchDocument("feed.xml", context(), "xml");
    expect(doc.body.toString()).toBe("<rss/>");
    expect(doc.lastModified).toMatch(/GMT$/);
  });

  it("refuses a FIFO at once instead of blocking on it", async () => {
    execFileSync("mkfifo", [path.join(dir, "pipe.xml")]);
    await expect(fetchDocument("pipe.xml", context(), "xml")).rejects.toThrow("pipe.xml: not a regular file");
  });

  it("refuses a folder", async () => {
    await mkdir(path.join(dir, "feeds"));
    await expect(fetchDocument("feeds", context(), "xml")).rejects.toThrow("feeds: not a regular file");
  });

  it("refuses a file over fetch.maxBytes, naming the limit", async () => {
    await writeFile(path.join(dir, "big.xml"), "x".repeat(2001));
    await expect(fetchDocument("big.xml", context(2000), "xml")).rejects.toThrow(
      "big.xml: the file is 2001 bytes, over fetch.maxBytes (2000)",
    );
    expect((await fetchDocument("big.xml", context(2001), "xml")).body.length).toBe(2001);
  });
});
