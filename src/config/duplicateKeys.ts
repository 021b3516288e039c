// JSON.parse keeps the last of two equal keys and drops the first without a word; a copy-pasted block
// (two "output" objects, two "url"s in one source) then loses settings silently. This walks a text that
// JSON.parse accepted and reports each key an object repeats.

export interface DuplicateKey {
  /** Path of the repeated key, e.g. ["sources", 0, "url"]. */
  path: (string | number)[];
  /** 1-based lines of the first and the repeated occurrence. */
  firstLine: number;
  line: number;
}

type Frame =
  | { kind: "object"; path: (string | number)[]; keys: Map<string, number>; expectKey: boolean; key: string }
  | { kind: "array"; path: (string | number)[]; index: number };

/** Every repeated key in `text`, which must be valid JSON (JSON.parse accepted it). */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: Frame[] = [];
  const childPath = (): (string | number)[] => {
    const top = stack.at(-1);
    if (!top) return [];
    return top.kind === "object" ? [...top.path, top.key] : [...top.path, top.index];
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "{") {
      stack.push({ kind: "object", path: childPath(), keys: new Map(), expectKey: true, key: "" });
    } else if (char === "[") {
      stack.push({ kind: "array", path: childPath(), index: 0 });
    } else if (char === "}" || char === "]") {
      stack.pop();
    } else if (char === ",") {
      const top = stack.at(-1);
      if (top?.kind === "object") top.expectKey = true;
      else if (top?.kind === "array") top.index++;
    } else if (char === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === "\\") i++;
      const top = stack.at(-1);
      if (top?.kind !== "object" || !top.expectKey) continue;
      const key = JSON.parse(text.slice(start, i + 1)) as string;
      const first = top.keys.get(key);
      if (first === undefined) top.keys.set(key, start);
      else
        found.push({ path: [...top.path, key], firstLine: lineOf(text, first), line: lineOf(text, start) });
      top.key = key;
      top.expectKey = false;
    }
  }
  return found;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
