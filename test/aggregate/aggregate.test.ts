import { describe, expect, it } from "vitest";
import {
  type CandidateSelection,
  compareNewestFirst,
  dedupeArticles,
  disambiguateIds,
  filterSourceArticles,
  namespacedKey,
  pickKey,
  resolveArticleDates,
  selectCandidates,
  selectOutputs,
  sourceCandidates,
} from "../../src/aggregate/index.js";
import { type Config, validateConfig } from "../../src/config/index.js";
import type { Article } from "../../src/model.js";
import { makeArticle } from "../fixtures/article.js";

const article = makeArticle;

const now = new Date("2024-06-01T12:00:00.000Z");

describe("resolveArticleDates", () => {
  it("gives undated articles their persisted first-seen time, not now", () => {
    const firstSeen = { u: "2024-05-01T08:00:00.000Z" };
    const [resolved] = resolveArticleDates([article("u", { published: null })], firstSeen, now);
    expect(resolved!.published).toBe("2024-05-01T08:00:00.000Z");
  });

  it("clamps dates more than a day in the future to first-seen, keeps dates within a day", () => {
    const firstSeen = { f: "2024-05-30T00:00:00.000Z", n: "2024-06-01T12:00:00.000Z" };
    const [future, near] = resolveArticleDates(
      [
        article("f", { published: "2030-01-01T00:00:00.000Z", updated: "2030-01-02T00:00:00.000Z" }),
        article("n", { published: "2024-06-02T06:00:00.000Z" }),
      ],
      firstSeen,
      now,
    );
    expect(future!.published).toBe("2024-05-30T00:00:00.000Z");
    expect(future!.updated).toBeNull();
    expect(near!.published).toBe("2024-06-02T06:00:00.000Z");
  });

  it("measures the clamp from the first sighting, so a clamped date stays clamped when its day comes", () => {
    const firstSeen = { f: "2024-05-29T12:00:00.000Z", u: "2024-05-01T00:00:00.000Z" };
    // Dated three days after crier first saw it; re-read now, within a day of that date.
    const [future, undated, updated] = resolveArticleDates(
      [
        article("f", { published: "2024-06-01T12:00:00.000Z", updated: "2024-06-01T12:00:00.000Z" }),
        // An update after the first sighting is no future date: it stays.
        article("u", { published: null, updated: "2024-05-20T00:00:00.000Z" }),
        article("v", { published: "2024-05-20T00:00:00.000Z", updated: "2024-05-31T00:00:00.000Z" }),
      ],
      firstSeen,
      now,
      // "f" was published at its first sighting (its stored date is that time).
      new Set(["f"]),
    );
    expect(future!.published).toBe("2024-05-29T12:00:00.000Z");
    expect(future!.updated).toBeNull();
    expect(undated!.published).toBe("2024-05-01T00:00:00.000Z");
    expect(undated!.updated).toBe("2024-05-20T00:00:00.000Z");
    expect(updated!.updated).toBe("2024-05-31T00:00:00.000Z");
  });
});

describe("resolveArticleDates and re-dated items", () => {
  it("gives an item that was published at its own date a later date the source gives it (not in the future)", () => {
    const [redated] = resolveArticleDates(
      [article("r", { published: "2024-05-30T00:00:00.000Z" })],
      { r: "2024-01-01T00:00:00.000Z" },
      now,
    );
    expect(redated!.published).toBe("2024-05-30T00:00:00.000Z");
  });
});

