// Interleaved A/B of feed decoding + parsing over bench corpus documents, in one process (steadier than two
// bench runs on a shared machine): node bench/parse-ab.mjs DIST_A DIST_B [FEEDS]  (two builds of dist/).
// Prints CPU ms per document (decodeText + parseFeedDocument) for each, and how many RawFeeds differ.

import path from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { createCorpus } from "./lib/corpus.mjs";

const [distA, distB, feedsArg] = process.argv.slice(2);
if (!distA || !distB) throw new Error("usage: node bench/parse-ab.mjs DIST_A DIST_B [FEEDS]");
const load = (dist, file) => import(pathToFileURL(path.join(path.resolve(dist), file)).href);
const builds = {};
for (const [name, dist] of [
  ["A", distA],
  ["B", distB],
]) {
  const { parseFeedDocument } = await load(dist, "sources/feed/parseFeedDocument.js");
  const { decodeText } = await load(dist, "fetch/index.js");
  builds[name] = { parseFeedDocument, decodeText };
}

const feeds = Number(feedsArg ?? 100);
const origin = "http://127.0.0.1:1";
const corpus = createCorpus({ feeds, items: 50, html: 0, origin });
const docs = [];
for (let s = 0; s < feeds; s++) {
  const doc = corpus.get(`/feed/${s}.xml`);
  docs.push({ body: doc.body, contentType: doc.contentType, url: `${origin}/feed/${s}.xml` });
}

const run = async ({ parseFeedDocument, decodeText }) => {
  const out = [];
  const start = process.cpuUsage();
  for (const doc of docs) {
    const text = decodeText(doc.body, { contentType: doc.contentType, kind: "xml" });
    out.push(await parseFeedDocument(text, doc.url));
  }
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000 / docs.length, out };
};

const times = { A: [], B: [] };
let last = null;
for (let round = 0; round < 5; round++) {
  const a = await run(builds.A);
  const b = await run(builds.B);
  times.A.push(a.ms);
  times.B.push(b.ms);
  last = [a.out, b.out];
}
const differing = last[0].filter((feed, i) => !isDeepStrictEqual(feed, last[1][i])).length;
const best = (list) => Math.min(...list).toFixed(2);
console.log(`${docs.length} documents; RawFeeds differing between A and B: ${differing}`);
console.log(
  `A: ${best(times.A)} ms CPU/document (best of 5)   B: ${best(times.B)} ms CPU/document (best of 5)`,
);
