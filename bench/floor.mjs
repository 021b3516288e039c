// The floor under a warm build: a fresh node process that revalidates the same documents with undici's
// request() (32 in flight on one pooled Agent, If-None-Match) and does nothing else; no crier code. It loads
// only undici's Agent and request() modules, as crier does (the public index loads ~110 modules more), so
// its wall time is the least any Node program needs for these requests on this machine, and what a warm
// crier build takes above it is crier's own work. Usage: node bench/floor.mjs MANIFEST.json
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const require = createRequire(import.meta.url);
const Agent = require("undici/lib/dispatcher/agent.js");
const apiRequest = require("undici/lib/api/api-request.js");

const manifest = JSON.parse(await readFile(process.argv[2], "utf8"));
const agent = new Agent({ connections: manifest.concurrency });
const counts = { requests: manifest.documents.length, notModified: 0, other: 0 };
// Process start, node's bootstrap and loading undici: the part of the wall time before the first request.
const startMs = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: manifest.concurrency }, async () => {
    while (next < manifest.documents.length) {
      const { url, etag } = manifest.documents[next++];
      const { origin, pathname } = new URL(url);
      const response = await apiRequest.call(agent, {
        origin,
        path: pathname,
        method: "GET",
        headers: { "if-none-match": etag },
      });
      await response.body.dump();
      if (response.statusCode === 304) counts.notModified++;
      else counts.other++;
    }
  }),
);
const requestsMs = performance.now() - startMs;
await agent.close();
process.stdout.write(
  `${JSON.stringify({ ...counts, startMs: Math.round(startMs), requestsMs: Math.round(requestsMs) })}\n`,
);
