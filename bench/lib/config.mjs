import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** Requests in flight: the same 32 the baseline uses, all against one loopback host. */
export const CONCURRENCY = 32;

/**
 * Writes `dir/feeds.config.json` for crier over the corpus: every source points at the loopback server;
 * output and state live beside the config. Returns the config path.
 */
export async function writeBenchConfig(dir, corpus) {
  await mkdir(dir, { recursive: true });
  const sources = corpus.sources.map((source) =>
    source.kind === "html"
      ? {
          id: source.id,
          type: "html",
          url: `${corpus.origin}${source.path}`,
          timezone: "Asia/Shanghai",
          list: { item: "ul.notices li", title: "a", link: "a@href", date: "span.date" },
          detail: { content: "#article", date: ".pubtime" },
        }
      : { id: source.id, type: "feed", url: `${corpus.origin}${source.path}` },
  );
  const config = {
    site: {
      title: "crier bench",
      url: "https://bench.example.org/",
      description: "Deterministic bench corpus",
      language: "zh-CN",
      author: { name: "bench" },
    },
    output: { dir: "output", maxItems: 100 },
    state: { dir: "state" },
    timezone: "UTC",
    // perHost = concurrency: every source shares the one loopback host, and the baseline gets 32 too.
    // The bench measures throughput: a generous source deadline keeps a CPU-starved run from failing
    // sources (the deadline clock also runs while a source waits for a slot or for the CPU).
    fetch: {
      concurrency: CONCURRENCY,
      perHost: CONCURRENCY,
      timeoutMs: 60_000,
      sourceDeadlineMs: 600_000,
      retries: 1,
    },
    sources,
  };
  const file = path.join(dir, "feeds.config.json");
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
