import { describe, expect, it } from "vitest";
import { httpUri, uriString, withoutCredentials } from "../../src/uri.js";

// RFC 3986 §2 and §3: outside the authority only unreserved, sub-delims, ":@/?", "%" + two hex digits and
// one "#" may appear.
const RFC3986_AFTER_AUTHORITY =
  /^([A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*(#([A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/;

function afterAuthority(value: string): string {
  const url = new URL(value);
  return value.slice(`${url.protocol}//${url.host}`.length);
}

describe("uriString", () => {
  const rows: [input: string, expected: string][] = [
    ["https://example.org/a/b?x=1&y=2#top", "https://example.org/a/b?x=1&y=2#top"],
    ["https://example.org/list.php?ids[]=1", "https://example.org/list.php?ids%5B%5D=1"],
    ["https://example.org/a|b^c?q=`x`{y}#f|g", "https://example.org/a%7Cb%5Ec?q=%60x%60%7By%7D#f%7Cg"],
    ["https://example.org/a#b#c", "https://example.org/a#b%23c"],
    ["https://example.org/100%?p=%zz&q=%41", "https://example.org/100%25?p=%25zz&q=A"],
    ["https://example.org/2024/05/caf%c3%a9/?q=%7e", "https://example.org/2024/05/caf%C3%A9/?q=~"],
    ["https://example.org/%7Euser/%41%2F%2e", "https://example.org/~user/A%2F."],
    ["https://example.org/q?a=b\\c", "https://example.org/q?a=b%5Cc"],
    ["https://[2001:db8::1]:8080/x[y]", "https://[2001:db8::1]:8080/x%5By%5D"],
    ["https://user:pw@example.org/~me/", "https://user:pw@example.org/~me/"],
    [
      "https://例子.测试/公告 1?查=值",
      "https://xn--fsqu00a.xn--0zwm56d/%E5%85%AC%E5%91%8A%201?%E6%9F%A5=%E5%80%BC",
    ],
  ];
  it.each(rows)("%s → %s", (input, expected) => {
    const out = uriString(new URL(input));
    expect(out).toBe(expected);
    expect(afterAuthority(out)).toMatch(RFC3986_AFTER_AUTHORITY);
    // The same resource: WHATWG parses the encoded form back to a URL with the same host and path segments.
    expect(new URL(out).host).toBe(new URL(input).host);
    expect(uriString(new URL(out))).toBe(out);
  });
});

describe("httpUri", () => {
  it("gives http(s) URLs in RFC 3986 form and null for anything else", () => {
    expect(httpUri("https://Example.org/a?b[]=1")).toBe("https://example.org/a?b%5B%5D=1");
    expect(httpUri("ftp://example.org/x")).toBeNull();
    expect(httpUri("javascript:alert(1)")).toBeNull();
    expect(httpUri("not a url")).toBeNull();
    expect(httpUri(null)).toBeNull();
  });

  it("returns a URL that is already in that form as written, and normalizes any other", () => {
    expect(httpUri("https://example.org")).toBe("https://example.org");
    expect(httpUri("https://example.org/a/%C3%A9?x=1#top")).toBe("https://example.org/a/%C3%A9?x=1#top");
    expect(httpUri("https://example.org/%7Euser")).toBe("https://example.org/~user");
    expect(httpUri("https://example.org/%41%30")).toBe("https://example.org/A0");
    expect(httpUri("https://example.org/%c3%a9")).toBe("https://example.org/%C3%A9");
    expect(httpUri("https://Example.org")).toBe("https://example.org/");
    expect(httpUri("https://example.org/a b")).toBe("https://example.org/a%20b");
  });
});

describe("withoutCredentials", () => {
  it.each([
    ["http://alice:top secret@127.0.0.1:9/500", "http://127.0.0.1:9/500"],
    ["http://alice:top@secret@127.0.0.1:9/500", "http://127.0.0.1:9/500"],
    ["https://u:p@host.example/feed.xml?x=1", "https://host.example/feed.xml?x=1"],
    // Messages quoting URLs: each loses its credentials, the words around them stay.
    [
      "redirect from http://u:p@a.example/x to https://v:q@b.example/y failed",
      "redirect from http://a.example/x to https://b.example/y failed",
    ],
    ["http://u:p@w@a.example/x: the server answered 500", "http://a.example/x: the server answered 500"],
    ["mail me@example.org about http://a.example/x", "mail me@example.org about http://a.example/x"],
    ["https://a.example/@ann/1", "https://a.example/@ann/1"],
  ])("%j → %j", (text, expected) => {
    expect(withoutCredentials(text)).toBe(expected);
  });
});
