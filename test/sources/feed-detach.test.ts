import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { detachString, detachStrings } from "../../src/sources/feed/detachStrings.js";
import { parseFeedDocument } from "../../src/sources/feed/index.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Heap still used by 1 MB documents of which only a 40-character piece each is kept. */
function heapKeptBySlices(keep: (piece: string) => string): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: string[] = [];
  for (let i = 0; i < 20; i++) {
    const document = `<x>${String(i).repeat(40)}</x>`.padEnd(1_000_000, `${i} `);
    kept.push(keep(document.slice(3, 43)));
  }
  gc();
  const used = process.memoryUsage().heapUsed - before;
  expect(kept).toHaveLength(20);
  return used;
}

describe("detachStrings", () => {
  it("a kept piece no longer holds its whole document in memory", () => {
    expect(heapKeptBySlices((piece) => piece)).toBeGreaterThan(10_000_000);
    expect(heapKeptBySlices(detachString)).toBeLessThan(2_000_000);
  });

  it("replaces strings in place at any depth, other values untouched", () => {
    const tree = { a: "x".repeat(20), list: [{ name: "y".repeat(30), n: 3 }, "short", null], flag: true };
    const same = detachStrings(tree);
    expect(same).toBe(tree);
    expect(tree).toEqual({
      a: "x".repeat(20),
      list: [{ name: "y".repeat(30), n: 3 }, "short", null],
      flag: true,
    });
  });

  it("parsed feeds do not pin the document text", async () => {
    const filler = `<p>${"公告 ".repeat(60_000)}</p>`;
    const guids: string[] = [];
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = heap();
    for (let i = 0; i < 10; i++) {
      const xml = `<rss version="2.0"><channel><title>C</title><item><guid>urn:example:item:${i}:long-enough</guid><description>${filler}</description></item></channel></rss>`;
      const feed = await parseFeedDocument(xml, null);
      guids.push(feed.items[0]?.guid ?? "");
    }
    expect(guids[9]).toBe("urn:example:item:9:long-enough");
    // Each document is ~720 KB in memory (two-byte text); ten pinned ones would be over 7 MB.
    expect(heap() - before).toBeLessThan(3_000_000);
  });
});