describe("dedupeArticles", () => {
  it("keeps one copy per id, the richer one, in the first one's place", () => {
    const poor = article("same", { content: "" });
    const rich = article("same", {
      content: "<p>long body text here</p>",
      source: { id: "b", title: "B", url: null },
    });
    const out = dedupeArticles([poor, article("other"), rich]);
    expect(out.map((a) => a.id)).toEqual(["same", "other"]);
    expect(out[0]!.source.id).toBe("b");
  });

  const from = (source: string, id: string, n: number) =>
    article(id, {
      url: `https://${source}.example/item/${n}`,
      title: `${source} story ${n}`,
      source: { id: source, title: source, url: null },
    });

  it("merges a URI id across sources, but a source-local guid such as '1' only within its source", () => {
    const out = dedupeArticles([
      from("a", "1", 1),
      from("a", "2", 2),
      from("b", "1", 3),
      from("b", "2", 4),
      from("b", "2", 4),
      from("a", "urn:isbn:0451450523", 5),
      from("b", "urn:isbn:0451450523", 6),
    ]);
    expect(out.map((x) => `${x.source.id}:${x.id}`)).toEqual([
      "a:1",
      "a:2",
      "b:1",
      "b:2",
      "a:urn:isbn:0451450523",
    ]);
    // Output ids stay unique: the shared source-local ids are qualified by their source, the rest kept.
    const namespaced = new Set<string>();
    expect(disambiguateIds([out], namespaced)[0]!.map((x) => x.id)).toEqual([
      "urn:crier:a:guid:1",
      "urn:crier:a:guid:2",
      "urn:crier:b:guid:1",
      "urn:crier:b:guid:2",
      "urn:isbn:0451450523",
    ]);
    expect(disambiguateIds([[from("a", "1", 1), from("b", "7", 2)]])[0]!.map((x) => x.id)).toEqual([
      "1",
      "7",
    ]);
    // Once qualified, always: when b's "1" is gone, a's "1" keeps the id readers already have.
    expect(
      disambiguateIds([[from("a", "1", 1), from("c", "9", 2)]], namespaced)[0]!.map((x) => x.id),
    ).toEqual(["urn:crier:a:guid:1", "9"]);
  });

  it("lets the one article readers already have under a shared id keep it; only newcomers are qualified", () => {
    const namespaced = new Set<string>();
    const published = new Set([namespacedKey(from("a", "5", 1))]);
    const [combined, onlyB] = disambiguateIds(
      [[from("a", "5", 1), from("b", "5", 2)], [from("b", "5", 2)]],
      namespaced,
      published,
    );
    expect(combined!.map((x) => x.id)).toEqual(["5", "urn:crier:b:guid:5"]);
    expect(onlyB!.map((x) => x.id)).toEqual(["urn:crier:b:guid:5"]);
    // The next build: a still has "5" and b stays qualified.
    const next = disambiguateIds([[from("a", "5", 1), from("b", "5", 2)]], namespaced, published);
    expect(next[0]!.map((x) => x.id)).toEqual(["5", "urn:crier:b:guid:5"]);
    // Both published bare before (e.g. in different sets): neither can keep it.
    const both = new Set([namespacedKey(from("a", "7", 1)), namespacedKey(from("b", "7", 2))]);
    expect(
      disambiguateIds([[from("a", "7", 1), from("b", "7", 2)]], new Set(), both)[0]!.map((x) => x.id),
    ).toEqual(["urn:crier:a:guid:7", "urn:crier:b:guid:7"]);
  });

  it("qualifies a shared source-local id in every feed set, also where only one source is present", () => {
    const [combined, onlyA] = disambiguateIds([[from("a", "1", 1), from("b", "1", 2)], [from("a", "1", 1)]]);
    expect(combined!.map((x) => x.id)).toEqual(["urn:crier:a:guid:1", "urn:crier:b:guid:1"]);
    expect(onlyA!.map((x) => x.id)).toEqual(["urn:crier:a:guid:1"]);
  });

  it("merges the same story from two sources by canonical URL (tracking params, scheme)", () => {
    const a = article("guid-1", { url: "http://news.example/story?utm_source=rss&id=7" });
    const b = article("guid-2", {
      url: "https://news.example/story?id=7&fbclid=abc",
      content: "<p>more text</p>",
      source: { id: "b", title: "B", url: null },
    });
    const out = dedupeArticles([a, b]);
    expect(out).toHaveLength(1);
    expect(out[0]!.id).toBe("guid-2");
  });

  it("keeps one source's items of distinct ids apart though they share a link (podcast episodes)", () => {
    const episode = (n: number, source = "pod") =>
      article(`ep-${n}`, {
        url: "https://pod.example/?utm_source=rss",
        title: `Episode ${n}`,
        published: `2024-05-0${n}T12:00:00.000Z`,
        source: { id: source, title: source, url: null },
      });
    expect(dedupeArticles([episode(3), episode(2), episode(1)]).map((x) => x.id)).toEqual([
      "ep-3",
      "ep-2",
      "ep-1",
    ]);
    // Another source's item of that link is still a copy of the story the first one claimed.
    const other = { ...episode(2, "mirror"), id: "m-2" };
    expect(dedupeArticles([episode(3), episode(2), other]).map((x) => x.id)).toEqual(["ep-3", "ep-2"]);
    // The same id of the source is one item, whatever its link.
    expect(dedupeArticles([episode(3), { ...episode(3), url: "https://pod.example/ep3" }])).toHaveLength(1);
  });

  it("keeps notices that one page lists under fragments (page#n1, page#n2) apart", () => {
    const n1 = article("https://gov.example/notices.html#n1", { url: "https://gov.example/notices.html#n1" });
    const n2 = article("https://gov.example/notices.html#n2", {
      url: "https://gov.example/notices.html#n2",
      title: "Another notice",
    });
    expect(dedupeArticles([n1, n2]).map((x) => x.id)).toEqual([n1.id, n2.id]);
  });

  it("keeps one source's same-titled notices of one day apart when each has its own page", () => {
    const notice = (id: string, source: string, url: string | null) =>
      article(id, {
        url,
        title: "停水通知",
        published: "2024-05-01T02:00:00.000Z",
        source: { id: source, title: source, url: null },
      });
    const a1 = notice("a1", "a", "https://a.example/n/1");
    const a2 = notice("a2", "a", "https://a.example/n/2");
    // Another source's copy of the same title and day is still the same story (design §1).
    const b1 = notice("b1", "b", "https://b.example/x");
    const out = dedupeArticles([a1, a2, b1]);
    expect(out.map((x) => x.id)).toEqual(["a1", "a2"]);
    // Also when a richer copy from another source has taken the first notice's place.
    const rich = { ...b1, content: `<p>${"details ".repeat(50)}</p>` };
    expect(dedupeArticles([a1, rich, a2]).map((x) => x.id)).toEqual(["b1", "a2"]);
    // Items without a URL get an article page each: two files or two guid-only items stay two notices.
    expect(dedupeArticles([notice("u1", "a", null), notice("u2", "a", null)]).map((x) => x.id)).toEqual([
      "u1",
      "u2",
    ]);
    // ...while another source's URL-less copy of the title and day is still the same story.
    expect(
      dedupeArticles([notice("u1", "a", null), notice("u2", "a", null), notice("v1", "b", null)]).map(
        (x) => x.id,
      ),
    ).toEqual(["u1", "u2"]);
  });

  it("takes the day of title + day in the given timezone, not in UTC", () => {
    const copy = (id: string, source: string, published: string) =>
      article(id, {
        url: null,
        title: "关于东区停水的通知",
        published,
        source: { id: source, title: source, url: null },
      });
    // A date-only list entry of 5 January in Shanghai, and a feed's copy stamped 09:00 +08:00 that day.
    const list = copy("list", "a", "2024-01-04T16:00:00.000Z");
    const feed = copy("feed", "b", "2024-01-05T01:00:00.000Z");
    expect(dedupeArticles([feed, list], "Asia/Shanghai").map((x) => x.id)).toEqual(["feed"]);
    expect(dedupeArticles([feed, list], "UTC").map((x) => x.id)).toEqual(["feed", "list"]);
    // 4 January 10:00 in Shanghai is another day than the list's 5 January, though the same UTC day as it.
    const dayBefore = copy("before", "b", "2024-01-04T02:00:00.000Z");
    expect(dedupeArticles([list, dayBefore], "Asia/Shanghai").map((x) => x.id)).toEqual(["list", "before"]);
  });

  it("merges by title + day when neither id nor URL match, but not across days", () => {
    const a = article("x1", { url: null, title: "Water outage", published: "2024-05-01T01:00:00.000Z" });
    const b = article("x2", {
      url: null,
      title: "water outage ",
      published: "2024-05-01T09:00:00.000Z",
      source: { id: "other", title: "Other", url: null },
    });
    const c = article("x3", { url: null, title: "Water outage", published: "2024-05-02T09:00:00.000Z" });
    expect(dedupeArticles([a, b, c]).map((x) => x.id)).toEqual(["x1", "x3"]);
  });
});

