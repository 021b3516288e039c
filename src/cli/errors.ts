/** Bad command-line usage: exit 1 with the message and a pointer to --help. */
export class UsageError extends Error {
  override name = "UsageError";
}
