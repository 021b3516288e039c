import { describe, expect, it } from "vitest";
import { earlierFormOfId, keepStoredIds } from "../../src/normalize/ids.js";
import { articleId, canonicalUrl, resolveUrl } from "../../src/normalize/index.js";

describe("resolveUrl", () => {
  const rows: [ref: string | null, base: string | null, expected: string | null][] = [
    ["https://example.org/a", null, "https://example.org/a"],
    ["  https://example.org/a \n", null, "https://example.org/a"],
    ["/a/b?x=1", "https://example.org/news/", "https://example.org/a/b?x=1"],
    ["c.html", "https://example.org/news/list.html", "https://example.org/news/c.html"],
    ["../up.html", "https://example.org/news/2019/", "https://example.org/news/up.html"],
    ["//cdn.example.com/x.png", "http://example.org/", "http://cdn.example.com/x.png"],
    ["//cdn.example.com/x.png", null, "https://cdn.example.com/x.png"],
    ["?page=2", "https://example.org/list.html?page=1", "https://example.org/list.html?page=2"],
    ["#frag", "https://example.org/a", "https://example.org/a#frag"],
    ["HTTP://EXAMPLE.ORG/A", null, "http://example.org/A"],
    ["https://例子.测试/公告", null, "https://xn--fsqu00a.xn--0zwm56d/%E5%85%AC%E5%91%8A"],
    // RFC 3986 form: WHATWG leaves "[ ] | ^ { } `" raw in queries and fragments, and a stray "%".
    [
      "list.php?ids[]=1&ids[]=2",
      "https://example.org/",
      "https://example.org/list.php?ids%5B%5D=1&ids%5B%5D=2",
    ],
    [
      "https://cdn.example.com/ep|1.mp3?a={b}^c#x|y",
      null,
      "https://cdn.example.com/ep%7C1.mp3?a=%7Bb%7D%5Ec#x%7Cy",
    ],
    ["https://example.org/100%/a%2Fb", null, "https://example.org/100%25/a%2Fb"],
    ["java\tscript:alert(1)", "https://example.org/", null],
    ["javascript:alert(1)", "https://example.org/", null],
    ["JaVaScRiPt:alert(1)", null, null],
    ["vbscript:msgbox(1)", null, null],
    ["data:text/html,x", null, null],
    ["mailto:a@b.example", null, null],
    ["file:///etc/passwd", null, null],
    ["ftp://example.org/x", null, null],
    ["relative.html", null, null],
    ["relative.html", "file:///srv/notes/", null],
    ["", "https://example.org/", null],
    ["   ", "https://example.org/", null],
    [null, "https://example.org/", null],
    ["http://", null, null],
  ];
  it.each(rows)("resolveUrl(%j, %j) → %j", (ref, base, expected) => {
    expect(resolveUrl(ref, base)).toBe(expected);
  });
});

