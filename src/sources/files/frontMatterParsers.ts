import { createRequire } from "node:module";
import type * as SmolToml from "smol-toml";
import type * as Yaml from "yaml";
import { errorMessage } from "../../errorMessage.js";

// The boundary to the YAML and TOML libraries: text in, plain values out, a FrontMatterError (with the line
// in the block) for anything they refuse. Both load on first use (yaml takes ~35 ms): a build whose files
// have no front matter, or that reads no files source, never loads them.
const require = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;
let toml: typeof SmolToml | undefined;

/** Enough to reuse a list or two (`categories: *tags`); more only blows a small block up into a huge value. */
const MAX_YAML_ALIASES = 20;
/** Front matter is flat: a title, a date, a list of tags, an author table. */
const MAX_TOML_DEPTH = 8;

export class FrontMatterError extends Error {
  constructor(
    message: string,
    /** 1-based, in the block; undefined when the error has no place. */
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * The block as YAML 1.2 with the core schema: strings, numbers, booleans, null, lists and mappings only.
 * No timestamps (a `date: 2019-05-30` stays the text it was, for normalize to read in the source's
 * timezone), no custom tags (an unknown `!tag` is refused), no `<<` merges. A scalar that is not a string
 * keeps its text as written (`1.50`, `0x1F`, `true`), so a numeric title reads as the file shows it.
 */
export function parseYaml(block: string): unknown {
  yaml ??= require("yaml") as typeof Yaml;
  const doc = yaml.parseDocument(block, {
    version: "1.2",
    schema: "core",
    merge: false,
    prettyErrors: false,
  });
  // A warning is an unresolved tag (`title: !important notice` would lose its first word): refused too.
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw new FrontMatterError(problem.message, lineAt(block, problem.pos[0]));
  yaml.visit(doc, {
    Scalar(_key, node) {
      if (node.value !== null && typeof node.value !== "string" && node.source !== undefined) {
        node.value = node.source;
      }
    },
  });
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    throw new FrontMatterError(errorMessage(error));
  }
}

/**
 * The block as TOML 1.0 (smol-toml). Dates are TomlDate objects whose `toISOString()` keeps a local date
 * or time local (`2019-06-03`, `2019-06-03T10:00:00.000`); `__proto__`/`constructor` keys are dropped.
 */
export function parseToml(block: string): unknown {
  toml ??= require("smol-toml") as typeof SmolToml;
  try {
    return toml.parse(block, { useLegacyDate: true, unsafeKeyBehaviour: "drop", maxDepth: MAX_TOML_DEPTH });
  } catch (error) {
    if (error instanceof toml.TomlError) {
      throw new FrontMatterError(error.message.split("\n")[0] ?? "", error.line);
    }
    throw new FrontMatterError(errorMessage(error));
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
