import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/index.js";
import type { Article, RawItem } from "../../src/model.js";
import { mintedId } from "../../src/normalize/ids.js";
import { type NormalizeContext, normalizeItem, normalizeItems } from "../../src/normalize/index.js";
import { readSource } from "../../src/sources/index.js";
import { normalizeSourceItems } from "../../src/worker/normalizeSource.js";
import { sourceContext } from "../fixtures/html/context.js";

// Design §3: every Article has a title that shows something. README: a title of nothing but invisible
// characters counts as missing; an item with no text is titled by its link, else (no link) by its image's
// alt text, its image or enclosure URL, its guid, else the source's title.

/** What a reader would show: the title without spaces, format characters, fillers and bare marks. */
const shown = (title: string) => title.replace(/[\s\p{Z}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}]/gu, "");

const FILLERS = ["\u3164", "\u115F", "\uFE0F", "\u0301", "\u200B", " \u3164\u0301 "];

const rss = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Photo stream</title><link>http://photos.example/</link><description>d</description>
<item><guid isPermaLink="false">photo-1</guid><pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate><description>&lt;img src="http://photos.example/p/1.jpg"&gt;</description></item>
<item><guid isPermaLink="false">photo-2</guid><description>&lt;img src="/p/2.jpg" alt="Harbour at dawn"&gt;</description></item>
<item><title>\u3164</title><enclosure url="http://photos.example/a/3.mp3" type="audio/mpeg" length="1"/></item>
<item><title>\u200B</title><guid isPermaLink="false">photo-4</guid></item>
<item><description>&lt;img src="data:image/png;base64,AAAA"&gt;</description></item>
${FILLERS.map((t, i) => `<item><title>${t}</title><guid isPermaLink="false">filler-${i}</guid></item>`).join("\n")}
</channel></rss>`;

const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://rdf.example/"><title>RDF board</title><link>http://rdf.example/</link><description>d</description></channel>
<item rdf:about="urn:rdf:1"><title>\u3164</title><description>&lt;img src="http://rdf.example/1.png"&gt;</description></item>
<item rdf:about="urn:rdf:2"><title>\uFE0F</title></item>
</rdf:RDF>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom photos</title><id>urn:atom</id><updated>2026-06-01T00:00:00Z</updated>
<entry><id>urn:atom:1</id><title type="text"/><updated>2026-06-01T00:00:00Z</updated><content type="html">&lt;img src="http://atom.example/1.jpg"&gt;</content></entry>
<entry><id>urn:atom:2</id><title type="html">&lt;img src="x"&gt;</title><updated>2026-06-01T00:00:00Z</updated></entry>
<entry><id>urn:atom:3</id><title>\u115F</title><updated>2026-06-01T00:00:00Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><img src="http://atom.example/3.jpg" alt="\u3164"/></div></content></entry>
</feed>`;

const json = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "JSON photos",
  items: [
    { id: "j1", content_html: '<img src="http://json.example/1.jpg">' },
    { id: "j2", title: "\u3164", image: "http://json.example/2.jpg" },
    { id: "j3", title: "\u0301", content_text: "" },
    ...FILLERS.map((title, i) => ({ id: `jf${i}`, title, content_text: `Body of filler ${i}` })),
  ],
});

