// The goals for the 2-core machine, evaluated on the largest size measured. Goals, not assertions:
// the bench reports them and never fails on them.

/** Runs of the libraries alone, for scale: no crier code, so no stage timings and no crier figures. */
export const REFERENCE_RUNS = new Set(["baseline", "baseline + sanitize", "warm floor"]);

export function checkTargets(allSizes) {
  const complete = (s) =>
    ["baseline", "cold", "warm", "incremental"].every((r) => s.runs.some((x) => x.run === r));
  const sizes = allSizes.filter(complete);
  if (sizes.length === 0) return [{ name: "all", goal: "—", measured: "no size completed", ok: null }];
  const largest = sizes.at(-1);
  const smallest = sizes[0];
  const run = (s, name) => s.runs.find((r) => r.run === name);
  const label = `${largest.feeds}+${largest.html}`;
  const base = run(largest, "baseline");
  const cold = run(largest, "cold");
  const warm = run(largest, "warm");
  const inc = run(largest, "incremental");
  const floor = run(largest, "warm floor");
  const sanitized = run(largest, "baseline + sanitize");
  const crierRuns = largest.runs.filter((r) => !REFERENCE_RUNS.has(r.run));
  const peak = Math.max(...crierRuns.map((r) => r.maxRssMb));
  const targets = [
    {
      name: `cold build, ${label}`,
      goal: "≤ 1.2 × baseline wall",
      measured:
        `${(cold.wallMs / base.wallMs).toFixed(2)}× wall (${(cold.cpuMs / base.cpuMs).toFixed(2)}× CPU)` +
        (sanitized ? `; baseline + sanitize-html alone ${(sanitized.wallMs / base.wallMs).toFixed(2)}×` : ""),
      ok: cold.wallMs <= 1.2 * base.wallMs,
    },
    {
      name: `warm build, ${label}`,
      goal: "≤ 0.5 s wall incl. process start",
      measured:
        `${(warm.wallMs / 1000).toFixed(2)} s (runs ${warm.wallRangeMs.map((ms) => (ms / 1000).toFixed(2)).join("–")} s)` +
        (floor
          ? `; undici alone ${(floor.wallMs / 1000).toFixed(2)} s, of which node start ${(floor.startMs / 1000).toFixed(2)} s`
          : ""),
      ok: warm.wallMs <= 500,
    },
    {
      name: `warm build, ${label}`,
      goal: "no output file rewritten",
      measured: warm.outputsRewritten.length === 0 ? "none" : warm.outputsRewritten.join(", "),
      ok: warm.outputsRewritten.length === 0,
    },
    {
      name: `incremental (1%), ${label}`,
      goal: "≤ 0.3 × cold wall",
      measured: `${(inc.wallMs / cold.wallMs).toFixed(2)}×`,
      ok: inc.wallMs <= 0.3 * cold.wallMs,
    },
    {
      name: `peak RSS, ${label}`,
      goal: "≤ 400 MB",
      measured: `${peak} MB`,
      ok: peak <= 400,
    },
  ];
  if (sizes.length > 1) {
    const perSource = (s, key) => run(s, "cold")[key] / s.sources;
    const wallRatio = perSource(largest, "wallMs") / perSource(smallest, "wallMs");
    const cpuRatio = perSource(largest, "cpuMs") / perSource(smallest, "cpuMs");
    targets.push({
      name: `linear cost, cold ${smallest.sources} → ${largest.sources} sources`,
      goal: "time per source ≤ 1.3 × the smaller size's",
      measured: `${wallRatio.toFixed(2)}× wall, ${cpuRatio.toFixed(2)}× CPU per source`,
      ok: wallRatio <= 1.3,
    });
  } else {
    targets.push({ name: "linear cost", goal: "needs two sizes", measured: "—", ok: null });
  }
  return targets;
}
