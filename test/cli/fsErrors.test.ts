import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeFsError } from "../../src/cli/fsErrors.js";
import { fsProblem } from "../../src/store/atomic.js";

// Which errors the CLI reports as a user-fixable one-liner (exit 1) instead of an internal error (exit 70).
describe("describeFsError", () => {
  const nodeError = (code: string, path: string) =>
    Object.assign(new Error(`${code}: something, write`), { code, path });

  it.each([
    ["ENOSPC", "no space left on the device"],
    ["EDQUOT", "disk quota exceeded"],
    ["EROFS", "the file system is read-only"],
    ["EACCES", "permission denied"],
  ])("names the path and what to fix for %s", (code, hint) => {
    expect(describeFsError(nodeError(code, "/srv/out/feed.xml"))).toBe(
      `/srv/out/feed.xml: ${hint} (${code})`,
    );
  });

  it("words crier's own folder checks with their own detail", () => {
    const error = fsProblem("ENOTDIR", "/srv/out/sub", "exists and is not a folder");
    expect(describeFsError(error)).toBe("/srv/out/sub: exists and is not a folder (ENOTDIR)");
  });

  it("names the path and the system's words for any other error the system reports for a path", () => {
    const loop = Object.assign(
      new Error("ELOOP: too many symbolic links encountered, open '/srv/out/feed.xml'"),
      { code: "ELOOP", errno: -40, syscall: "open", path: "/srv/out/feed.xml" },
    );
    expect(describeFsError(loop)).toBe("/srv/out/feed.xml: too many symbolic links encountered (ELOOP)");
  });

  it("leaves anything else to the internal-error path", () => {
    expect(describeFsError(new Error("boom"))).toBeNull();
    // A code without the path and system call of a system error is not one.
    expect(describeFsError(nodeError("EMFILE", "/x"))).toBeNull();
    expect(describeFsError(Object.assign(new Error("bad"), { code: "ERR_INVALID_ARG_TYPE" }))).toBeNull();
  });
});

// A real read-only mount (a tmpfs remounted read-only in a user namespace, as systemd's
// ProtectSystem=strict makes any folder outside ReadWritePaths): where user namespaces are unavailable,
// the test cannot set one up and is skipped.
const canMountReadOnly =
  process.platform === "linux" &&
  spawnSync("unshare", ["-rm", "sh", "-c", "mkdir -p /tmp && true"], { encoding: "utf8" }).status === 0;

describe("a folder crier must create on a read-only file system", () => {
  it.skipIf(!canMountReadOnly)("exits 1 naming EROFS, not 70 with a misleading ENOENT", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-rofs-"));
    try {
      await writeFile(
        path.join(dir, "feeds.config.json"),
        JSON.stringify({ site: { title: "t", url: "https://x.example/" }, sources: [] }),
      );
      await mkdir(path.join(dir, "ro"));
      const cli = path.resolve("dist/cli/main.js");
      const script = `mount -t tmpfs tmpfs ro && mount -o remount,ro ro &&
        node ${cli} build --out ro/output --state st; echo "rc=$?";
        node ${cli} build --out out --state ro/state; echo "rc=$?"`;
      const run = spawnSync("unshare", ["-rm", "sh", "-c", script], { cwd: dir, encoding: "utf8" });
      expect(run.stdout.trim().split("\n")).toEqual(["rc=1", "rc=1"]);
      expect(run.stderr).toContain(`${path.join(dir, "ro", "output")}: the file system is read-only (EROFS)`);
      expect(run.stderr).toContain(`${path.join(dir, "ro", "state")}: the file system is read-only (EROFS)`);
      expect(run.stderr).not.toContain("internal error");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
