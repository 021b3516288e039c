import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { acquireLock, LOCK_FILE, LockBusyError } from "../../src/worker/lock.js";
import { buildChildModules, type Child, spawnChild } from "../store/childModules.js";

let dir: string;
let modules: Awaited<ReturnType<typeof buildChildModules>>;
const children: Child[] = [];

beforeAll(async () => {
  modules = await buildChildModules();
});
afterAll(async () => {
  await modules?.cleanup();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "crier-lock-"));
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    child.process.kill("SIGKILL");
    await child.exited;
  }
  await rm(dir, { recursive: true, force: true });
});

const holder = (waitMs: number, holdMs: number, ...extra: string[]) => {
  const child = spawnChild(modules.dir, "lock-holder.mjs", [dir, String(waitMs), String(holdMs), ...extra]);
  children.push(child);
  return child;
};
const event = (line: string) => JSON.parse(line) as { pid: number; event: string; message?: string };

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

/** A live process unrelated to any lock (as after a reboot or a pid wrap, when it got the holder's pid). */
async function unrelatedPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  children.push({ process: child, exited } as unknown as Child);
  return child.pid!;
}

async function writeLock(info: {
  pid: number;
  hostname?: string;
  startedAt?: string;
  token?: string;
  bootId?: string;
  startTicks?: number;
}) {
  await writeFile(
    join(dir, LOCK_FILE),
    JSON.stringify({
      hostname: hostname(),
      startedAt: "2024-05-30T08:00:00.000Z",
      token: "0123456789abcdef",
      ...info,
    }),
  );
}

