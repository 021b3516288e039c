import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeProject, runCrier } from "../helpers/cli.js";
import { type FaultServer, startFaultServer } from "./faultServer.js";

// The per-host and global request caps, seen from the server side of a real build.

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function buildWith(fetch: { perHost: number; concurrency: number }) {
  server = await startFaultServer({ gzipBomb: Buffer.alloc(0) });
  const dir = await makeProject({
    site: { title: "Caps", url: "https://caps.example/" },
    fetch: { ...fetch, retries: 0, timeoutMs: 10_000, sourceDeadlineMs: 30_000 },
    sources: Array.from({ length: 8 }, (_, i) => ({
      id: `slow-${i}`,
      type: "feed",
      url: server!.url(`/slow?ms=400&n=${i}`),
    })),
  });
  const result = await runCrier(["build", "--config", path.join(dir, "feeds.config.json"), "--json"], {
    cwd: dir,
  });
  expect(result.code, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout);
  expect(report.sources.every((s: { ok: boolean }) => s.ok)).toBe(true);
  expect(server.hits("/slow")).toBe(8);
  return server.maxInFlight;
}

describe("request caps", () => {
  it("never has more than fetch.perHost requests in flight to one host", async () => {
    expect(await buildWith({ perHost: 2, concurrency: 8 })).toBe(2);
  });

  it("never has more than fetch.concurrency requests in flight overall", async () => {
    expect(await buildWith({ perHost: 8, concurrency: 3 })).toBe(3);
  });
});
