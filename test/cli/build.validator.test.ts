import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeProject, ROOT, runCrier } from "../helpers/cli.js";
import { htmlProblems } from "../helpers/htmlValidate.js";

// Inputs that made the W3C feed validator report errors in crier's output (a local copy of the validator
// was run over builds of ~120 real and crafted sources): raw "[ ] |" in links, an unnormalized site URL,
// "English" as a language, an output set with no articles dated 1970, <docs> in the OPML head.

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Src</title><link>https://src.example.com/list.php?cat[]=1</link>
<description>d</description><language>English</language>
<item><title>Array params</title><link>https://src.example.com/view.php?ids[]=1&amp;ids[]=2</link>
<guid isPermaLink="true">https://src.example.com/view.php?ids[]=1&amp;ids[]=2</guid>
<pubDate>Thu, 30 May 2019 08:00:00 GMT</pubDate><description>x</description>
<enclosure url="https://cdn.example.com/ep|1.mp3" type="audio/mpeg" length="10"/></item>
</channel></rss>`;

/** RFC 3986 characters only (what the validator's InvalidUriChar / InvalidURLAttribute check). */
const URI = /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?([A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/;

function urlsIn(xml: string): string[] {
  const attrs = [...xml.matchAll(/\b(?:href|url|xmlUrl|htmlUrl)="([^"]*)"/g)].map((m) => m[1]!);
  const texts = [...xml.matchAll(/<(link|id|guid|uri|loc)>([^<]*)<\/\1>/g)].map((m) => m[2]!);
  return [...attrs, ...texts]
    .map((value) => value.replaceAll("&amp;", "&"))
    .filter((value) => /^https?:/.test(value));
}

describe("crier build: output the W3C feed validator accepts", () => {
  it("writes links in RFC 3986 form, a normalized site URL, known languages and a plausible empty-set date", async () => {
    const config = {
      site: { title: "Site", url: "https://FEEDS.Example.org/news?x=1", language: "zh_TW" },
      sources: [{ id: "src", type: "feed", url: "src.xml" }],
      outputs: [{ name: "empty", title: "Nothing yet", tags: ["no-such-tag"] }],
    };
    const dir = await makeProject(config);
    await writeFile(path.join(dir, "src.xml"), RSS);
    const result = await runCrier(["build", "--config", path.join(dir, "feeds.config.json")]);
    expect(result.code, result.stderr).toBe(0);
    const out = path.join(dir, "output");
    const read = (file: string) => readFile(path.join(out, file), "utf8");
    const rss = await read("feed.xml");
    const atom = await read("atom.xml");
    const opml = await read("sources.opml");
    const emptyRss = await read("empty/feed.xml");
    const emptyAtom = await read("empty/atom.xml");

    for (const xml of [rss, atom, opml, emptyRss, emptyAtom]) {
      const urls = urlsIn(xml);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(url).toMatch(URI);
    }
    expect(rss).toContain("<link>https://src.example.com/view.php?ids%5B%5D=1&amp;ids%5B%5D=2</link>");
    expect(rss).toContain('url="https://cdn.example.com/ep%7C1.mp3"');
    // A local feed file is listed by its own <link>.
    expect(opml).toContain('url="https://src.example.com/list.php?cat%5B%5D=1"');
    expect(opml).toContain('xmlUrl="https://feeds.example.org/news/empty/feed.xml"');

    // The site URL: host lower-cased; feed sets under its path, without its query.
    expect(atom).toContain("<id>https://feeds.example.org/news/</id>");
    expect(atom).toContain('rel="alternate" type="text/html" href="https://feeds.example.org/news?x=1"');
    expect(atom).toContain('href="https://feeds.example.org/news/atom.xml"');
    expect(emptyAtom).toContain('href="https://feeds.example.org/news/empty/atom.xml"');

    // "zh_TW" is written as zh-TW everywhere, OPML included; the feed's "English" is no language.
    expect(rss).toContain("<language>zh-TW</language>");
    expect(opml).toContain('language="zh-TW"');
    expect(`${rss}${atom}${opml}`).not.toMatch(/English/);
    // ...and on the pages: <html lang>, Traditional Chinese labels and dates.
    const index = await read("index.html");
    expect(index).toContain('<html lang="zh-TW">');
    expect(index).toContain("訂閱");
    expect(index).not.toContain("zh_TW");

    // An output set without articles is dated by the newest article, not 1970; no <docs> in OPML.
    expect(emptyRss).toContain("<lastBuildDate>Thu, 30 May 2019 08:00:00 GMT</lastBuildDate>");
    expect(emptyAtom).toContain("<updated>2019-05-30T08:00:00.000Z</updated>");
    expect(`${emptyRss}${emptyAtom}`).not.toContain("1970");
    expect(opml).not.toContain("<docs>");
  });
});

describe("crier build: sources that reuse each other's guids", () => {
  const feed = (name: string) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${name}</title><link>https://${name}.example.com/</link><description>d</description>
<item><title>${name} one</title><link>https://${name}.example.com/1</link><guid isPermaLink="false">1</guid><pubDate>Thu, 30 May 2019 08:00:00 GMT</pubDate></item>
<item><title>${name} two</title><link>https://${name}.example.com/2</link><guid isPermaLink="false">2</guid><pubDate>Fri, 31 May 2019 08:00:00 GMT</pubDate></item>
</channel></rss>`;

  it("publishes every item, with ids unique within each feed and the same on the next build", async () => {
    const config = {
      site: { title: "Site", url: "https://feeds.example.org/" },
      sources: [
        { id: "north", type: "feed", url: "north.xml" },
        { id: "south", type: "feed", url: "south.xml" },
      ],
    };
    const dir = await makeProject(config);
    await writeFile(path.join(dir, "north.xml"), feed("north"));
    await writeFile(path.join(dir, "south.xml"), feed("south"));
    const build = () => runCrier(["build", "--config", path.join(dir, "feeds.config.json")]);
    expect((await build()).code).toBe(0);
    const out = path.join(dir, "output");
    const json = JSON.parse(await readFile(path.join(out, "feed.json"), "utf8"));
    expect(json.items.map((i: { title: string }) => i.title).sort()).toEqual([
      "north one",
      "north two",
      "south one",
      "south two",
    ]);
    const ids = json.items.map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toContain("urn:crier:north:guid:1");
    const atom = await readFile(path.join(out, "atom.xml"), "utf8");
    const atomIds = [...atom.matchAll(/<entry>[\s\S]*?<id>([^<]*)<\/id>/g)].map((m) => m[1]);
    expect(new Set(atomIds).size).toBe(4);

    const again = await build();
    expect(again.stderr).toMatch(/0 file\(s\) rewritten/);
  });
});

