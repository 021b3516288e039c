// Preloaded with `node --import` into every measured child: at exit it writes the process's own
// resourceUsage (CPU, peak RSS) to $BENCH_USAGE_FILE. The measured program runs unchanged.
import { writeFileSync } from "node:fs";

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
        maxRssMb: usage.maxRSS / 1024,
        uptimeMs: process.uptime() * 1000,
      }),
    );
  });
}
