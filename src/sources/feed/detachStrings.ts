// V8 makes a substring of 13+ characters a "sliced string" that points into its parent, and sax builds
// element text from such substrings: one guid kept from a feed would keep the whole decoded document
// (~130-260 KB per feed) alive for as long as the guid lives (measured: 10,000 items' title/guid/link/date
// from 200 corpus feeds held 64 MB of heap, 24 MB once copied). A parsed feed therefore leaves with copies.

// Shorter strings are never slices or concatenations of slices: V8 copies those.
const MIN_SLICE_LENGTH = 13;

/** A copy of `text` that shares no memory with the string it was cut from. */
export function detachString(text: string): string {
  // Concatenating then slicing makes V8 flatten the pair into a new string; the result points into that.
  return text.length < MIN_SLICE_LENGTH ? text : ` ${text}`.slice(1);
}

/** Replaces, in place, every string in a tree of plain objects and arrays by a detached copy. */
export function detachStrings<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = detachValue(value[i]);
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = detachValue(record[key]);
  }
  return value;
}

function detachValue(value: unknown): unknown {
  return typeof value === "string" ? detachString(value) : detachStrings(value);
}
