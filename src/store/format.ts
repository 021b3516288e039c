/** Bump when the state file layout changes; loadSource migrates older versions. */
export const STATE_FORMAT_VERSION = 2;
