/**
 * A YAML-like front matter block (`---` … `---`) at the top of a text or markdown file. Only flat
 * `key: value` lines and simple lists (`[a, b]` or `- a` lines) are read — enough for title, date, author
 * and tags; anything fancier stays a string. Keys are lower-cased.
 */
export interface FrontMatter {
  data: Record<string, string | string[]>;
  /** The text after the block (the whole text when there is none). */
  body: string;
}

// Lines end in CRLF, LF or a lone CR (classic Mac files).
const BLOCK = /^\ufeff?---[ \t]*(?:\r\n?|\n)([\s\S]*?)(?:\r\n?|\n)(?:---|\.\.\.)[ \t]*(?:\r\n?|\n|$)/;

export function parseFrontMatter(text: string): FrontMatter {
  const match = BLOCK.exec(text);
  if (!match) return { data: {}, body: text };
  const data: Record<string, string | string[]> = {};
  let listKey: string | null = null;
  for (const line of (match[1] ?? "").split(/\r\n?|\n/)) {
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey) {
      const list = data[listKey];
      const value = unquote(item[1] ?? "");
      data[listKey] = Array.isArray(list) ? [...list, value] : [value];
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    const key = (pair[1] ?? "").toLowerCase();
    const value = (pair[2] ?? "").trim();
    listKey = value === "" ? key : null;
    if (value === "") continue;
    const inline = /^\[(.*)\]$/.exec(value);
    data[key] = inline
      ? (inline[1] ?? "")
          .split(",")
          .map((part) => unquote(part.trim()))
          .filter((part) => part !== "")
      : unquote(value);
  }
  return { data, body: text.slice(match[0].length) };
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
