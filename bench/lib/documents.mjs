import iconv from "iconv-lite";
import { intBetween, pick, rngFor } from "./prng.mjs";
import { articleHtml, cjkPhrase, escapeXml, latinWords, titleText } from "./text.mjs";

// The documents of the bench corpus. Item `seq` of source `s` is a pure function of (s, seq); a feed shows
// the newest `window` items, so adding one item pushes the oldest out and the size stays level.

const HOUR = 3_600_000;
/** Newest original item; everything in the corpus is well in the past, so no future-date clamping applies. */
export const BASE_TIME = Date.UTC(2025, 5, 1, 8, 0, 0);
const ITEM_BYTES = 2500;
/** Distinct article bodies per corpus; items draw from them (titles, ids and dates stay unique). */
const POOL_SIZE = 997;
const pools = new Map();

/**
 * Article bodies come from a per-origin pool: rendering 50 000 unique 2 KB bodies took ~13 s, and nothing in
 * crier or the baseline caches by content, so reuse does not flatter either side.
 */
function body(rng, origin) {
  let pool = pools.get(origin);
  if (!pool) {
    pool = Array.from({ length: POOL_SIZE }, (_, i) => {
      const html = articleHtml(rngFor(0xb0d7, i), origin, ITEM_BYTES - 520);
      return { html, escaped: escapeXml(html) };
    });
    pools.set(origin, pool);
  }
  return pool[Math.floor(rng() * POOL_SIZE)];
}

export function publishedAt(sourceIndex, seq, window) {
  return new Date(BASE_TIME + (seq - window + 1) * 3 * HOUR - sourceIndex * 61_000);
}

function itemFields(kind, s, seq, window, origin) {
  const rng = rngFor(0xbe7c, kind === "html" ? 1 : 0, s, seq);
  return {
    rng,
    title: titleText(rng),
    link: `${origin}/${kind === "html" ? "html" : "feed"}/${s}/item/${seq}.html`,
    guid: `urn:bench:${kind}:${s}:${seq}`,
    published: publishedAt(s, seq, window),
    author: `${pick(rng, ["王", "李", "張", "Smith", "Müller"])}${intBetween(rng, 1, 9)}`,
    categories: [pick(rng, ["notice", "公告", "traffic", "health", "財政"]), `c${intBetween(rng, 1, 20)}`],
  };
}

/** RSS 2.0; even items carry their HTML in CDATA, odd ones entity-escaped (both occur in the wild). */
export function rssDocument({ s, count, window, origin }) {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
    "<channel>",
    `<title>Bench source ${s} · 公告 &amp; notices</title>`,
    `<link>${origin}/feed/${s}/</link>`,
    `<atom:link href="${origin}/feed/${s}.xml" rel="self" type="application/rss+xml"/>`,
    `<description>${escapeXml(cjkPhrase(rngFor(7, s), 4))}</description>`,
    "<language>zh-CN</language>",
  ];
  for (let seq = count - 1; seq >= Math.max(0, count - window); seq--) {
    const f = itemFields("rss", s, seq, window, origin);
    const b = body(f.rng, origin);
    const content = seq % 2 === 0 ? `<![CDATA[${b.html}]]>` : b.escaped;
    out.push(
      "<item>",
      `<title>${escapeXml(f.title)}</title>`,
      `<link>${f.link}</link>`,
      `<guid isPermaLink="false">${f.guid}</guid>`,
      `<pubDate>${f.published.toUTCString()}</pubDate>`,
      `<dc:creator>${escapeXml(f.author)}</dc:creator>`,
      ...f.categories.map((c) => `<category>${escapeXml(c)}</category>`),
      `<description>${content}</description>`,
      "</item>",
    );
  }
  out.push("</channel>", "</rss>", "");
  return out.join("\n");
}

