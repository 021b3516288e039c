import { readFileSync } from "node:fs";

/** crier's version, from package.json (one source of truth for --version and the User-Agent). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;
