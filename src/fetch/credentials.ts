/** `Authorization` value for the requests to one origin. */
export interface OriginCredentials {
  origin: string;
  authorization: string;
}

/**
 * The `user:password@` of a URL as Basic credentials (RFC 7617) for that URL's origin, or null when it has
 * none. URL parsing leaves both percent-encoded (UTF-8 for non-ASCII): they are decoded to bytes and those
 * bytes sent, so "p%3Ass" is the password "p:ss".
 */
export function basicCredentials(url: URL): OriginCredentials | null {
  if (url.username === "" && url.password === "") return null;
  const userPass = Buffer.concat([
    percentDecode(url.username),
    Buffer.from(":"),
    percentDecode(url.password),
  ]);
  return { origin: url.origin, authorization: `Basic ${userPass.toString("base64")}` };
}

/** WHATWG percent-decode: "%XX" becomes that byte, anything else its UTF-8 bytes. */
function percentDecode(value: string): Buffer {
  const bytes = Buffer.from(value, "utf8");
  if (!bytes.includes(0x25)) return bytes;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const hex = bytes.subarray(i + 1, i + 3).toString("latin1");
    if (bytes[i] === 0x25 && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      out.push(bytes[i]!);
    }
  }
  return Buffer.from(out);
}
