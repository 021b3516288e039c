import { describe, expect, it } from "vitest";
import { renderAtom, renderRss } from "../../src/render/feeds/index.js";
import { parseXmlTree, type XmlElement } from "../../src/render/feeds/xml-tree.js";
import { makeArticle } from "../fixtures/article.js";
import { articles, meta } from "../fixtures/render/articles.js";
import { RFC822, RFC3339 } from "../fixtures/render/expected.js";

// The W3C Feed Validation Service's rules (validator.w3.org/feed/docs/…), encoded as checks on the full
// fixture. Each test names the validator message it guards against.

function descendants(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) {
    if (child.type !== "element") continue;
    if (child.name === name) out.push(child);
    out.push(...descendants(child, name));
  }
  return out;
}
const kids = (el: XmlElement, name: string) =>
  el.children.filter((c): c is XmlElement => c.type === "element" && c.name === name);
const textOf = (el: XmlElement | undefined) =>
  (el?.children ?? []).map((c) => (c.type === "element" ? "" : c.value)).join("");
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

describe("RSS 2.0 against the feed validator's rules", () => {
  const xml = renderRss(meta, articles);
  const rss = parseXmlTree(xml).root;
  const channel = kids(rss, "channel")[0]!;
  const items = kids(channel, "item");

  it("MissingAtomSelfLink: atom:link rel=self with type and the feed URL, atom namespace declared", () => {
    const self = kids(channel, "atom:link").filter((l) => l.attrs.get("rel") === "self");
    expect(self).toHaveLength(1);
    expect(Object.fromEntries(self[0]!.attrs)).toEqual({
      href: "https://example.org/police/feed.xml",
      rel: "self",
      type: "application/rss+xml",
    });
    expect(rss.attrs.get("xmlns:atom")).toBe("http://www.w3.org/2005/Atom");
  });

  it("UndefinedNamespace / UnknownNamespace: every prefix is declared and is one the validator knows", () => {
    const known: Record<string, string> = {
      atom: "http://www.w3.org/2005/Atom",
      content: "http://purl.org/rss/1.0/modules/content/",
      dc: "http://purl.org/dc/elements/1.1/",
      sy: "http://purl.org/rss/1.0/modules/syndication/",
      media: "http://search.yahoo.com/mrss/",
    };
    const prefixes = new Set([...xml.matchAll(/<([a-z]+):[a-zA-Z]+/g)].map((m) => m[1]!));
    for (const prefix of prefixes) expect(rss.attrs.get(`xmlns:${prefix}`)).toBe(known[prefix]);
    for (const [name, uri] of rss.attrs)
      if (name.startsWith("xmlns:")) expect(known[name.slice(6)]).toBe(uri);
  });

  it("MissingDescription / NotBlank: channel title, link and description are present and not blank", () => {
    for (const name of ["title", "link", "description"])
      expect(textOf(kids(channel, name)[0]).trim()).not.toBe("");
    const noDescription = parseXmlTree(renderRss({ ...meta, description: "" }, [])).root;
    expect(textOf(descendants(noDescription, "description")[0]).trim()).not.toBe("");
  });

  it("InvalidRFC2822Date: pubDate and lastBuildDate are RFC 822 with four-digit years", () => {
    const dates = [...descendants(rss, "pubDate"), ...descendants(rss, "lastBuildDate")].map(textOf);
    expect(dates.length).toBe(items.length + 2);
    for (const date of dates) expect(date).toMatch(RFC822);
  });

  it("InvalidLanguage: language is a tag whose primary subtag is an ISO 639 code shape", () => {
    expect(textOf(kids(channel, "language")[0])).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
  });

  it("InvalidUpdatePeriod / InvalidInteger: sy:updatePeriod is a known period and updateFrequency a positive integer", () => {
    expect(["hourly", "daily", "weekly", "monthly", "yearly"]).toContain(
      textOf(kids(channel, "sy:updatePeriod")[0]),
    );
    expect(textOf(kids(channel, "sy:updateFrequency")[0])).toMatch(/^[1-9]\d*$/);
    expect(textOf(kids(channel, "ttl")[0])).toBe("30");
  });

  it("ItemMustContainTitleOrDescription / MissingItemLink: every item has a link and a title or description", () => {
    for (const item of items) {
      expect(kids(item, "link")).toHaveLength(1);
      expect(kids(item, "title").length + kids(item, "description").length).toBeGreaterThan(0);
    }
  });

  it("InvalidHttpGUID / InvalidPermalink / NotSufficientlyUnique: permalink guids are full URLs, others short digits never", () => {
    for (const item of items) {
      const [guid] = kids(item, "guid");
      expect(guid).toBeDefined();
      const value = textOf(guid);
      if (guid!.attrs.get("isPermaLink") === "true") {
        expect(value).toMatch(/^https?:\/\//);
        expect(value).toBe(textOf(kids(item, "link")[0]));
      } else {
        expect(guid!.attrs.get("isPermaLink")).toBe("false");
        expect(value).not.toMatch(/^\d{1,8}$/);
      }
    }
    const guids = items.map((i) => textOf(kids(i, "guid")[0]));
    expect(new Set(guids).size).toBe(guids.length);
  });

  it("CharacterData: plain-text item fields carry & and < as hex references, never CDATA", () => {
    const plain = items.flatMap((item) =>
      ["title", "category", "author", "dc:creator"].flatMap((name) => kids(item, name)),
    );
    expect(plain.some((el) => el.children.some((c) => c.type === "cdata"))).toBe(false);
    expect(xml).toContain("<title>a &#x3C; b &#x26; &#x3C;em&gt;c&#x3C;/em&gt;</title>");
    expect(xml).toContain("<category>R&#x26;D</category>");
    expect(xml).toContain("<dc:creator>Bob &#x26; Co</dc:creator>");
  });

  it("InvalidContact / DuplicateItemSemantics: <author> is one email (name), never beside dc:creator", () => {
    let authors = 0;
    for (const item of items) {
      const author = kids(item, "author");
      expect(author.length).toBeLessThanOrEqual(1);
      if (author.length === 1) {
        authors++;
        expect(textOf(author[0])).toMatch(/^[A-Za-z0-9_+.-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,} \(.+\)$/);
        expect(kids(item, "dc:creator")).toHaveLength(0);
      }
    }
    expect(authors).toBe(0); // no fixture article has exactly one author with an email
    const one = { ...articles[0]!, authors: [{ name: "Eve", email: "eve@example.org" }] };
    expect(renderRss(meta, [one])).toContain("<author>eve@example.org (Eve)</author>");
  });

  it("MissingAttribute / DuplicateElement / UseZeroForUnknown / InvalidMIMEAttribute: one complete enclosure", () => {
    let seen = 0;
    for (const item of items) {
      const enclosures = kids(item, "enclosure");
      expect(enclosures.length).toBeLessThanOrEqual(1);
      for (const e of enclosures) {
        seen++;
        expect(e.attrs.get("url")).toMatch(/^https?:\/\//);
        expect(e.attrs.get("length")).toMatch(/^\d+$/);
        expect(e.attrs.get("type")).toMatch(MIME);
      }
    }
    expect(seen).toBe(1);
    const unknownLength = { ...articles[0]!, enclosures: [{ url: "https://example.org/f/a.ogg" }] };
    expect(renderRss(meta, [unknownLength])).toContain('length="0" type="audio/ogg"');
  });
});

describe("Atom 1.0 (RFC 4287) against the feed validator's rules", () => {
  const feed = parseXmlTree(renderAtom(meta, articles)).root;
  const entries = kids(feed, "entry");

  it("MissingElement: feed has one id, title, updated; every entry has one id, title, updated", () => {
    for (const el of [feed, ...entries]) {
      for (const name of ["id", "title", "updated"]) expect(kids(el, name), name).toHaveLength(1);
    }
  });

  it("MissingSelf / link types: rel=self application/atom+xml and rel=alternate text/html", () => {
    const links = kids(feed, "link").map((l) => Object.fromEntries(l.attrs));
    expect(links).toContainEqual({
      rel: "self",
      type: "application/atom+xml",
      href: "https://example.org/police/atom.xml",
    });
    expect(links).toContainEqual({
      rel: "alternate",
      type: "text/html",
      href: "https://example.org/police/",
    });
  });

  it("MissingAuthor: the feed has an author with a name, so entries without one are valid", () => {
    const [author] = kids(feed, "author");
    expect(textOf(kids(author!, "name")[0])).toBe("Crier Desk");
    expect(entries.some((e) => kids(e, "author").length === 0)).toBe(true);
  });

  it("InvalidRFC3339Date: updated and published are RFC 3339", () => {
    for (const el of [...descendants(feed, "updated"), ...descendants(feed, "published")]) {
      expect(textOf(el)).toMatch(RFC3339);
    }
  });

  it("InvalidURN / InvalidIRI / InvalidFullLink / DuplicateValue: ids are valid URNs or URLs, and unique", () => {
    const ids = [feed, ...entries].map((e) => textOf(kids(e, "id")[0]));
    // The validator's grammars (validators.py, rfc2396): RFC 2141 URNs, RFC 4151 tags, RFC 2396 characters.
    const urn = /^urn:[a-zA-Z0-9][a-zA-Z0-9-]{1,31}:([a-zA-Z0-9()+,.:=@;$_!*'-]|%[0-9A-Fa-f]{2})+$/i;
    const http = /^https?:\/\/[^/][0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]*$/;
    for (const id of ids) {
      expect(id.startsWith("urn:") ? urn.test(id) : http.test(id), id).toBe(true);
      expect(URL.canParse(id)).toBe(true);
    }
    expect(ids).toContain("urn:crier:files:local:notices%2F%E5%85%AC%E5%91%8A%201.txt");
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("MissingAlternateLink: every entry has exactly one rel=alternate link with an absolute href", () => {
    for (const entry of entries) {
      const alternates = kids(entry, "link").filter((l) => l.attrs.get("rel") === "alternate");
      expect(alternates).toHaveLength(1);
      expect(alternates[0]!.attrs.get("href")).toMatch(/^https?:\/\//);
    }
  });

  it("MissingAttribute term: every category has a term; enclosure links have a MIME type", () => {
    for (const c of descendants(feed, "category")) expect(c.attrs.get("term")).toMatch(/\S/);
    for (const l of descendants(feed, "link"))
      if (l.attrs.has("type")) expect(l.attrs.get("type")).toMatch(MIME);
    for (const l of descendants(feed, "link").filter((x) => x.attrs.get("rel") === "enclosure")) {
      expect(l.attrs.has("type")).toBe(true);
      if (l.attrs.has("length")) expect(l.attrs.get("length")).toMatch(/^\d+$/);
    }
  });

  it("InvalidTextType / InvalidEmail: text constructs say type=text or html, emails are addresses", () => {
    for (const name of ["title", "summary", "subtitle"]) {
      for (const el of descendants(feed, name)) expect(el.attrs.get("type") ?? "text").toBe("text");
    }
    for (const el of descendants(feed, "content")) expect(el.attrs.get("type")).toBe("html");
    for (const el of descendants(feed, "email"))
      expect(textOf(el)).toMatch(/^[A-Za-z0-9_+.-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$/);
  });

  it("MissingTextualContent: every entry with a title has a summary or content", () => {
    for (const entry of entries) {
      if (textOf(kids(entry, "title")[0]) === "") continue;
      expect(kids(entry, "summary").length + kids(entry, "content").length).toBeGreaterThan(0);
    }
    const titleOnly = renderAtom(meta, [{ ...articles[0]!, title: "Notice only", summary: "", content: "" }]);
    expect(titleOnly).toContain('<summary type="text">Notice only</summary>');
  });

  it("InvalidLanguage: xml:lang on the feed", () => {
    expect(feed.attrs.get("xml:lang")).toBe("zh-Hant");
  });
});

describe("ids stay unique within a feed when written forms meet", () => {
  const pair = (ids: string[]) =>
    ids.map((id, i) =>
      makeArticle(id, {
        title: `Item ${i}`,
        url: null,
        published: `2024-05-0${i + 1}T00:00:00.000Z`,
        source: { id: `s${i}`, title: "S", url: null },
      }),
    );
  const rssGuids = (list: ReturnType<typeof pair>) =>
    descendants(parseXmlTree(renderRss(meta, list)).root, "guid").map((g) => textOf(g));
  const atomIds = (list: ReturnType<typeof pair>) =>
    descendants(parseXmlTree(renderAtom(meta, list)).root, "entry").map((e) => textOf(kids(e, "id")[0]));

  it("ValidatorRule DuplicateValue: a guid 42 beside a source's own urn:crier:42", () => {
    const list = pair(["42", "urn:crier:42"]);
    const guids = rssGuids(list);
    expect(new Set(guids).size).toBe(2);
    // The article whose id is the written form keeps it; the other writes a hash of its own id.
    expect(guids).toContain("urn:crier:42");
    expect(guids.find((g) => g !== "urn:crier:42")).toMatch(/^urn:crier:id:[0-9a-f]{32}$/);
    expect(new Set(atomIds(list)).size).toBe(2);
    // Alone, 42 keeps its usual form (stable when no other item meets it).
    expect(rssGuids(pair(["42"]))).toEqual(["urn:crier:42"]);
  });

  it("RFC 4287 §4.2.6: an IRI guid and its percent-encoded twin are two entries", () => {
    const list = pair(["http://c.example/中文", "http://c.example/%E4%B8%AD%E6%96%87"]);
    const ids = atomIds(list);
    expect(ids).toContain("http://c.example/%E4%B8%AD%E6%96%87");
    expect(new Set(ids).size).toBe(2);
  });
});