describe("selectOutputs", () => {
  const config = validateConfig({
    site: { title: "Site", url: "https://feeds.example.org/", description: "All" },
    output: { maxItems: 3 },
    sources: [
      { id: "a", type: "feed", url: "https://a.example/rss", tags: ["city"] },
      {
        id: "b",
        type: "feed",
        url: "https://b.example/rss",
        exclude: { title: "^Ad:" },
      },
      { id: "off", type: "feed", url: "https://c.example/rss", enabled: false },
    ],
    outputs: [
      { name: "city", title: "City", tags: ["city"] },
      { name: "b-only", title: "B", sources: ["b"], include: { content: "flood" } },
    ],
  });
  const bySource = new Map<string, Article[]>([
    [
      "a",
      [
        article("a1", { published: "2024-05-01T00:00:00.000Z" }),
        article("a2", { published: "2024-05-03T00:00:00.000Z" }),
      ],
    ],
    [
      "b",
      [
        article("b1", { published: "2024-05-02T00:00:00.000Z", content: "<p>flood warning</p>" }),
        article("b2", { published: "2024-05-04T00:00:00.000Z", title: "Ad: buy now" }),
        article("b3", { published: "2024-05-05T00:00:00.000Z" }),
      ],
    ],
    ["off", [article("off1", { published: "2024-05-09T00:00:00.000Z" })]],
  ]);

  it("combines enabled sources newest first, applies source filters and maxItems", () => {
    const [combined] = selectOutputs(config, bySource);
    expect(combined!.name).toBeNull();
    expect(combined!.articles.map((a) => a.id)).toEqual(["b3", "a2", "b1"]);
  });

  it("builds each outputs[] entry from its sources/tags and its own filters", () => {
    const [, city, bOnly] = selectOutputs(config, bySource);
    expect(city!.title).toBe("City");
    expect(city!.articles.map((a) => a.id)).toEqual(["a2", "a1"]);
    expect(bOnly!.articles.map((a) => a.id)).toEqual(["b1"]);
  });

  it("stays newest first when a richer, older copy of a story wins dedupe", () => {
    const plain = validateConfig({
      site: { title: "Site", url: "https://feeds.example.org/" },
      sources: [
        { id: "a", type: "feed", url: "https://a.example/rss" },
        { id: "b", type: "feed", url: "https://b.example/rss" },
      ],
    });
    const story = "https://news.example/x";
    const [combined] = selectOutputs(
      plain,
      new Map<string, Article[]>([
        [
          "a",
          [
            article("x-short", { url: `${story}?utm_source=a`, published: "2024-05-10T00:00:00.000Z" }),
            article("y", { published: "2024-05-05T00:00:00.000Z" }),
          ],
        ],
        [
          "b",
          [
            article("x-full", {
              url: `${story}?utm_medium=b`,
              published: "2024-05-01T00:00:00.000Z",
              content: `<p>${"the whole story ".repeat(20)}</p>`,
              source: { id: "b", title: "B", url: null },
            }),
          ],
        ],
      ]),
    );
    expect(combined!.articles.map((a) => a.id)).toEqual(["y", "x-full"]);
  });

  it("matches content filters against the text readers see: entities decoded, inline tags joined", () => {
    const filtered = validateConfig({
      site: { title: "Site", url: "https://feeds.example.org/" },
      sources: [{ id: "a", type: "feed", url: "https://a.example/rss" }],
      outputs: [
        { name: "att", title: "AT&T", include: { content: "AT&T" } },
        { name: "lt", title: "lt", include: { content: "x < y" } },
        { name: "widget", title: "widget", include: { content: "SuperWidget" } },
        { name: "no-att", title: "no AT&T", exclude: { content: "AT&T" } },
        { name: "amp", title: "amp", include: { content: "\\bamp\\b" } },
      ],
    });
    const long = "lorem ipsum ".repeat(40);
    const body = (html: string) => ({ content: `<p>${long}</p>${html}`, summary: long.slice(0, 300) });
    const [, att, lt, widget, noAtt, amp] = selectOutputs(
      filtered,
      new Map([
        [
          "a",
          [
            article("telecom", {
              ...body("<p>AT&amp;T announced</p>"),
              published: "2024-05-03T00:00:00.000Z",
            }),
            article("math", { ...body("<p>x &lt; y holds</p>"), published: "2024-05-02T00:00:00.000Z" }),
            article("shop", { ...body("<p><b>Super</b>Widget</p>"), published: "2024-05-01T00:00:00.000Z" }),
          ],
        ],
      ]),
    );
    expect(att!.articles.map((a) => a.id)).toEqual(["telecom"]);
    expect(lt!.articles.map((a) => a.id)).toEqual(["math"]);
    expect(widget!.articles.map((a) => a.id)).toEqual(["shop"]);
    expect(noAtt!.articles.map((a) => a.id)).toEqual(["math", "shop"]);
    expect(amp!.articles).toEqual([]);
  });

  it("takes filter regexes in JavaScript's older syntax too (identity escapes, a class next to a dash)", () => {
    const legacy = validateConfig({
      site: { title: "Site", url: "https://feeds.example.org/" },
      sources: [{ id: "a", type: "feed", url: "https://a.example/rss" }],
      outputs: [
        { name: "x-ray", title: "X-ray", include: { title: "x\\-ray" } },
        { name: "codes", title: "Codes", include: { title: "^[\\w-.]+$" } },
      ],
    });
    const [, xray, codes] = selectOutputs(
      legacy,
      new Map([
        [
          "a",
          [
            article("scan", { title: "New X-ray unit", published: "2024-05-02T00:00:00.000Z" }),
            article("code", { title: "v1.2-rc.3", published: "2024-05-01T00:00:00.000Z" }),
          ],
        ],
      ]),
    );
    expect(xray!.articles.map((a) => a.id)).toEqual(["scan"]);
    expect(codes!.articles.map((a) => a.id)).toEqual(["code"]);
  });

  it("orders ties by id, then source, whatever the order of the sources in the config", () => {
    const same = "2024-05-01T00:00:00.000Z";
    const of = (source: string, id: string, url: string) =>
      article(id, {
        published: same,
        url,
        title: `${source} ${url}`,
        source: { id: source, title: source, url: null },
      });
    const bySource = new Map<string, Article[]>([
      ["a", [of("a", "42x", "https://a.example/42"), of("a", "https://x.example/s", "https://x.example/s")]],
      ["b", [of("b", "42x", "https://b.example/42"), of("b", "https://x.example/s", "https://x.example/s")]],
    ]);
    const orders = [
      ["a", "b"],
      ["b", "a"],
    ].map((ids) => {
      const reordered = validateConfig({
        site: { title: "Site", url: "https://feeds.example.org/" },
        sources: ids.map((id) => ({ id, type: "feed", url: `https://${id}.example/rss` })),
      });
      return selectOutputs(reordered, bySource)[0]!.articles.map((x) => `${x.source.id}:${x.id}`);
    });
    // By the ids the sources gave ("42x" < "https:…"), then by source; the shared URI id is one story,
    // and the same copy of it wins either way.
    expect(orders[0]).toEqual(["a:urn:crier:a:guid:42x", "b:urn:crier:b:guid:42x", "a:https://x.example/s"]);
    expect(orders[1]).toEqual(orders[0]);
  });

  it("orders ties by id so the output never depends on fetch timing", () => {
    const same = "2024-05-01T00:00:00.000Z";
    const sorted = [article("b", { published: same }), article("a", { published: same })].sort(
      compareNewestFirst,
    );
    expect(sorted.map((a) => a.id)).toEqual(["a", "b"]);
  });
});

