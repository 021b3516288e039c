export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export type RedirectStep = { ok: true; url: string } | { ok: false; reason: string };

/** Where a redirect leads: `Location` resolved against the current URL, http(s) only, no revisits. */
export function nextRedirect(
  current: string,
  location: string | undefined,
  visited: ReadonlySet<string>,
  redirectsSoFar: number,
  maxRedirects: number,
): RedirectStep {
  if (!location) return { ok: false, reason: "redirect without a Location header" };
  if (redirectsSoFar >= maxRedirects) return { ok: false, reason: `more than ${maxRedirects} redirects` };
  let target: URL;
  try {
    target = new URL(location, current);
  } catch {
    return { ok: false, reason: `redirect to an invalid URL: ${location}` };
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") {
    return { ok: false, reason: `redirect to a non-http(s) URL refused: ${target.protocol}` };
  }
  target.hash = "";
  // Credentials in a Location are neither sent nor shown: only a source URL's own are used.
  target.username = "";
  target.password = "";
  if (visited.has(target.href)) return { ok: false, reason: `redirect loop back to ${target.href}` };
  return { ok: true, url: target.href };
}
