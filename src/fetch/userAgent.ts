/** `crier/0.1.0 (+https://example.org/)`: names the software and where its operator can be found. */
export function defaultUserAgent(version: string, siteUrl: string): string {
  return `crier/${version} (+${siteUrl})`;
}
