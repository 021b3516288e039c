/**
 * node:fs/promises with `readFile` and `open` recording every path they are given, for tests that count
 * the files a build opens. Use inside vi.mock, with `paths` from vi.hoisted:
 *   vi.mock("node:fs/promises", async (importOriginal) =>
 *     (await import("../helpers/recordOpens.js")).recordOpens(await importOriginal(), opened.paths));
 */
export function recordOpens<T extends typeof import("node:fs/promises")>(actual: T, paths: string[]): T {
  const record =
    <A extends unknown[], R>(fn: (file: never, ...rest: A) => R) =>
    (file: unknown, ...rest: A): R => {
      paths.push(String(file));
      return fn(file as never, ...rest);
    };
  return { ...actual, readFile: record(actual.readFile), open: record(actual.open) };
}
