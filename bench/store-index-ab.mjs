// Warm-build state reads, A/B in one process: node bench/store-index-ab.mjs DIST_A DIST_B STATE_DIR
// (two builds of crier's dist/, a copy of a state folder, e.g. of bench/.work/s1000/state; it is copied
// again to a temp folder, never changed). Per round and build: open a store, loadSource(id, {articles:false})
// for every source (concurrently, as a build does), flushIndex() if the build has it. The first round of a
// build with an index writes it; later rounds are warm. Prints CPU and wall ms per round (best of N).
// Builds outside the project need node_modules beside them (e.g. ln -s $PWD/node_modules /tmp/node_modules).
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [distA, distB, stateDir] = process.argv.slice(2).map((d) => path.resolve(d));
if (!distA || !distB || !stateDir)
  throw new Error("usage: node bench/store-index-ab.mjs DIST_A DIST_B STATE_DIR");
const ROUNDS = 7;
const load = (dist) => import(pathToFileURL(path.join(dist, "store/index.js")).href);
const builds = { A: await load(distA), B: await load(distB) };
const dirs = {};
for (const name of Object.keys(builds)) {
  dirs[name] = await mkdtemp(path.join(tmpdir(), `crier-store-ab-${name}-`));
  await cp(stateDir, dirs[name], { recursive: true });
}
const ids = (await readdir(path.join(dirs.A, "sources")))
  .filter((n) => n.endsWith(".json") && !n.endsWith(".articles.json"))
  .map((n) => n.slice(0, -5));

async function round(name) {
  const store = builds[name].openStateStore(dirs[name]);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const states = await Promise.all(
    ids.map(async (id) => (await store.loadSource(id, { articles: false })).state),
  );
  const wrote = store.flushIndex ? await store.flushIndex() : false;
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1000, wall: performance.now() - wall, states, wrote };
}

const times = { A: [], B: [] };
const last = {};
for (let r = 0; r < ROUNDS; r++) {
  for (const name of r % 2 ? ["B", "A"] : ["A", "B"]) {
    const result = await round(name);
    if (r > 0) times[name].push(result);
    else
      console.log(
        `${name} first round: ${result.cpu.toFixed(0)} ms CPU${result.wrote ? " (index written)" : ""}`,
      );
    last[name] = result;
  }
}
// Index-served states lack their maps until loadArticles; compare everything else.
const meta = ({ firstSeen: _f, lastSeen: _l, firstSeenPending: _p, ...rest }) => JSON.stringify(rest);
const differing = last.A.states.filter((s, i) => meta(s) !== meta(last.B.states[i])).length;
const best = (list, key) => Math.min(...list.map((t) => t[key])).toFixed(1);
console.log(`${ids.length} sources; states differing (maps aside): ${differing}`);
for (const name of ["A", "B"]) {
  const wrote = times[name].some((t) => t.wrote);
  console.log(
    `${name}: ${best(times[name], "cpu")} ms CPU, ${best(times[name], "wall")} ms wall per warm round (best of ${ROUNDS - 1})${wrote ? "; WROTE on a warm round" : ""}`,
  );
}
for (const dir of Object.values(dirs)) await rm(dir, { recursive: true, force: true });
