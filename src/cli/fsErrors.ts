// Filesystem problems a user can fix (a file where the output folder should be, no permission, a read-only
// disk) are reported as one line naming the path, not as an internal error with a stack trace.

const HINTS: Record<string, string> = {
  ENOTDIR: "a file is in the way where a folder is needed (check output.dir and state.dir)",
  EISDIR: "a folder is in the way where a file is needed",
  EEXIST: "already exists and is not what crier expected there",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EXDEV: "is outside the folder it must stay in",
};

/** A one-line description of a user-fixable filesystem error, or null for anything else. */
export function describeFsError(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const { code, path } = error as NodeJS.ErrnoException;
  const hint = code ? HINTS[code] : undefined;
  if (!hint) return null;
  // crier's own checks (store/atomic fsProblem) say more than the generic hint.
  const detail = (error as { detail?: unknown }).detail;
  return `${path ?? "(unknown path)"}: ${typeof detail === "string" ? detail : hint} (${code})`;
}
