// Interleaved A/B of the normalize stage over bench corpus items, in one process (steadier than two bench
// runs on a shared machine): node bench/normalize-ab.mjs DIST_A DIST_B  (two builds of crier's dist/).
// Prints CPU ms per item for each and how many normalized Articles differ between the two.
// ROUNDS=N (default 15): rounds alternate which build runs first, so neither always meets a cold cache.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createCorpus } from "./lib/corpus.mjs";

const [distA, distB] = process.argv.slice(2).map((d) => path.resolve(d));
if (!distA || !distB) throw new Error("usage: node bench/normalize-ab.mjs DIST_A DIST_B");
const load = (dist, file) => import(pathToFileURL(path.join(dist, file)).href);
const { parseFeedDocument } = await load(distA, "sources/feed/parseFeedDocument.js");
const A = await load(distA, "normalize/index.js");
const B = await load(distB, "normalize/index.js");

const html = await load(distA, "sources/html/index.js");
const { extractDetail, extractList } = html;
// Builds before the eleventh session kept mergeDetail in readHtmlSource.js only.
const { mergeDetail } = html.mergeDetail ? html : await load(distA, "sources/html/readHtmlSource.js");

const origin = "http://127.0.0.1:1";
const corpus = createCorpus({ feeds: 20, items: 50, html: 4, origin });
const raws = [];
for (let s = 0; s < 20; s++) {
  const feed = await parseFeedDocument(
    corpus.get(`/feed/${s}.xml`).body.toString(),
    `${origin}/feed/${s}.xml`,
  );
  for (const raw of feed.items) raws.push({ raw, documentUrl: `${origin}/feed/${s}.xml`, timezone: "UTC" });
}
// html sources (list + detail pages, GBK for even ones), read as bench/lib/config.mjs configures them.
const decode = (doc) => new TextDecoder(/gbk/i.test(doc.contentType) ? "gbk" : "utf-8").decode(doc.body);
for (let s = 0; s < 4; s++) {
  const listUrl = `${origin}/html/${s}/list.html`;
  const list = { item: "ul.notices li", title: "a", link: "a@href", date: "span.date" };
  for (const item of extractList(decode(corpus.get(`/html/${s}/list.html`)), listUrl, list).items) {
    const detailPath = new URL(item.link).pathname;
    const found = extractDetail(decode(corpus.get(detailPath)), item.link, {
      content: "#article",
      date: ".pubtime",
    });
    raws.push({ raw: mergeDetail(item, found, new Date()), documentUrl: listUrl, timezone: "Asia/Shanghai" });
  }
}
const now = new Date();
const context = (N, { documentUrl, timezone }) => ({
  source: { id: "ab", title: "ab", url: null },
  documentUrl,
  timezone,
  now,
  transforms: N.compileTransforms([]),
  language: null,
});
const run = (N) => {
  const start = process.cpuUsage();
  const out = raws.map((entry) => N.normalizeItem(entry.raw, context(N, entry)));
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000 / raws.length, out };
};
const rounds = Number(process.env.ROUNDS ?? 15);
const times = { A: [], B: [] };
let last = null;
for (let round = 0; round < rounds; round++) {
  const [first, second] = round % 2 === 0 ? ["A", "B"] : ["B", "A"];
  const results = { [first]: run(first === "A" ? A : B), [second]: run(second === "A" ? A : B) };
  times.A.push(results.A.ms);
  times.B.push(results.B.ms);
  last = [results.A.out, results.B.out];
}
const differing = last[0].filter(
  (article, i) => JSON.stringify(article) !== JSON.stringify(last[1][i]),
).length;
const best = (list) => Math.min(...list).toFixed(3);
const median = (list) => [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)].toFixed(3);
console.log(`${raws.length} items; articles differing between A and B: ${differing}`);
for (const k of ["A", "B"]) {
  console.log(`${k}: ${best(times[k])} ms CPU/item best, ${median(times[k])} median of ${rounds} rounds`);
}
// Each round's B/A pairs two runs made back to back: steadier than best-of when others load the machine.
const ratios = times.B.map((b, i) => b / times.A[i]);
console.log(
  `B/A: ${median(ratios)} median of per-round ratios (best-of ratio ${(Math.min(...times.B) / Math.min(...times.A)).toFixed(2)})`,
);
