import { createRequire } from "node:module";
import type IconvLite from "iconv-lite";

// iconv-lite builds its codec index when it is loaded (~20 ms): only a document that is not UTF-8, or a
// charset label to look up, needs it, so a build where every source answered 304 never loads it.
const require = createRequire(import.meta.url);
let loaded: typeof IconvLite | undefined;

export function iconvLite(): typeof IconvLite {
  loaded ??= require("iconv-lite") as typeof IconvLite;
  return loaded;
}
