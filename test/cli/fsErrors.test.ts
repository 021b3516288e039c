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

  it("leaves anything else to the internal-error path", () => {
    expect(describeFsError(new Error("boom"))).toBeNull();
    expect(describeFsError(nodeError("EMFILE", "/x"))).toBeNull();
  });
});
