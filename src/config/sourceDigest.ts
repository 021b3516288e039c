import { createHash } from "node:crypto";
import type { Config, SourceConfig } from "./schema.js";

/** What a source's stored validators and articles were made with: its config and the default zone. */
export function sourceConfigDigest(source: SourceConfig, defaultTimezone: string | undefined): string {
  return createHash("sha256")
    .update(JSON.stringify([source, defaultTimezone ?? null]))
    .digest("hex")
    .slice(0, 16);
}

/**
 * Every source's digest by id. Kept with the validated config (config.cache.json), so a build that reuses
 * it hashes nothing: ~8 µs a source, a few percent of a build where every source answers 304.
 */
export function sourceConfigDigests(config: Config): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const source of config.sources) digests[source.id] = sourceConfigDigest(source, config.timezone);
  return digests;
}