const list = `<!doctype html><html><head><meta charset="utf-8"><title>Board</title></head><body><ul class="list">
<li><span class="t">\uFE0F</span><span class="date">2026-06-01</span><p class="s">\u3164 Water off in the east district</p></li>
<li><span class="t">\u3164</span><span class="date">2026-06-01</span><p class="s"><img src="http://list.example/2.jpg" alt=""></p></li>
</ul></body></html>`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crier-title-fallback-"));
  await writeFile(path.join(dir, "rss.xml"), rss);
  await writeFile(path.join(dir, "rdf.xml"), rdf);
  await writeFile(path.join(dir, "atom.xml"), atom);
  await writeFile(path.join(dir, "feed.json"), json);
  await writeFile(path.join(dir, "list.html"), list);
  await mkdir(path.join(dir, "notes"));
  await writeFile(
    path.join(dir, "notes", "a.md"),
    "---\ntitle: \u3164\n---\n![](http://files.example/a.png)\n",
  );
  await writeFile(
    path.join(dir, "notes", "b.html"),
    '<title>\u200B\u3164</title><p><img src="b.png" alt="\uFE0F"></p>',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function articlesOf(source: Record<string, unknown>): Promise<Article[]> {
  const config = validateConfig(
    { site: { title: "T", url: "https://site.example/" }, sources: [source] },
    undefined,
    { configDirs: [dir] },
  );
  const configured = config.sources[0]!;
  const read = await readSource(configured, sourceContext({ configDir: dir }));
  return normalizeSourceItems(configured, read, {
    defaultTimezone: "UTC",
    now: new Date("2026-06-02T00:00:00Z"),
    stored: [],
  });
}

const sources: [kind: string, source: Record<string, unknown>][] = [
  ["RSS 2.0", { id: "rss", type: "feed", url: "rss.xml" }],
  ["RSS 1.0", { id: "rdf", type: "feed", url: "rdf.xml" }],
  ["Atom", { id: "atom", type: "feed", url: "atom.xml" }],
  ["JSON Feed", { id: "json", type: "feed", url: "feed.json" }],
  [
    "html list",
    {
      id: "list",
      type: "html",
      url: "list.html",
      list: { item: "ul.list li", title: "span.t", date: "span.date", summary: "p.s" },
    },
  ],
  ["files", { id: "files", type: "files", path: "notes/*" }],
];

/** Source "s" in UTC, read on 2026-06-02, no transforms. */
const PLAIN_CONTEXT: NormalizeContext = {
  source: { id: "s", title: "S", url: null },
  documentUrl: null,
  timezone: "UTC",
  now: new Date("2026-06-02T00:00:00Z"),
  transforms: [],
  language: null,
};

describe("every article has a title that shows something", () => {
  it.each(sources)("%s", async (_kind, source) => {
    const articles = await articlesOf(source);
    expect(articles.length).toBeGreaterThan(1);
    for (const article of articles) expect(shown(article.title), JSON.stringify(article.title)).not.toBe("");
  });

  it("titles an image-only item without a link by its image, else its media, guid or source (README)", async () => {
    const titles = (await articlesOf(sources[0]![1])).map((a) => a.title);
    expect(titles.slice(0, 5)).toEqual([
      "http://photos.example/p/1.jpg", // the audit's repro: no link, no alt text
      "Harbour at dawn",
      "http://photos.example/a/3.mp3",
      "photo-4",
      "Photo stream", // a data: image has no URL worth a title, and there is no guid
    ]);
    // A title of invisible characters is missing, so the guid stands in.
    expect(titles.slice(5)).toEqual(FILLERS.map((_, i) => `filler-${i}`));
    const json = await articlesOf(sources[3]![1]);
    expect(json.map((a) => a.title)).toEqual([
      "http://json.example/1.jpg",
      "http://json.example/2.jpg",
      "j3",
      ...FILLERS.map((_, i) => `Body of filler ${i}`),
    ]);
  });

  const ctx = PLAIN_CONTEXT;

  it("keeps real titles with combining marks, joiners and emoji presentation selectors", () => {
    const titles = [
      "Tiếng Việt có dấu",
      "Tie\u0302\u0301ng Vie\u0323\u0302t", // decomposed: base letters with combining marks
      "हिन्दी समाचार",
      "क्ष",
      "❤\uFE0F",
      "👩\u200D💻",
      "\u0301Accent first",
    ];
    for (const title of titles) expect(normalizeItem({ title, guid: "g" }, ctx).title).toBe(title);
  });

  it("drops author names and categories that show nothing, as it does titles", () => {
    const raw: RawItem = {
      title: "T",
      guid: "g",
      authors: [{ name: "\u3164" }, { name: "\u200B", email: "a@example.org" }, { name: "Lê Văn" }],
      categories: ["\uFE0F", "\u0301", "Tin tức"],
    };
    const article = normalizeItem(raw, ctx);
    expect(article.authors).toEqual([{ name: "a@example.org", email: "a@example.org" }, { name: "Lê Văn" }]);
    expect(article.categories).toEqual(["Tin tức"]);
  });
});

describe("ids of link-less items across the fallback-title upgrade", () => {
  // Before fallback titles, an item with nothing to read had the title "" and a title of only Hangul
  // fillers or bare marks counted as present; their ids hashed those titles, and keep hashing them so
  // subscribers are not sent the same items again.
  const ctx: NormalizeContext = { ...PLAIN_CONTEXT, documentUrl: "http://photos.example/feed.xml" };
  const date = "2026-06-01T10:00:00Z";

  it("hash the title earlier crier read, while showing the new one", () => {
    const imageOnly = normalizeItems(
      [{ contentHtml: '<img src="http://photos.example/p/1.jpg">', published: date }],
      ctx,
    )[0]!;
    expect(imageOnly.title).toBe("http://photos.example/p/1.jpg");
    expect(imageOnly.id).toBe(mintedId("s", "", "2026-06-01T10:00:00.000Z"));

    const filler = normalizeItems(
      [{ title: "\u3164", contentText: "Water off on Main St", published: date }],
      ctx,
    )[0]!;
    expect(filler.title).toBe("Water off on Main St");
    expect(filler.id).toBe(mintedId("s", "\u3164", "2026-06-01T10:00:00.000Z"));

    // A title visible by either rule is hashed as it is shown.
    const plain = normalizeItems([{ title: "Notice", published: date }], ctx)[0]!;
    expect(plain.id).toBe(mintedId("s", "Notice", "2026-06-01T10:00:00.000Z"));
  });

  it("keeps two alike image-only items apart by their old ids", () => {
    const [a, b] = normalizeItems(
      [
        { contentHtml: '<img src="http://photos.example/p/1.jpg">', published: date },
        { contentHtml: '<img src="http://photos.example/p/2.jpg">', published: date },
      ],
      ctx,
    );
    expect(a!.id).not.toBe(b!.id);
    expect(b!.id).toBe(mintedId("s", "", "2026-06-01T10:00:00.000Z"));
  });
});
