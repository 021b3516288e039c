import { mkdir, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type BuildJson,
  cleanedUpAfterEach,
  project,
  rssFeed,
  site,
  spawnCrier,
} from "../fixtures/worker/kit.js";
import { runCrier } from "../helpers/cli.js";
import { startServer } from "../helpers/server.js";

// Issue 5, test 6: two crier processes on one state folder. The second fails fast with exit 75 and the
// holder's pid (--wait 0), or waits for the first to finish and then builds (--wait 30).

const { servers, children } = cleanedUpAfterEach();

/** A server whose first `holdFirst` requests wait for release(); later ones answer at once. */
async function slowSite(holdFirst: number) {
  const held: (() => void)[] = [];
  let arrived!: () => void;
  const firstArrived = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  let seen = 0;
  const server = await startServer(async (_req, res) => {
    seen += 1;
    if (seen <= holdFirst) {
      arrived();
      // Bounded: the test releases it; the fallback keeps a failed test from hanging.
      await new Promise<void>((resolve) => {
        held.push(resolve);
        setTimeout(resolve, 20_000);
      });
    }
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(
      rssFeed("Slow", [
        {
          guid: "1",
          title: "Slow notice",
          link: "https://slow.example/1",
          pubDate: "Mon, 06 May 2024 10:00:00 GMT",
        },
      ]),
    );
  });
  servers.push(server);
  return {
    server,
    firstArrived,
    release: () => {
      for (const resume of held.splice(0)) resume();
    },
  };
}

describe("lock contention between two crier processes", () => {
  it("--wait 0: exits 75 at once naming the holder's pid; --wait 30: waits for it, then builds (exit 0)", async () => {
    const { server, firstArrived, release } = await slowSite(1);
    const p = await project({
      site,
      fetch: { retries: 0, timeoutMs: 30_000 },
      sources: [{ id: "slow", type: "feed", url: server.url("/slow.xml") }],
    });
    const first = spawnCrier(["build", "--config", p.config], p.dir);
    children.push(first);
    // The first build holds the lock while its request is pending.
    await firstArrived;

    const busy = await runCrier(["build", "--config", p.config, "--wait", "0", "--json"], {
      timeoutMs: 20_000,
    });
    expect(busy.code).toBe(75);
    expect(busy.stderr).toContain(`another crier is running: pid ${first.pid}`);
    expect(busy.stderr).toContain(path.join(p.state, "crier.lock"));
    expect(busy.stdout).toBe("");
    // It did not fetch anything either.
    expect(server.requests).toHaveLength(1);

    const waiter = spawnCrier(["build", "--config", p.config, "--wait", "30", "--json"], p.dir);
    children.push(waiter);
    // Give the waiter time to find the lock taken; it must not have built meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(server.requests).toHaveLength(1);
    const released = Date.now();
    release();

    const [firstExit, waiterExit] = await Promise.all([first.exited, waiter.exited]);
    expect(firstExit.code, first.stderrLines.join("\n")).toBe(0);
    expect(waiterExit.code, waiter.stderrLines.join("\n")).toBe(0);
    // The waiter built after the first one finished, with its own request.
    expect(waiterExit.at).toBeGreaterThanOrEqual(firstExit.at);
    expect(waiterExit.at).toBeGreaterThanOrEqual(released);
    expect(server.requests).toHaveLength(2);
    const report = JSON.parse(waiter.stdout()) as BuildJson;
    expect(report.sources[0]).toMatchObject({ id: "slow", ok: true, items: 1 });
    // Both released the lock.
    await expect(stat(path.join(p.state, "crier.lock"))).rejects.toMatchObject({ code: "ENOENT" });
  }, 90_000);

  it("--wait shorter than the holder's build: exits 75 after waiting, saying how long it waited", async () => {
    const { server, firstArrived, release } = await slowSite(1);
    const p = await project({
      site,
      fetch: { retries: 0, timeoutMs: 30_000 },
      sources: [{ id: "slow", type: "feed", url: server.url("/slow.xml") }],
    });
    const first = spawnCrier(["build", "--config", p.config], p.dir);
    children.push(first);
    await firstArrived;
    const started = Date.now();
    const impatient = await runCrier(["build", "--config", p.config, "--wait", "1"], { timeoutMs: 20_000 });
    expect(impatient.code).toBe(75);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(impatient.stderr).toMatch(new RegExp(`pid ${first.pid} has held .* after waiting 1\\.0s`));
    release();
    expect((await first.exited).code).toBe(0);
  }, 60_000);

  it("a lock left by a killed crier on this host is taken over; one from another host is not", async () => {
    const { server } = await slowSite(0);
    const p = await project({ site, sources: [{ id: "slow", type: "feed", url: server.url("/slow.xml") }] });
    const lockFile = path.join(p.state, "crier.lock");
    await mkdir(p.state, { recursive: true });
    // A pid that is not running (pid_max on Linux is at most 2^22).
    const deadPid = 4_194_304 + 17;
    const lock = (host: string) =>
      `${JSON.stringify({ pid: deadPid, hostname: host, startedAt: "2024-05-06T10:00:00.000Z", token: "0123456789abcdef" })}\n`;

    await writeFile(lockFile, lock(hostname()));
    const takenOver = await runCrier(["build", "--config", p.config, "--wait", "0"], { timeoutMs: 20_000 });
    expect(takenOver.code, takenOver.stderr).toBe(0);
    await expect(stat(lockFile)).rejects.toMatchObject({ code: "ENOENT" });

    // Another host's process cannot be checked, so crier refuses and says what to do (a container with a
    // random hostname killed mid-build leaves exactly this: see docs/deploy/docker-run.sh).
    await writeFile(lockFile, lock("other-host"));
    const foreign = await runCrier(["build", "--config", p.config, "--wait", "0"], { timeoutMs: 20_000 });
    expect(foreign.code).toBe(75);
    expect(foreign.stderr).toContain(`pid ${deadPid} on host other-host (crier cannot check other hosts)`);
    expect(foreign.stderr).toContain("delete the lock file if that process is gone");
    expect(server.requests).toHaveLength(1);
  }, 60_000);
});