describe("canonicalUrl", () => {
  const rows: [input: string, expected: string][] = [
    ["HTTPS://Example.ORG:443/a", "https://example.org/a"],
    ["http://example.org:80/a", "http://example.org/a"],
    ["http://example.org:8080/a", "http://example.org:8080/a"],
    ["https://example.org/a?utm_source=rss&utm_medium=feed&id=3", "https://example.org/a?id=3"],
    ["https://example.org/a?b=2&fbclid=x&a=1", "https://example.org/a?b=2&a=1"],
    ["https://example.org/a?gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5", "https://example.org/a"],
    ["https://example.org/a?igshid=1&yclid=2&_hsenc=3&_hsmi=4&spm=5&ref_src=6", "https://example.org/a"],
    ["https://example.org/a?UTM_Campaign=x&q=%E4%B8%AD+文", "https://example.org/a?q=%E4%B8%AD+%E6%96%87"],
    ["https://example.org/a?", "https://example.org/a"],
    ["https://example.org/a?x=1#section-2", "https://example.org/a?x=1"],
    ["https://example.org/app#/notice/42", "https://example.org/app#/notice/42"],
    ["https://example.org/app#!/notice/42", "https://example.org/app#!/notice/42"],
    ["https://example.org/a#", "https://example.org/a"],
    // Session ids change per visit: the same notice would be a new item at every fetch.
    [
      "http://gov.example/art/2019/5/30/art_1.html;jsessionid=A1B2C3",
      "http://gov.example/art/2019/5/30/art_1.html",
    ],
    ["http://gov.example/view.jsp;JSESSIONID=x9.node1?id=7", "http://gov.example/view.jsp?id=7"],
    ["http://gov.example/a;jsessionid=1/b.html", "http://gov.example/a/b.html"],
    ["http://gov.example/view.php?id=7&PHPSESSID=abc&jsessionid=x", "http://gov.example/view.php?id=7"],
    ["http://gov.example/a;version=2", "http://gov.example/a;version=2"],
    ["not a url", "not a url"],
  ];
  it.each(rows)("canonicalUrl(%j) → %j", (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it("keeps an ordinary fragment when asked (items sharing one document)", () => {
    expect(canonicalUrl("https://example.org/list#item3?", { keepFragment: true })).toBe(
      "https://example.org/list#item3?",
    );
    expect(canonicalUrl("https://example.org/list?utm_source=x#item3", { keepFragment: true })).toBe(
      "https://example.org/list#item3",
    );
  });
});

describe("articleId", () => {
  const base = { sourceId: "notices", title: "通知", date: "2019-05-30T06:30:00.000Z" };
  const rows: [name: string, input: Parameters<typeof articleId>[0], expected: string][] = [
    [
      "opaque guid wins",
      { ...base, guid: " tag:example.org,2019:42 ", url: "https://example.org/a" },
      "tag:example.org,2019:42",
    ],
    ["numeric guid (isPermaLink=false) wins", { ...base, guid: "123", url: "https://example.org/a" }, "123"],
    [
      "a URL guid is the source's id as written (scheme, case and parameters kept)",
      { ...base, guid: " http://Example.org/a?utm_source=x " },
      "http://Example.org/a?utm_source=x",
    ],
    ["https guid unchanged", { ...base, guid: "https://example.org/a" }, "https://example.org/a"],
    ["http guid kept", { ...base, guid: "http://example.org/n/1" }, "http://example.org/n/1"],
    [
      "guid keeps its fragment",
      { ...base, guid: "http://example.org/list#n2" },
      "http://example.org/list#n2",
    ],
    [
      "url when no guid",
      { ...base, url: "http://Example.org:80/a?id=1&utm_medium=rss" },
      "http://example.org/a?id=1",
    ],
    [
      "url in RFC 3986 form (the W3C validator rejects raw [ ] | in ids and links)",
      { ...base, url: "http://example.org/view?ids[]=1|2" },
      "http://example.org/view?ids%5B%5D=1%7C2",
    ],
    [
      "url drops an ordinary fragment",
      { ...base, url: "https://example.org/a#top" },
      "https://example.org/a",
    ],
    [
      "url keeps a shared-document fragment",
      { ...base, url: "https://example.org/list#n2", keepFragment: true },
      "https://example.org/list#n2",
    ],
    ["blank guid ignored", { ...base, guid: "  ", url: "https://example.org/b" }, "https://example.org/b"],
  ];
  it.each(rows)("%s", (_name, input, expected) => {
    expect(articleId(input)).toBe(expected);
  });

  it("hashes source id + title + date when there is neither guid nor URL", () => {
    const id = articleId({ ...base, url: null });
    expect(id).toMatch(/^urn:crier:notices:[0-9a-f]{16}$/);
    // stable across calls (runs) …
    expect(articleId({ ...base, url: null })).toBe(id);
    // … and different for a different title, date or source
    expect(articleId({ ...base, title: "通知二", url: null })).not.toBe(id);
    expect(articleId({ ...base, date: null, url: null })).not.toBe(id);
    expect(articleId({ ...base, sourceId: "other", url: null })).not.toBe(id);
  });
});

describe("ids stored by the previous version", () => {
  it("gives the https canonical form URL-shaped ids had before the seventh session", () => {
    expect(earlierFormOfId("http://Example.org/a?utm_source=x#n2")).toBe("https://example.org/a#n2");
    expect(earlierFormOfId("https://example.org/a")).toBe("https://example.org/a");
    expect(earlierFormOfId("tag:example.org,2024:1")).toBe("tag:example.org,2024:1");
  });

  it("lets a fresh article keep the id it is stored under, so an upgrade re-delivers nothing", () => {
    const stored = [{ id: "https://example.org/a" }, { id: "urn:x:1" }];
    const fresh = [
      { id: "http://example.org/a?utm_source=rss", title: "known" },
      { id: "http://example.org/b", title: "new" },
      { id: "urn:x:1", title: "same" },
    ];
    expect(keepStoredIds(fresh, stored).map((a) => a.id)).toEqual([
      "https://example.org/a",
      "http://example.org/b",
      "urn:x:1",
    ]);
    expect(keepStoredIds(fresh, [])).toBe(fresh);
  });

  it("lets the first of a JSON Feed's long numeric ids keep the rounded id crier stored before", () => {
    const stored = [{ id: "1790000000000000000" }];
    const fresh = [{ id: "1790000000000000001" }, { id: "1790000000000000002" }, { id: "42" }];
    expect(keepStoredIds(fresh, stored).map((a) => a.id)).toEqual([
      "1790000000000000000",
      "1790000000000000002",
      "42",
    ]);
  });

  it("keeps a URL id readers have when the source moves it to the other scheme, never one taken", () => {
    const stored = [
      { id: "http://c.example/n/3" },
      { id: "https://c.example/n/4" },
      { id: "http://c.example/n/5" },
    ];
    const fresh = [
      { id: "https://c.example/n/3" },
      { id: "http://c.example/n/4" },
      // Both forms listed: each keeps its own.
      { id: "http://c.example/n/5" },
      { id: "https://c.example/n/5" },
    ];
    expect(keepStoredIds(fresh, stored).map((a) => a.id)).toEqual([
      "http://c.example/n/3",
      "https://c.example/n/4",
      "http://c.example/n/5",
      "https://c.example/n/5",
    ]);
  });
});
