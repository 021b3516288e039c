// The naive pipeline the issue compares crier with: our own dependencies and no crier code. undici
// request() on one pooled Agent (32 requests in flight), rss-parser parseString per feed, cheerio +
// iconv-lite for the html lists and their detail pages, then the newest `maxItems` written as RSS 2.0,
// Atom 1.0 and JSON Feed with `feed` 6. Usage: node bench/baseline.mjs MANIFEST.json [--sanitize]
// With --sanitize, every item's content also goes through sanitize-html (its default allow-list plus
// images), the one step of crier's ingest that design §3 makes mandatory ("content: sanitized HTML").
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { load } from "cheerio";
import { Feed } from "feed";
import iconv from "iconv-lite";
import Parser from "rss-parser";
import sanitizeHtml from "sanitize-html";
import { Agent, request } from "undici";

const manifest = JSON.parse(await readFile(process.argv[2], "utf8"));
const CONCURRENCY = manifest.concurrency;
const agent = new Agent({ connections: CONCURRENCY });
const parser = new Parser();
const SANITIZE = process.argv.includes("--sanitize");
const SANITIZE_OPTIONS = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, "img"],
  allowedAttributes: { ...sanitizeHtml.defaults.allowedAttributes, img: ["src", "srcset", "alt", "title"] },
};
const clean = (html) => (SANITIZE ? sanitizeHtml(html ?? "", SANITIZE_OPTIONS) : html);

let inFlight = 0;
const waiting = [];
async function get(url) {
  if (inFlight >= CONCURRENCY) await new Promise((resolve) => waiting.push(resolve));
  inFlight++;
  try {
    const response = await request(url, { dispatcher: agent });
    const body = Buffer.from(await response.body.arrayBuffer());
    if (response.statusCode !== 200) throw new Error(`${url}: HTTP ${response.statusCode}`);
    const charset = /charset=([^;]+)/i.exec(String(response.headers["content-type"] ?? ""))?.[1] ?? "utf-8";
    return iconv.decode(body, charset.trim());
  } finally {
    inFlight--;
    waiting.shift()?.();
  }
}

async function readFeed(url) {
  const feed = await parser.parseString(await get(url));
  return feed.items.map((item) => ({
    title: item.title ?? "",
    id: item.guid ?? item.id ?? item.link,
    link: item.link,
    date: new Date(item.isoDate ?? item.pubDate ?? 0),
    description: item.contentSnippet,
    content: clean(item.content),
    author: item.creator ? [{ name: item.creator }] : undefined,
    category: (item.categories ?? []).map((name) => ({ name: String(name) })),
  }));
}

async function readHtml(url) {
  const $ = load(await get(url));
  const entries = $("ul.notices li")
    .toArray()
    .map((li) => ({
      title: $(li).find("a").text().trim(),
      link: new URL($(li).find("a").attr("href"), url).href,
    }));
  return Promise.all(
    entries.map(async (entry) => {
      const $d = load(await get(entry.link));
      const stamp = /(\d{4})年(\d{2})月(\d{2})日 (\d{2}):(\d{2})/.exec($d(".pubtime").text());
      const date = stamp
        ? new Date(`${stamp[1]}-${stamp[2]}-${stamp[3]}T${stamp[4]}:${stamp[5]}:00+08:00`)
        : new Date(0);
      return { ...entry, id: entry.link, date, content: clean($d("#article").html() ?? "") };
    }),
  );
}

const all = [];
let next = 0;
const jobs = [...manifest.feeds.map((url) => ["feed", url]), ...manifest.html.map((url) => ["html", url])];
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < jobs.length) {
      const [kind, url] = jobs[next++];
      all.push(...(kind === "feed" ? await readFeed(url) : await readHtml(url)));
    }
  }),
);
await agent.close();

all.sort((a, b) => b.date - a.date);
const site = manifest.site;
const feed = new Feed({
  title: site.title,
  id: site.url,
  link: site.url,
  description: site.description,
  language: site.language,
  copyright: "",
  updated: all[0]?.date,
  feedLinks: { rss: `${site.url}feed.xml`, atom: `${site.url}atom.xml`, json: `${site.url}feed.json` },
  author: { name: site.author },
});
for (const item of all.slice(0, manifest.maxItems)) feed.addItem(item);
await mkdir(manifest.outDir, { recursive: true });
await Promise.all([
  writeFile(path.join(manifest.outDir, "feed.xml"), feed.rss2()),
  writeFile(path.join(manifest.outDir, "atom.xml"), feed.atom1()),
  writeFile(path.join(manifest.outDir, "feed.json"), feed.json1()),
]);
process.stdout.write(`${JSON.stringify({ sources: jobs.length, items: all.length })}\n`);
