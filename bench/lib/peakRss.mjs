import { readFileSync } from "node:fs";

/**
 * Peak resident memory of this process, in KiB. Linux keeps `ru_maxrss` across exec, so a child spawned by
 * a large process (the bench runner holds the whole corpus; a test worker is a few hundred MB) reports at
 * least its parent's size in `process.resourceUsage().maxRSS`. VmHWM is the high-water mark of this
 * process's own memory. Without procfs, `maxRSS` is what there is.
 */
export function ownPeakRssKb() {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]);
  } catch {
    // no procfs
  }
  return process.resourceUsage().maxRSS;
}