describe("a published story whose copy is no candidate any more", () => {
  /** One build's selection, with the last build's picks and stories as build.ts hands them over. */
  const select = (config: Config, bySource: Map<string, Article[]>, previous: CandidateSelection[] = []) =>
    selectCandidates(
      config,
      new Map(
        config.sources.map((source) => [
          source.id,
          sourceCandidates(
            config,
            source,
            filterSourceArticles(config, source, bySource.get(source.id) ?? []),
          ),
        ]),
      ),
      new Map(previous.map((set) => [set.name, new Set(set.picks.map(pickKey))])),
      new Map(previous.map((set) => [set.name, new Map(Object.entries(set.stories))])),
    );
  const ids = (selection: CandidateSelection) => selection.picks.map((pick) => pick.id);
  const of = (source: string, id: string, extra: Partial<Article> = {}) =>
    article(id, { source: { id: source, title: source, url: null }, ...extra });
  const big = of("r", "https://news.example/big", {
    title: "Big story",
    url: "https://news.example/big",
    published: "2024-05-01T10:00:00.000Z",
    content: `<p>${"The whole story. ".repeat(20)}</p>`,
  });
  const copy = of("a", "a-big", {
    title: "Big story",
    url: "https://news.example/big?utm_source=a",
    published: "2024-05-01T10:00:00.000Z",
  });
  const newer = (n: number) => of("r", `r-${n}`, { published: `2024-05-0${n + 1}T10:00:00.000Z` });

  it("keeps another source's copy of it out of the set, as long as that copy is there", () => {
    const config = validateConfig({
      site: { title: "Site", url: "https://feeds.example.org/" },
      output: { maxItems: 2 },
      sources: [
        { id: "r", type: "feed", url: "https://r.example/rss" },
        { id: "a", type: "feed", url: "https://a.example/rss" },
      ],
      // A set that shows more than a source keeps (output.maxItems caps each source).
      outputs: [{ name: "wide", title: "Wide", maxItems: 10 }],
    });
    const first = select(
      config,
      new Map([
        ["r", [big]],
        ["a", [copy]],
      ]),
    );
    expect(first.map(ids)).toEqual([["https://news.example/big"], ["https://news.example/big"]]);
    // r's two newer items push its copy out of its candidates; a's copy is the story readers have.
    const second = select(
      config,
      new Map([
        ["r", [newer(2), newer(1), big]],
        ["a", [copy]],
      ]),
      first,
    );
    expect(second.map(ids)).toEqual([
      ["r-2", "r-1"],
      ["r-2", "r-1"],
    ]);
    expect(Object.keys(second[1]!.stories)).toContain(pickKey({ sourceId: "r", id: big.id }));
    // And in the builds after.
    const third = select(
      config,
      new Map([
        ["r", [newer(2), newer(1)]],
        ["a", [copy]],
      ]),
      second,
    );
    expect(third.map(ids)).toEqual(second.map(ids));
    // Once a's copy is gone too, the story is forgotten.
    const fourth = select(
      config,
      new Map([
        ["r", [newer(2), newer(1)]],
        ["a", []],
      ]),
      third,
    );
    expect(Object.keys(fourth[1]!.stories)).toEqual(["r\u0000r-2", "r\u0000r-1"]);
  });

  it("gives the story to the other copy when its source leaves the config", () => {
    const both = validateConfig({
      site: { title: "Site", url: "https://feeds.example.org/" },
      sources: [
        { id: "r", type: "feed", url: "https://r.example/rss", maxItems: 2 },
        { id: "a", type: "feed", url: "https://a.example/rss" },
      ],
    });
    const first = select(
      both,
      new Map([
        ["r", [big]],
        ["a", [copy]],
      ]),
    );
    const onlyA = validateConfig({
      site: { title: "Site", url: "https://feeds.example.org/" },
      sources: [{ id: "a", type: "feed", url: "https://a.example/rss" }],
    });
    expect(ids(select(onlyA, new Map([["a", [copy]]]), first)[0]!)).toEqual(["a-big"]);
    // While r stays, its published copy holds the story even when r's own maxItems pushed it out.
    expect(
      ids(
        select(
          both,
          new Map([
            ["r", [newer(2), newer(1), big]],
            ["a", [copy]],
          ]),
          first,
        )[0]!,
      ),
    ).toEqual(["r-2", "r-1"]);
  });
});
