/**
 * Removes every DOCTYPE declaration (with its internal subset) before any parser sees the text, so entity
 * definitions (XXE `SYSTEM "file:…"`, billion laughs) can never be expanded; references to them then fail
 * the strict parse and are escaped by the repair step, i.e. they stay literal text.
 */
export function stripDoctype(text: string): { text: string; removed: boolean } {
  const pattern = /<!DOCTYPE/gi;
  let result = "";
  let last = 0;
  let removed = false;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const end = doctypeEnd(text, match.index + match[0].length);
    result += text.slice(last, match.index);
    last = end;
    removed = true;
    pattern.lastIndex = end;
  }
  return removed ? { text: result + text.slice(last), removed } : { text, removed };
}

/** Index just past the `>` that closes a DOCTYPE, skipping quoted strings and the `[…]` internal subset. */
function doctypeEnd(text: string, from: number): number {
  let quote: string | null = null;
  let bracketDepth = 0;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === "[") {
      bracketDepth++;
    } else if (char === "]") {
      bracketDepth = Math.max(0, bracketDepth - 1);
    } else if (char === ">" && bracketDepth === 0) {
      return i + 1;
    }
  }
  return text.length;
}
