// Where a config's JSON syntax error is, as line and column: V8 gives "at position 137" for most errors
// and no position at all for some (`Unexpected token ']', "…" is not valid JSON` for `[1, 2,]`), and a
// byte offset is no help in an editor.

/** `not valid JSON at line 4, column 3: Expected double-quoted property name` for a JSON.parse error. */
export function describeJsonError(text: string, error: Error): string {
  const given = /\bat position (\d+)/.exec(error.message);
  const offset = given ? Number(given[1]) : jsonErrorOffset(text);
  const reason = error.message
    .replace(/(?: in JSON)? at position \d+.*$/s, "")
    .replace(/^(Unexpected token '[\s\S]{1,2}'), [\s\S]* is not valid JSON$/, "$1");
  if (offset === null) return `not valid JSON: ${reason}`;
  const { line, column } = lineAndColumn(text, offset);
  return `not valid JSON at line ${line}, column ${column}: ${reason}`;
}

/** 1-based line and column (in characters, as editors count them) of a UTF-16 offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: [...(lines.at(-1) ?? "")].length + 1 };
}

class Stop {
  constructor(readonly at: number) {}
}

/**
 * The offset of the first character that makes `text` invalid JSON (RFC 8259), `text.length` when it
 * ends too early, or null when it is valid (or nested too deeply to scan).
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const stop = (): never => {
    throw new Stop(i);
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const c of word) {
      if (text[i] !== c) stop();
      i++;
    }
  };
  const digits = () => {
    if (!/[0-9]/.test(text[i] ?? "")) stop();
    while (/[0-9]/.test(text[i] ?? "")) i++;
  };
  const number = () => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else digits();
    if (text[i] === ".") {
      i++;
      digits();
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      digits();
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      const c = text[i];
      if (c === undefined || c < " ") stop();
      i++;
      if (c === '"') return;
      if (c === "\\") {
        const e = text[i];
        if (e === "u") {
          i++;
          for (let k = 0; k < 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i] ?? "")) stop();
            i++;
          }
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else stop();
      }
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") {
      i++;
      space();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') stop();
        string();
        space();
        if (text[i] !== ":") stop();
        i++;
        value();
        space();
        if (text[i] === "}") {
          i++;
          return;
        }
        if (text[i] !== ",") stop();
        i++;
      }
    }
    if (c === "[") {
      i++;
      space();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === "]") {
          i++;
          return;
        }
        if (text[i] !== ",") stop();
        i++;
      }
    }
    if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) number();
    else stop();
  };
  try {
    value();
    space();
    return i < text.length ? i : null;
  } catch (error) {
    if (error instanceof Stop) return error.at;
    return null; // too deep for the stack: no position rather than a wrong one
  }
}
