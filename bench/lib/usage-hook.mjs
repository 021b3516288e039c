// Preloaded with `node --import` into every measured child: at exit it writes the process's own
// CPU (resourceUsage) and peak RSS (VmHWM, see peakRss.mjs) to $BENCH_USAGE_FILE. The measured program
// runs unchanged.
import { writeFileSync } from "node:fs";
import { ownPeakRssKb } from "./peakRss.mjs";

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on("exit", (code) => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        code,
        userMs: usage.userCPUTime / 1000,
        systemMs: usage.systemCPUTime / 1000,
        maxRssMb: ownPeakRssKb() / 1024,
        uptimeMs: process.uptime() * 1000,
      }),
    );
  });
}
