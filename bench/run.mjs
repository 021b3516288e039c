// npm run bench [-- --quick] [-- --sizes 100,1000] [-- --warm-runs 3] [-- --profile] [-- --cli FILE] [-- --work DIR]
//
// Generates a deterministic corpus, serves it on 127.0.0.1, and measures side by side: the naive pipeline
// of crier's own dependencies (baseline, and baseline + sanitize-html), crier cold, crier warm (every source
// 304) beside a plain-undici warm floor, and crier incremental (1% of sources with one new item). Every
// measured program is a child process; see lib/measure.mjs.
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CONCURRENCY, writeBenchConfig } from "./lib/config.mjs";
import { createCorpus } from "./lib/corpus.mjs";
import { runMeasured } from "./lib/measure.mjs";
import { summarizeProfiles } from "./lib/profile.mjs";
import { startCorpusServer } from "./lib/server.mjs";
import { diffSnapshots, snapshotFiles } from "./lib/snapshot.mjs";
import { formatTable, ratio, seconds } from "./lib/table.mjs";
import { checkTargets, REFERENCE_RUNS } from "./lib/targets.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEFAULT_CLI = path.join(ROOT, "dist", "cli", "main.js");
const BASELINE = path.join(ROOT, "bench", "baseline.mjs");
const FLOOR = path.join(ROOT, "bench", "floor.mjs");
const ITEMS = 50;
const HTML_SOURCES = 50;
const HTML_ITEMS = 20;
const MAX_ITEMS = 100;

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    sizes: { type: "string" },
    "warm-runs": { type: "string", default: "3" },
    profile: { type: "boolean", default: false },
    // Another build of crier (e.g. a patched copy of dist/) to compare against the same corpus.
    cli: { type: "string" },
    // Scratch folder (wiped at start); default bench/.work.
    work: { type: "string" },
    // Per measured run; the bench is bounded even on a machine too loaded to finish it.
    "run-timeout": { type: "string", default: "600" },
  },
});
const runTimeoutMs = Number(values["run-timeout"]) * 1000;
const WORK = values.work ? path.resolve(values.work) : path.join(ROOT, "bench", ".work");
const CLI = values.cli ? path.resolve(values.cli) : DEFAULT_CLI;
const sizes = values.quick ? [100] : (values.sizes ?? "100,1000").split(",").map(Number);
const warmRuns = Math.max(1, Number(values["warm-runs"]));
if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 5000)) {
  throw new Error(`--sizes expects integers between 1 and 5000, got ${values.sizes}`);
}
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm run bench does)`);

const benchStarted = performance.now();
const loadBefore = os.loadavg();
const log = (line) => process.stderr.write(`bench: ${line}\n`);

await rm(WORK, { recursive: true, force: true });
await mkdir(WORK, { recursive: true });

let corpus = null;
const server = await startCorpusServer(() => corpus, { lifetimeMs: 10 * 60_000 });
const results = [];
try {
  const genStart = performance.now();
  corpus = createCorpus({
    feeds: Math.max(...sizes),
    items: ITEMS,
    html: HTML_SOURCES,
    htmlItems: HTML_ITEMS,
    origin: server.origin,
  });
  log(`corpus generated in ${seconds(performance.now() - genStart)} s, served at ${server.origin}`);
  for (const size of sizes) {
    try {
      await benchSize(size);
    } catch (error) {
      // Report what was measured so far rather than nothing.
      results.at(-1).aborted = error.message.split("\n")[0];
      log(`size ${size} aborted: ${results.at(-1).aborted}`);
      break;
    }
  }
} finally {
  await server.close();
}

const report = {
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadavgBefore: loadBefore.map((l) => Number(l.toFixed(2))),
    loadavgAfter: os.loadavg().map((l) => Number(l.toFixed(2))),
  },
  corpus: { itemsPerFeed: ITEMS, htmlSources: HTML_SOURCES, htmlItems: HTML_ITEMS, maxItems: MAX_ITEMS },
  sizes: results,
  benchSeconds: Number(seconds(performance.now() - benchStarted)),
};
report.targets = checkTargets(results);
if (values.profile) report.profiles = await summarizeAll(results);
await writeFile(path.join(WORK, "results.json"), `${JSON.stringify(report, null, 2)}\n`);
printReport(report);

async function benchSize(size) {
  const view = corpus.select(size);
  const dir = path.join(WORK, `s${size}`);
  await mkdir(dir, { recursive: true });
  const configFile = await writeBenchConfig(dir, view);
  const manifestFile = path.join(dir, "baseline.json");
  await writeFile(
    manifestFile,
    JSON.stringify({
      concurrency: CONCURRENCY,
      feeds: view.feedSources.map((s) => `${server.origin}${s.path}`),
      html: view.htmlSources.map((s) => `${server.origin}${s.path}`),
      outDir: path.join(dir, "baseline-output"),
      maxItems: MAX_ITEMS,
      site: {
        title: "crier bench",
        url: "https://bench.example.org/",
        description: "bench",
        language: "zh-CN",
        author: "bench",
      },
    }),
  );
  const outDir = path.join(dir, "output");
  const stateDir = path.join(dir, "state");
  const corpusItems = view.feedSources.length * ITEMS + view.htmlSources.length * HTML_ITEMS;
  const sourceCount = view.sources.length;
  const info = {
    feeds: view.feedSources.length,
    html: view.htmlSources.length,
    sources: sourceCount,
    corpusItems,
    corpusMb: Number((corpus.mainBytes(view.sources) / 2 ** 20).toFixed(1)),
  };
  log(`size ${size}: ${sourceCount} sources, ${corpusItems} items, ${info.corpusMb} MB of feeds/lists`);
  const runs = [];
  results.push({ size, ...info, runs });

  const measure = async (run, script, args) => {
    server.resetCounts();
    const nodeArgs =
      values.profile && script === CLI
        ? ["--cpu-prof", "--cpu-prof-dir", path.join(WORK, "profiles", `${size}-${run}`)]
        : [];
    const m = await runMeasured({
      script,
      args,
      nodeArgs,
      cwd: dir,
      usageFile: path.join(dir, `usage-${run}.json`),
      label: `${run} (${size})`,
      timeoutMs: runTimeoutMs,
    });
    const counts = server.counts();
    return { ...m, requests: { ok: counts.ok, notModified: counts.notModified, notFound: counts.notFound } };
  };
  const crier = async (run) => {
    const m = await measure(run, CLI, ["build", "--config", configFile, "--json"]);
    const build = JSON.parse(m.stdout);
    const failed = build.sources.filter((s) => !s.ok);
    for (const s of failed.slice(0, 5)) log(`  ${run}: source ${s.id} failed: ${s.error}`);
    const row = {
      run,
      ...pickFigures(m, corpusItems),
      items: build.sources.reduce((sum, s) => sum + s.items, 0),
      sourcesFailed: failed.length,
      notModifiedSources: build.sources.filter((s) => s.notModified).length,
      durationMs: build.durationMs,
      timings: build.timings ?? null,
    };
    log(`  ${run}: ${seconds(m.wallMs)} s wall, ${seconds(m.cpuMs)} s CPU, ${Math.round(m.maxRssMb)} MB`);
    return row;
  };

  const b = await measure("baseline", BASELINE, [manifestFile]);
  const parsed = JSON.parse(b.stdout);
  runs.push({ run: "baseline", ...pickFigures(b, corpusItems), items: parsed.items, sourcesFailed: 0 });
  log(`  baseline: ${seconds(b.wallMs)} s wall, ${seconds(b.cpuMs)} s CPU, ${Math.round(b.maxRssMb)} MB`);
  // The baseline plus the sanitizing design §3 requires of any implementation, for scale.
  const bs = await measure("baseline + sanitize", BASELINE, [manifestFile, "--sanitize"]);
  runs.push({
    run: "baseline + sanitize",
    ...pickFigures(bs, corpusItems),
    items: JSON.parse(bs.stdout).items,
    sourcesFailed: 0,
  });
  log(`  baseline + sanitize: ${seconds(bs.wallMs)} s wall, ${seconds(bs.cpuMs)} s CPU`);

  runs.push(await crier("cold"));

  const warm = [];
  for (let i = 0; i < warmRuns; i++) {
    const before = await snapshotFiles(outDir);
    const stateBefore = await snapshotFiles(stateDir);
    const row = await crier(`warm${warmRuns > 1 ? `#${i + 1}` : ""}`);
    row.outputsRewritten = diffSnapshots(before, await snapshotFiles(outDir));
    row.stateFilesRewritten = diffSnapshots(stateBefore, await snapshotFiles(stateDir)).length;
    warm.push(row);
  }
  // The median run stands for "warm"; the others stay in results.json.
  runs.push({
    ...medianRun(warm),
    run: "warm",
    outputsRewritten: [...new Set(warm.flatMap((w) => w.outputsRewritten))],
    allWarmRuns: warm,
  });

  // Before the corpus changes: the same revalidations with nothing but undici, for scale.
  const floorFile = path.join(dir, "floor.json");
  await writeFile(
    floorFile,
    JSON.stringify({
      concurrency: CONCURRENCY,
      documents: view.sources.map((s) => ({
        url: `${server.origin}${s.path}`,
        etag: corpus.get(s.path).etag,
      })),
    }),
  );
  const floors = [];
  for (let i = 0; i < warmRuns; i++) {
    const f = await measure("warm floor", FLOOR, [floorFile]);
    const answered = JSON.parse(f.stdout);
    if (answered.other > 0)
      log(`  warm floor: ${answered.other} of ${answered.requests} requests were not 304`);
    floors.push({
      run: "warm floor",
      ...pickFigures(f, corpusItems),
      items: 0,
      sourcesFailed: 0,
      startMs: answered.startMs,
      requestsMs: answered.requestsMs,
    });
  }
  const floor = medianRun(floors);
  runs.push(floor);
  log(
    `  warm floor (undici only): ${seconds(floor.wallMs)} s wall (start ${seconds(floor.startMs)} s, requests ${seconds(floor.requestsMs)} s), ${seconds(floor.cpuMs)} s CPU`,
  );

  const changed = view.change({ every: 100, offset: 37 });
  const before = await snapshotFiles(outDir);
  const incremental = await crier("incremental");
  incremental.changedSources = changed;
  incremental.outputsRewritten = diffSnapshots(before, await snapshotFiles(outDir));
  runs.push(incremental);
}

/** The run of median wall time, with the range of all of them. */
function medianRun(rows) {
  const walls = rows.map((r) => r.wallMs);
  const median = [...rows].sort((x, y) => x.wallMs - y.wallMs)[Math.floor(rows.length / 2)];
  return { ...median, wallRangeMs: [Math.min(...walls), Math.max(...walls)] };
}

/** Rows compared with the baseline: all but the baseline itself and the warm floor (a 304-only run). */
function hasBaselineRatio(row) {
  return row.run !== "baseline" && row.run !== "warm floor";
}

function pickFigures(m, corpusItems) {
  return {
    wallMs: Math.round(m.wallMs),
    cpuMs: Math.round(m.cpuMs),
    userMs: Math.round(m.userMs),
    systemMs: Math.round(m.systemMs),
    maxRssMb: Math.round(m.maxRssMb),
    itemsPerSecond: Math.round(corpusItems / (m.wallMs / 1000)),
    requests: m.requests,
  };
}

async function summarizeAll(sizesResults) {
  const out = {};
  for (const s of sizesResults) {
    for (const run of [
      "cold",
      ...Array.from({ length: warmRuns }, (_, i) => `warm${warmRuns > 1 ? `#${i + 1}` : ""}`),
      "incremental",
    ]) {
      const dir = path.join(WORK, "profiles", `${s.size}-${run}`);
      if (existsSync(dir)) out[`${s.size}-${run}`] = await summarizeProfiles(dir, 15);
    }
  }
  return out;
}

function printReport(r) {
  const lines = [];
  lines.push(
    "",
    `crier bench — ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}; load average ${r.machine.loadavgBefore[0]} before, ${r.machine.loadavgAfter[0]} after`,
    "",
  );
  const rows = [];
  for (const s of r.sizes) {
    const base = s.runs.find((x) => x.run === "baseline");
    for (const x of s.runs) {
      rows.push([
        `${s.feeds}+${s.html}`,
        x.run,
        seconds(x.wallMs),
        seconds(x.cpuMs),
        x.maxRssMb,
        x.itemsPerSecond,
        `${x.requests.ok}/${x.requests.notModified}`,
        hasBaselineRatio(x) ? ratio(x.wallMs, base?.wallMs) : "",
        hasBaselineRatio(x) ? ratio(x.cpuMs, base?.cpuMs) : "",
        x.outputsRewritten ? x.outputsRewritten.length : "",
      ]);
    }
  }
  lines.push(
    formatTable(
      [
        "sources",
        "run",
        "wall s",
        "CPU s",
        "peak RSS MB",
        "items/s",
        "HTTP 200/304",
        "wall ×base",
        "CPU ×base",
        "outputs rewritten",
      ],
      rows,
    ),
  );
  for (const s of r.sizes) if (s.aborted) lines.push("", `size ${s.size} aborted: ${s.aborted}`);
  lines.push(
    "",
    "Stage timings from crier's --json report (ms, summed over concurrent sources, so they can exceed wall time):",
    "",
  );
  const stages = ["fetch", "decode", "parse", "normalize", "aggregate", "render", "write"];
  const stageRows = [];
  for (const s of r.sizes) {
    for (const x of s.runs) {
      if (REFERENCE_RUNS.has(x.run)) continue;
      stageRows.push([`${s.feeds}+${s.html}`, x.run, ...stages.map((k) => x.timings?.[k]), x.durationMs]);
    }
  }
  lines.push(formatTable(["sources", "run", ...stages, "durationMs"], stageRows));
  lines.push("", "Targets (goals, not assertions):", "");
  lines.push(
    formatTable(
      ["target", "goal", "measured", "result"],
      r.targets.map((t) => [t.name, t.goal, t.measured, t.ok === null ? "n/a" : t.ok ? "met" : "MISSED"]),
    ),
  );
  if (r.profiles) {
    for (const [name, p] of Object.entries(r.profiles)) {
      lines.push("", `Profile ${name} (${p.totalMs} ms sampled): by package / by function (self time)`, "");
      const n = Math.max(p.packages.length, p.functions.length);
      const prow = [];
      for (let i = 0; i < Math.min(n, 12); i++) {
        const a = p.packages[i];
        const f = p.functions[i];
        prow.push([
          a ? a.name : "",
          a ? `${a.ms} ms (${(a.share * 100).toFixed(0)}%)` : "",
          f ? f.name.slice(0, 70) : "",
          f ? `${f.ms} ms` : "",
        ]);
      }
      lines.push(formatTable(["package", "self", "function", "self"], prow));
    }
  }
  lines.push(
    "",
    `Figures also in ${path.relative(ROOT, path.join(WORK, "results.json"))}; bench took ${r.benchSeconds} s.`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}