describe("acquireLock", () => {
  it("writes pid, host and start time; a second acquire fails until release", async () => {
    const lock = await acquireLock(dir);
    const content = JSON.parse(await readFile(join(dir, LOCK_FILE), "utf8"));
    expect(content).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(Number.isNaN(Date.parse(content.startedAt))).toBe(false);
    await expect(acquireLock(dir)).rejects.toBeInstanceOf(LockBusyError);
    await lock.release();
    await lock.release(); // idempotent
    expect(await readdir(dir)).toEqual([]);
    const again = await acquireLock(dir);
    await again.release();
  });

  it("fails fast with a message naming the other process's pid and how long it has held the lock", async () => {
    const other = holder(0, 5000);
    const { pid } = event(await other.waitForLine((line) => line.includes('"acquired"')));
    const started = Date.now();
    const error = await acquireLock(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(LockBusyError);
    const busy = error as LockBusyError;
    expect(busy.message).toContain(`pid ${pid}`);
    expect(busy.message).toMatch(/has held .*crier\.lock for [\d.]+s \(since /);
    expect(busy.holder?.pid).toBe(pid);
    expect(busy.heldMs).toBeGreaterThanOrEqual(0);
  });

  it("waits up to waitMs for the holder to finish", async () => {
    const other = holder(0, 700);
    await other.waitForLine((line) => line.includes('"acquired"'));
    const lock = await acquireLock(dir, { waitMs: 8000 });
    expect(other.lines.some((line) => line.includes('"released"'))).toBe(true);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    await lock.release();
  });

  it("gives up after waitMs when the holder keeps it, and stops waiting on abort", async () => {
    const other = holder(0, 6000);
    await other.waitForLine((line) => line.includes('"acquired"'));
    await expect(acquireLock(dir, { waitMs: 300 })).rejects.toThrow(/after waiting 0\.3s/);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("shutting down")), 200);
    await expect(acquireLock(dir, { waitMs: 5000, signal: controller.signal })).rejects.toThrow(
      "shutting down",
    );
  });

  it("takes over a stale lock of a dead process, and of an earlier holder with our own pid", async () => {
    await writeLock({ pid: await deadPid() });
    const lock = await acquireLock(dir);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    await lock.release();

    // A restarted container often gets the same pid as the crier that died; its token is not ours.
    await writeLock({ pid: process.pid });
    const again = await acquireLock(dir);
    expect(again.info.token).not.toBe("0123456789abcdef");
    await again.release();
  });

  it.skipIf(!existsSync("/proc/self/stat"))(
    "takes over a stale lock whose pid now belongs to an unrelated live process (Linux /proc)",
    async () => {
      // A lock of an older crier (no boot id): the process with its pid started after it was written.
      await writeLock({ pid: await unrelatedPid(), startedAt: "2024-01-01T00:00:00.000Z" });
      const lock = await acquireLock(dir);
      const written = JSON.parse(await readFile(join(dir, LOCK_FILE), "utf8"));
      expect(written).toMatchObject({
        pid: process.pid,
        bootId: expect.any(String),
        startTicks: expect.any(Number),
      });
      await lock.release();

      // A lock from before a reboot, and one whose pid was reused within this boot: no clock involved.
      const pid = await unrelatedPid();
      const now = new Date(Date.now() + 60_000).toISOString();
      await writeLock({ pid, startedAt: now, bootId: "00000000-0000-0000-0000-000000000000", startTicks: 1 });
      await (await acquireLock(dir)).release();
      await writeLock({ pid, startedAt: now, bootId: written.bootId, startTicks: 1 });
      await (await acquireLock(dir)).release();

      // The same process as the lock names is its live holder: never taken over.
      const other = holder(0, 5000);
      const held = event(await other.waitForLine((line) => line.includes('"acquired"')));
      const heldLock = JSON.parse(await readFile(join(dir, LOCK_FILE), "utf8"));
      expect(heldLock).toMatchObject({
        pid: held.pid,
        bootId: written.bootId,
        startTicks: expect.any(Number),
      });
      await expect(acquireLock(dir)).rejects.toBeInstanceOf(LockBusyError);
      other.process.kill("SIGKILL");
      await other.exited;
      // Nor is an older crier's lock whose live process started before it was written.
      await writeLock({ pid: await unrelatedPid(), startedAt: now });
      await expect(acquireLock(dir)).rejects.toBeInstanceOf(LockBusyError);
    },
  );

  it("takes over the lock of a holder killed with -9", async () => {
    const other = holder(0, 60_000);
    await other.waitForLine((line) => line.includes('"acquired"'));
    other.process.kill("SIGKILL");
    await other.exited;
    const lock = await acquireLock(dir);
    expect(lock.info.pid).toBe(process.pid);
    await lock.release();
  });

  it("lets exactly one of several processes take over the same stale lock", async () => {
    await writeLock({ pid: await deadPid() });
    // All start acquiring at the same instant, once their startup is over.
    const startAt = String(Date.now() + 1500);
    const racers = Array.from({ length: 4 }, () => holder(0, 2500, startAt));
    const outcomes = await Promise.all(
      racers.map((racer) => racer.waitForLine((line) => /"(acquired|busy|error)"/.test(line)).then(event)),
    );
    expect(outcomes.filter((o) => o.event === "acquired")).toHaveLength(1);
    expect(outcomes.filter((o) => o.event === "busy")).toHaveLength(3);
  });

  it("clears a takeover guard abandoned by a taker that died, instead of waiting forever", async () => {
    await writeLock({ pid: await deadPid() });
    const guard = join(dir, `${LOCK_FILE}.takeover`);
    await writeFile(guard, "{}");
    const old = new Date(Date.now() - 60_000);
    await utimes(guard, old, old);
    const lock = await acquireLock(dir);
    expect(lock.info.pid).toBe(process.pid);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("clears at once a fresh takeover guard whose taker's process is gone, never a live taker's", async () => {
    // A crier killed during the milliseconds of a takeover: its guard is no reason to wait (not even the
    // 10 s after which an abandoned guard of any kind is cleared).
    await writeLock({ pid: await deadPid() });
    const guard = join(dir, `${LOCK_FILE}.takeover`);
    const guardOf = (pid: number) =>
      JSON.stringify({
        pid,
        hostname: hostname(),
        startedAt: new Date().toISOString(),
        token: "feedfacefeedface",
      });
    await writeFile(guard, guardOf(await deadPid()));
    // Dated an hour ahead, its age never reaches that limit while the test runs.
    const ahead = new Date(Date.now() + 3_600_000);
    await utimes(guard, ahead, ahead);
    const lock = await acquireLock(dir, { waitMs: 0 });
    expect(lock.info.pid).toBe(process.pid);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);

    // A taker that is alive is mid-takeover: its guard stays until it is done.
    await writeLock({ pid: await deadPid() });
    await writeFile(guard, guardOf(await unrelatedPid()));
    const acquiring = acquireLock(dir, { waitMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The waiting acquirer's own temp file may be there for an instant (it writes a lock, then renames).
    const entries = (await readdir(dir)).filter((name) => !name.endsWith(".tmp"));
    expect(entries.sort()).toEqual([LOCK_FILE, `${LOCK_FILE}.takeover`]);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), "utf8")).pid).not.toBe(process.pid);
    await rm(guard);
    await (await acquiring).release();
  });

  it("waits for another taker's takeover guard no longer than waitMs", async () => {
    // A guard it cannot read (a taker killed mid-write where there are no hard links, or a hand-made file)
    // is cleared only once 10 s old: --wait 0 spun all that time.
    await writeLock({ pid: await deadPid() });
    const guard = join(dir, `${LOCK_FILE}.takeover`);
    await writeFile(guard, "");
    const started = Date.now();
    const error = await acquireLock(dir, { waitMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockBusyError);
    expect((error as Error).message).toMatch(
      /another crier is taking over .*crier\.lock\.takeover is still there/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    const waited = Date.now();
    await expect(acquireLock(dir, { waitMs: 300 })).rejects.toThrow(/after waiting 0\.3s/);
    expect(Date.now() - waited).toBeGreaterThanOrEqual(300);
    expect(Date.now() - waited).toBeLessThan(2500);
    // The guard and the stale lock are left as they were.
    expect((await readdir(dir)).sort()).toEqual([LOCK_FILE, `${LOCK_FILE}.takeover`]);
  });

  it("never steals a lock held on another host", async () => {
    await writeLock({ pid: await deadPid(), hostname: "elsewhere.example" });
    await expect(acquireLock(dir)).rejects.toThrow(
      /on host elsewhere\.example \(crier cannot check other hosts\)/,
    );
  });

  it("reports a lock file it cannot read instead of deleting it", async () => {
    await writeFile(join(dir, LOCK_FILE), "not json");
    await expect(acquireLock(dir)).rejects.toThrow(/cannot read; if no crier is running, delete it/);
    expect(await readFile(join(dir, LOCK_FILE), "utf8")).toBe("not json");
  });

  it("release leaves a lock that is no longer ours alone; releaseSync removes our own", async () => {
    const lock = await acquireLock(dir);
    await writeLock({ pid: 1, token: "someone-else" });
    await lock.release();
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), "utf8")).token).toBe("someone-else");
    await rm(join(dir, LOCK_FILE));
    const second = await acquireLock(dir);
    second.releaseSync();
    expect(await readdir(dir)).toEqual([]);
  });

  it("removes the lock when the process exits without releasing it", async () => {
    const child = holder(0, 0, "0", "exit-without-release");
    await child.waitForLine((line) => line.includes('"acquired"'));
    await child.exited;
    expect(child.lines.some((line) => line.includes('"released"'))).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });
});
