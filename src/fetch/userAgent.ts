/** `crier/0.1.0 (+https://example.org/)`: names the software and where its operator can be found. */
export function defaultUserAgent(version: string, siteUrl: string): string {
  // The URL's serialization is ASCII (punycode host, percent-encoded path, no line breaks): a header value
  // must be Latin-1, and site.url may be written with Chinese characters.
  return `crier/${version} (+${asciiUrl(siteUrl)})`;
}

function asciiUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url.replace(/[^\x20-\x7e]/g, "");
  }
}
