/**
 * A Retry-After header value (delay in seconds, or an HTTP-date) as an absolute time; null when it is
 * neither. A date in the past means "now".
 */
export function parseRetryAfter(value: string, now: Date): Date | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return new Date(now.getTime() + Number(trimmed) * 1000);
  // Only the HTTP-date shapes (IMF-fixdate and the obsolete RFC 850 / asctime forms), not any Date.parse input.
  if (!/^[A-Za-z]{3,9},?\s/.test(trimmed)) return null;
  const time = Date.parse(trimmed);
  if (Number.isNaN(time)) return null;
  return new Date(Math.max(time, now.getTime()));
}