describe("crier build: an id qualified because two sources shared it", () => {
  it("keeps that id after the other source's item is gone", async () => {
    const feed = (name: string, items: [string, string][]) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${name}</title><link>https://${name}.example.com/</link><description>d</description>
${items.map(([guid, day]) => `<item><title>${name} ${guid}</title><link>https://${name}.example.com/${guid}</link><guid isPermaLink="false">${guid}</guid><pubDate>${day} May 2019 08:00:00 GMT</pubDate></item>`).join("\n")}
</channel></rss>`;
    const config = {
      site: { title: "Site", url: "https://feeds.example.org/" },
      sources: [
        { id: "north", type: "feed", url: "north.xml" },
        // Publishes only its newest item, so an older one drops out of every feed.
        { id: "south", type: "feed", url: "south.xml", maxItems: 1 },
      ],
    };
    const dir = await makeProject(config);
    await writeFile(path.join(dir, "north.xml"), feed("north", [["7", "28"]]));
    await writeFile(path.join(dir, "south.xml"), feed("south", [["7", "29"]]));
    const build = () => runCrier(["build", "--config", path.join(dir, "feeds.config.json")]);
    const ids = async () => {
      const json = JSON.parse(await readFile(path.join(dir, "output", "feed.json"), "utf8"));
      return Object.fromEntries(json.items.map((i: { title: string; id: string }) => [i.title, i.id]));
    };
    expect((await build()).code).toBe(0);
    expect(await ids()).toEqual({ "north 7": "urn:crier:north:guid:7", "south 7": "urn:crier:south:guid:7" });

    await writeFile(
      path.join(dir, "south.xml"),
      feed("south", [
        ["8", "30"],
        ["7", "29"],
      ]),
    );
    expect((await build()).code).toBe(0);
    expect(await ids()).toEqual({ "north 7": "urn:crier:north:guid:7", "south 8": "8" });
  });
});

describe("crier build: the bundled example's pages", () => {
  it("pass html-validate's recommended rules (index and every article page)", async () => {
    const config = JSON.parse(await readFile(path.join(ROOT, "feeds.config.json"), "utf8"));
    delete config.$schema;
    const dir = await makeProject(config, { withExamples: true });
    expect((await runCrier(["build", "--config", path.join(dir, "feeds.config.json")])).code).toBe(0);
    const out = path.join(dir, "output");
    const pages = (await readdir(out, { recursive: true })).filter((file) => file.endsWith(".html"));
    expect(pages.filter((file) => file.includes("articles")).length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const file of pages) {
      problems.push(...(await htmlProblems(await readFile(path.join(out, file), "utf8"), file)));
    }
    expect(problems).toEqual([]);
  });
});
