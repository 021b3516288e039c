import { resolveUrl } from "./urls.js";

// srcset="a.png 1x, b.png 2x": each candidate's URL is resolved; unresolvable candidates are dropped.

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
    if (absolute && /^[\d.]*[wx]?$/i.test(descriptor))
      out.push(descriptor ? `${absolute} ${descriptor}` : absolute);
  }
  return out.length > 0 ? out.join(", ") : null;
}