/** Atom 1.0 with an escaped-HTML summary and CDATA content. */
export function atomDocument({ s, count, window, origin }) {
  const newest = publishedAt(s, count - 1, window).toISOString();
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hant">',
    `<title>Bench Atom ${s} — 政府資訊</title>`,
    `<id>urn:bench:atom:${s}</id>`,
    `<link href="${origin}/feed/${s}/"/>`,
    `<link rel="self" href="${origin}/feed/${s}.xml"/>`,
    `<updated>${newest}</updated>`,
    `<author><name>Bench ${s}</name></author>`,
  ];
  for (let seq = count - 1; seq >= Math.max(0, count - window); seq--) {
    const f = itemFields("atom", s, seq, window, origin);
    const summary = `<p>${escapeXml(latinWords(f.rng, 12))} ${cjkPhrase(f.rng, 3)}</p>`;
    const { html } = body(f.rng, origin);
    out.push(
      "<entry>",
      `<title type="html">${escapeXml(f.title)}</title>`,
      `<id>${f.guid}</id>`,
      `<link rel="alternate" href="${f.link}"/>`,
      `<published>${f.published.toISOString()}</published>`,
      `<updated>${f.published.toISOString()}</updated>`,
      `<author><name>${escapeXml(f.author)}</name></author>`,
      ...f.categories.map((c) => `<category term="${escapeXml(c)}"/>`),
      `<summary type="html">${escapeXml(summary)}</summary>`,
      `<content type="html"><![CDATA[${html}]]></content>`,
      "</entry>",
    );
  }
  out.push("</feed>", "");
  return out.join("\n");
}

/** An announcement list page (GBK for even sources, like many government sites; UTF-8 otherwise). */
export function htmlListDocument({ s, count, window, origin }) {
  const charset = htmlCharset(s);
  const rows = [];
  for (let seq = count - 1; seq >= Math.max(0, count - window); seq--) {
    const f = itemFields("html", s, seq, window, origin);
    const day = f.published.toISOString().slice(0, 10);
    rows.push(
      `<li><a href="detail/${seq}.html" title="${escapeXml(f.title)}">${escapeXml(f.title)}</a><span class="date">${day}</span></li>`,
    );
  }
  const text = [
    "<!DOCTYPE html>",
    '<html lang="zh-CN"><head>',
    `<meta charset="${charset}">`,
    `<title>通知公告 ${s} - 某市人民政府</title>`,
    "</head><body>",
    '<div class="nav"><a href="/">首页</a> &gt; <a href="./">通知公告</a></div>',
    `<ul class="notices">\n${rows.join("\n")}\n</ul>`,
    '<div class="footer">版权所有 &copy; 某市人民政府办公厅</div>',
    "</body></html>",
    "",
  ].join("\n");
  return { body: encode(text, charset), contentType: `text/html; charset=${charset}` };
}

export function htmlDetailDocument({ s, seq, window, origin }) {
  const charset = htmlCharset(s);
  const f = itemFields("html", s, seq, window, origin);
  const p = f.published;
  const stamp = `${p.getUTCFullYear()}年${pad(p.getUTCMonth() + 1)}月${pad(p.getUTCDate())}日 ${pad(p.getUTCHours())}:${pad(p.getUTCMinutes())}`;
  const text = [
    "<!DOCTYPE html>",
    '<html lang="zh-CN"><head>',
    `<meta charset="${charset}">`,
    `<title>${escapeXml(f.title)}</title>`,
    '<script>var tracker = "x";</script>',
    "</head><body>",
    `<h1 class="title">${escapeXml(f.title)}</h1>`,
    `<div class="info"><span class="pubtime">发布时间：${stamp}</span> 来源：${escapeXml(f.author)}</div>`,
    `<div id="article">${body(f.rng, origin).html}</div>`,
    '<div class="share"><a href="javascript:void(0)" onclick="share()">分享</a></div>',
    "</body></html>",
    "",
  ].join("\n");
  return { body: encode(text, charset), contentType: `text/html; charset=${charset}` };
}

export function htmlCharset(s) {
  return s % 2 === 0 ? "gbk" : "utf-8";
}

function encode(text, charset) {
  return charset === "utf-8" ? Buffer.from(text) : iconv.encode(text, charset);
}

function pad(n) {
  return String(n).padStart(2, "0");
}
