import { STATE_FORMAT_VERSION } from "./format.js";
import type { SourceState } from "./types.js";

const COMMA = Buffer.from(",");
const TAIL = Buffer.from("]}\n");

/**
 * An articles file's bytes: exactly `${JSON.stringify({ version, id, articles })}\n` in UTF-8, built one
 * article at a time. V8 returns a large JSON.stringify result as a rope; flattening and encoding it cost
 * ~2.5x more than the same text in article-sized pieces (500 files, 74 MB: 0.98 s against 0.37 s).
 */
export function articlesFileBytes(id: string, articles: SourceState["articles"]): Buffer {
  const parts = [Buffer.from(`{"version":${STATE_FORMAT_VERSION},"id":${JSON.stringify(id)},"articles":[`)];
  for (const [index, article] of articles.entries()) {
    if (index > 0) parts.push(COMMA);
    parts.push(Buffer.from(JSON.stringify(article)));
  }
  parts.push(TAIL);
  return Buffer.concat(parts);
}
