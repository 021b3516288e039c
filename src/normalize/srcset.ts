import { resolveUrl } from "./urls.js";

// srcset="a.png 1x, b.png 2x": each candidate's URL is resolved; candidates with an unresolvable URL or a
// descriptor the HTML spec rejects are dropped. sanitize-html re-parses the result with parse-srcset, which
// prints every invalid descriptor with console.log — on stdout, into `--json` output — so none may reach
// it; and a canonical result is one parse-srcset gives back unchanged.

const WIDTH = /^\d+w$/;
const DENSITY = /^-?(?:\d+|\d*\.\d+)(?:[eE][+-]?\d+)?x$/;

/** "640w" / "1.5x" in the form parse-srcset writes them back ("0640w" → "640w", "2.0x" → "2x"), or null. */
function canonicalDescriptor(descriptor: string): string | null {
  if (descriptor === "") return "";
  if (WIDTH.test(descriptor)) {
    const width = Number.parseInt(descriptor, 10);
    return width > 0 && Number.isSafeInteger(width) ? `${width}w` : null;
  }
  if (DENSITY.test(descriptor)) {
    const density = Number.parseFloat(descriptor);
    return density > 0 && Number.isFinite(density) ? `${density}x` : null;
  }
  return null;
}

export function resolveSrcset(srcset: string, base: string | null): string | null {
  const out: string[] = [];
  let rest = srcset;
  while (rest.length > 0) {
    rest = rest.replace(/^[\s,]+/, "");
    if (rest === "") break;
    const urlMatch = /^\S+/.exec(rest)!;
    let url = urlMatch[0];
    rest = rest.slice(url.length);
    let descriptor = "";
    if (url.endsWith(",")) {
      url = url.replace(/,+$/, "");
    } else {
      const end = rest.indexOf(",");
      descriptor = (end === -1 ? rest : rest.slice(0, end)).trim();
      rest = end === -1 ? "" : rest.slice(end + 1);
    }
    const absolute = resolveUrl(url, base);
    const canonical = canonicalDescriptor(descriptor);
    // A URL ending in "," would lose the comma in parse-srcset.
    if (!absolute || absolute.endsWith(",") || canonical === null) continue;
    out.push(canonical ? `${absolute} ${canonical}` : absolute);
  }
  const valid = consistentCandidates(out);
  return valid.length > 0 ? valid.join(", ") : null;
}

/**
 * The candidates a srcset may hold together (HTML: when one has a width descriptor all must, and no two
 * may share a width, or a density, a bare URL counting as 1x): with any width candidate, the width ones;
 * else the density ones. The first of two alike stays.
 */
function consistentCandidates(candidates: string[]): string[] {
  const descriptorOf = (candidate: string) => candidate.split(" ")[1] ?? "1x";
  const byWidth = candidates.some((candidate) => descriptorOf(candidate).endsWith("w"));
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const descriptor = descriptorOf(candidate);
    if (descriptor.endsWith("w") !== byWidth || seen.has(descriptor)) return false;
    seen.add(descriptor);
    return true;
  });
}

/**
 * The image a browser without srcset support would show for a resolved srcset (resolveSrcset's output): its
 * 1x candidate (a bare URL is 1x), else its first.
 */
export function srcsetFallback(srcset: string): string {
  const candidates = srcset.split(", ").map((candidate) => candidate.split(" "));
  const density1 = candidates.find(([, descriptor]) => descriptor === undefined || descriptor === "1x");
  return (density1 ?? candidates[0]!)[0]!;
}
