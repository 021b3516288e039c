import { errorMessage } from "../../errorMessage.js";
import { FrontMatterError, parseToml, parseYaml } from "./frontMatterParsers.js";

/**
 * The front matter block at the top of a text or markdown file: YAML between `---` lines (Jekyll, Hugo,
 * Eleventy) or TOML between `+++` lines (Hugo). Keys are lower-cased; values are strings or lists of
 * strings, which is all an article takes (title, date, author, tags). A YAML block the YAML parser refuses
 * is read line by line (flat `key: value` lines and simple lists), as hand-written front matter often is
 * not quite YAML (`title: Update: new hours`); a TOML block it refuses is ignored. Either gives a warning.
 */
export interface FrontMatter {
  data: Record<string, string | string[]>;
  /** The text after the block (the whole text when there is none). */
  body: string;
  /** Why the block was read line by line or skipped. */
  warning?: string;
}

// Lines end in CRLF, LF or a lone CR (classic Mac files).
const YAML_BLOCK = /^\ufeff?---[ \t]*(?:\r\n?|\n)([\s\S]*?)(?:\r\n?|\n)(?:---|\.\.\.)[ \t]*(?:\r\n?|\n|$)/;
const TOML_BLOCK = /^\ufeff?\+\+\+[ \t]*(?:\r\n?|\n)([\s\S]*?)(?:\r\n?|\n)\+\+\+[ \t]*(?:\r\n?|\n|$)/;

/** Real front matter is a few hundred bytes; a block larger than this is not handed to a parser. */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;

export function parseFrontMatter(text: string): FrontMatter {
  const yamlMatch = YAML_BLOCK.exec(text);
  const match = yamlMatch ?? TOML_BLOCK.exec(text);
  if (!match) return { data: {}, body: text };
  const body = text.slice(match[0].length);
  // The parsers know no lone CR; line numbers stay the same.
  const block = (match[1] ?? "").replace(/\r\n?/g, "\n");
  const format = yamlMatch ? "YAML" : "TOML";
  try {
    if (block.length > MAX_FRONT_MATTER_CHARS) {
      throw new FrontMatterError(`over ${MAX_FRONT_MATTER_CHARS} characters`);
    }
    const data = frontMatterData(yamlMatch ? parseYaml(block) : parseToml(block));
    const cut = yamlMatch ? commentCutKeys(block) : [];
    return cut.length === 0
      ? { data, body }
      : {
          data,
          body,
          // Hand-written `title: Meeting #3 moved` is "Meeting" in YAML: say so rather than publish it quietly.
          warning: `front matter ${cut.join(", ")}: the text after " #" is a YAML comment and was left out; quote the value to keep it`,
        };
  } catch (error) {
    const reason = errorMessage(error);
    // The block starts on the file's second line.
    const where = error instanceof FrontMatterError && error.line ? `line ${error.line + 1}: ` : "";
    const problem = `front matter not read as ${format} (${where}${reason})`;
    return yamlMatch
      ? { data: readLines(block), body, warning: `${problem}; read line by line` }
      : { data: {}, body, warning: `${problem}; ignored` };
  }
}

// A top-level key whose unquoted value goes on after " #" and a word (`Meeting #3 moved`): YAML reads the
// rest of the line as a comment. "# " with a space is taken for a comment the author meant.
const COMMENT_CUT = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]+[^\s'"#>|[{&*!%@`][^\n#]*?[ \t]#(?=[^\s#])/gm;

/** The keys of the block whose values a YAML comment cut short (see COMMENT_CUT). */
function commentCutKeys(block: string): string[] {
  return [...block.matchAll(COMMENT_CUT)].map((match) => match[1]!);
}

/** A parsed block → fields: top-level keys lower-cased, values that are no text or list of texts dropped. */
function frontMatterData(parsed: unknown): FrontMatter["data"] {
  const data: FrontMatter["data"] = {};
  if (!isRecord(parsed)) return data;
  for (const [key, value] of Object.entries(parsed)) {
    const field = Array.isArray(value)
      ? value.map(fieldText).filter((text): text is string => Boolean(text))
      : fieldText(value);
    if (field && field.length > 0) setField(data, key.toLowerCase(), field);
  }
  return data;
}

/**
 * A value as text: strings trimmed (a `>` block ends in a line break), numbers and booleans as written, TOML dates in their own form (a
 * local date stays local: normalize reads it in the source's timezone), a mapping by its `name` (`author:
 * {name: Ann, email: …}`); else undefined.
 */
function fieldText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (isRecord(value) && typeof value.name === "string") return value.name.trim();
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A `__proto__` key would set the object's prototype instead. */
function setField(data: FrontMatter["data"], key: string, value: string | string[]): void {
  if (key !== "__proto__") data[key] = value;
}

/**
 * The fallback reader: flat `key: value` lines and simple lists (`[a, b]` or `- a` lines); quotes around a
 * whole value are dropped, nothing else of YAML is understood.
 */
function readLines(block: string): FrontMatter["data"] {
  const data: FrontMatter["data"] = {};
  let listKey: string | null = null;
  for (const line of block.split("\n")) {
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey) {
      const list = data[listKey];
      const value = unquote(item[1] ?? "");
      setField(data, listKey, Array.isArray(list) ? [...list, value] : [value]);
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    const key = (pair[1] ?? "").toLowerCase();
    const value = (pair[2] ?? "").trim();
    listKey = value === "" ? key : null;
    if (value === "") continue;
    const inline = /^\[(.*)\]$/.exec(value);
    setField(
      data,
      key,
      inline
        ? (inline[1] ?? "")
            .split(",")
            .map((part) => unquote(part.trim()))
            .filter((part) => part !== "")
        : unquote(value),
    );
  }
  return data;
}

function unquote(value: string): string {
  const match = /^(["'])(.*)\1$/.exec(value.trim());
  return match ? (match[2] ?? "") : value.trim();
}

/** A front matter field as one string (first element of a list). */
export function frontMatterString(data: FrontMatter["data"], ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = data[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (text) return text;
  }
  return undefined;
}

/** A front matter field as a list (`tags: [a, b]`, `tags: a, b` or `- a` lines). */
export function frontMatterList(data: FrontMatter["data"], ...keys: string[]): string[] {
  for (const key of keys) {
    const value = data[key];
    if (Array.isArray(value)) return value;
    if (value) {
      return value
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part !== "");
    }
  }
  return [];
}
