/**
 * stdout carries crier's own output only (--json, --help, --version): a library's console.log — parse-srcset
 * logs invalid srcset descriptors, for one — goes to stderr with the other diagnostics. (Parser threads:
 * parsePool.ts sends their stdout to stderr.)
 */
export function sendConsoleToStderr(): void {
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
}
