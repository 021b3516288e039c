import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, runCrier } from "../helpers/cli.js";
import { type FaultServer, RATE_PHASE_SECONDS, startFaultServer } from "./faultServer.js";

// Retry-After across builds: stored, the source skipped (no request) while it holds, fetched again after.

let server: FaultServer;
let dir: string;
let configFile: string;

const build = async () => {
  const result = await runCrier(["build", "--config", configFile, "--json"], { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout).sources[0] as {
    ok: boolean;
    items: number;
    skipped?: string;
    error?: string;
  };
};
const stateOf = async () =>
  JSON.parse(await readFile(path.join(dir, ".crier", "sources", "polite.json"), "utf8"));

beforeAll(async () => {
  server = await startFaultServer({ gzipBomb: Buffer.alloc(0) });
  dir = await makeProject({
    site: { title: "Polite", url: "https://polite.example/" },
    fetch: { retries: 2 },
    sources: [{ id: "polite", type: "feed", url: server.url("/fault/rate-phase") }],
  });
  configFile = path.join(dir, "feeds.config.json");
});

afterAll(async () => {
  await server?.close();
});

describe("Retry-After across builds", () => {
  it("stores the wait, skips the source without a request until then, keeps its articles, then resumes", async () => {
    expect(await build()).toMatchObject({ ok: true, items: 1 });
    expect(server.hits("/fault/rate-phase")).toBe(1);

    server.phase = 1;
    const limited = await build();
    expect(limited).toMatchObject({ ok: false, items: 1 });
    expect(limited.error).toMatch(/rate limited/);
    // 429 is not retried within the build, whatever fetch.retries says.
    expect(server.hits("/fault/rate-phase")).toBe(2);
    const until = Date.parse((await stateOf()).retryAfter);
    expect(until - Date.now()).toBeGreaterThan(0);
    expect(until - Date.now()).toBeLessThanOrEqual(RATE_PHASE_SECONDS * 1000);

    server.phase = 2; // the server would answer now, but crier was asked to wait
    const skipped = await build();
    if (Date.now() < until) {
      expect(skipped).toMatchObject({ ok: false, items: 1, skipped: "retry-after" });
      expect(server.hits("/fault/rate-phase")).toBe(2);
    }
    const feed = JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8"));
    expect(feed.items.map((i: { title: string }) => i.title)).toContain("Flaky item from phase 0");

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now()) + 500));
    const resumed = await build();
    expect(resumed).toMatchObject({ ok: true });
    expect(resumed.skipped).toBeUndefined();
    expect(server.hits("/fault/rate-phase")).toBeGreaterThanOrEqual(3);
    expect((await stateOf()).retryAfter).toBeNull();
    const after = JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8"));
    expect(after.items.map((i: { title: string }) => i.title)).toContain("Flaky item from phase 2");
  }, 90_000);
});
