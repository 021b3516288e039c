import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeProject, runCrier } from "../helpers/cli.js";
import { type FaultServer, startFaultServer } from "./faultServer.js";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("build --json timings", () => {
  // Parse time is a source's read time minus its own network waiting, not minus other sources' fetches.
  it("reports no negative stage time in build --json when sources fetch concurrently", async () => {
    server = await startFaultServer({ gzipBomb: Buffer.alloc(0) });
    const dir = await makeProject({
      site: { title: "Timings", url: "https://timings.example/" },
      fetch: { retries: 0, perHost: 8 },
      sources: Array.from({ length: 4 }, (_, i) => ({
        id: `slow-${i}`,
        type: "feed",
        url: server!.url(`/slow?ms=${300 + 200 * i}&n=${i}`),
      })),
    });
    const result = await runCrier(["build", "--config", path.join(dir, "feeds.config.json"), "--json"], {
      cwd: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    const { timings } = JSON.parse(result.stdout);
    for (const [stage, ms] of Object.entries(timings)) expect(ms, stage).toBeGreaterThanOrEqual(0);
  });
});
