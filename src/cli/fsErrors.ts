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

/**
 * A one-line description of a filesystem error: one of the codes above, or any other error the system
 * reported for a path (ELOOP, EIO, ENAMETOOLONG, EMFILE …: also the disk's or the setup's, not a crier
 * bug); null for anything else.
 */
export function describeFsError(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if (!code) return null;
  const hint = HINTS[code] ?? (typeof path === "string" && syscall ? systemText(error, code) : undefined);
  if (!hint) return null;
  // crier's own checks (store/atomic fsProblem) say more than the generic hint.
  const detail = (error as { detail?: unknown }).detail;
  return `${path ?? "(unknown path)"}: ${typeof detail === "string" ? detail : hint} (${code})`;
}

/** The system's words from a Node message such as `ELOOP: too many symbolic links encountered, open '/x'`. */
function systemText(error: Error, code: string): string {
  const text = error.message.replace(`${code}: `, "").replace(/, \w+ '.*$/s, "");
  return text || "file-system error";
}
