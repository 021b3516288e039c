import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeProject, runCrier } from "../helpers/cli.js";
import { type FaultServer, startFaultServer } from "./faultServer.js";

// The per-request limits alone (with the default 60 s source deadline) cut off a hang and a drip on time.

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function buildOne(route: string) {
  server = await startFaultServer({ gzipBomb: Buffer.alloc(0) });
  const dir = await makeProject({
    site: { title: "Timeouts", url: "https://timeouts.example/" },
    fetch: { timeoutMs: 1000, retries: 0 },
    sources: [
      { id: "slow", type: "feed", url: server.url(route) },
      { id: "good", type: "feed", url: server.url("/good/atom.xml") },
    ],
  });
  const result = await runCrier(["build", "--config", path.join(dir, "feeds.config.json"), "--json"], {
    cwd: dir,
  });
  expect(result.code, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout);
  expect(report.sources[1]).toMatchObject({ id: "good", ok: true, items: 3 });
  return { source: report.sources[0], durationMs: report.durationMs as number };
}

describe("per-request timeouts", () => {
  it("cuts off a server that never sends headers after fetch.timeoutMs", async () => {
    const { source, durationMs } = await buildOne("/fault/hang");
    expect(source.ok).toBe(false);
    expect(source.error).toMatch(/timeout|timed out/i);
    expect(durationMs).toBeLessThan(1000 + 4000);
  });

  it("cuts off a one-byte-a-second drip at the whole-request cap (3 × fetch.timeoutMs)", async () => {
    const { source, durationMs } = await buildOne("/fault/drip");
    expect(source.ok).toBe(false);
    expect(source.error).toMatch(/no complete response within 3000 ms/);
    expect(durationMs).toBeGreaterThanOrEqual(2900);
    expect(durationMs).toBeLessThan(3000 + 4000);
  });
});
