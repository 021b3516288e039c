import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Self time per function (and per file) from the .cpuprofile files `node --cpu-prof` wrote into dir: the
 * "where does the time go" view, without opening DevTools.
 */
export async function summarizeProfiles(dir, top = 15) {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile"));
  const byFunction = new Map();
  const byPackage = new Map();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(await readFile(path.join(dir, file), "utf8"));
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id).callFrame;
      const us = profile.timeDeltas[i] ?? 0;
      total += us;
      const where = shortUrl(frame.url);
      const fn = `${frame.functionName || "(anonymous)"} ${where}${where ? `:${frame.lineNumber + 1}` : ""}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
      const pkg = packageOf(frame.url, frame.functionName);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    });
  }
  const rank = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: total ? us / total : 0 }));
  return { totalMs: Math.round(total / 1000), functions: rank(byFunction), packages: rank(byPackage) };
}

function shortUrl(url) {
  if (!url) return "";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) return url.slice(nm + "node_modules/".length);
  const dist = url.lastIndexOf("/dist/");
  if (dist >= 0) return url.slice(dist + 1);
  return url.replace(/^file:\/\//, "");
}

/** A coarse bucket: an npm package, a crier stage folder (dist/<stage>), node internals, GC, idle. */
function packageOf(url, functionName) {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.lastIndexOf("/dist/");
  if (dist >= 0)
    return `crier ${url
      .slice(dist + 6)
      .split("/")[0]
      .replace(/\.js$/, "")}`;
  if (url.startsWith("node:")) return "node internals";
  return shortUrl(url);
}
