import { createHash } from "node:crypto";
import { canonicalUrl } from "./urls.js";

// Article ids (design §3). Order: guid / atom:id / JSON Feed id, as the source wrote it; else the item's
// canonical URL (tracking parameters dropped, scheme and host as given); else a hash of source, title and
// date.

export interface ArticleIdInput {
  sourceId: string;
  guid?: string | null;
  /** The item's absolute URL, if any. */
  url?: string | null;
  title: string;
  /** ISO date (published, else updated) or null. */
  date: string | null;
  /** Keep the URL fragment (items that share a document URL). */
  keepFragment?: boolean;
}

export function articleId(input: ArticleIdInput): string {
  const guid = input.guid?.trim();
  // The source's own id, as written: it is what the feed promises to keep stable, and what readers and
  // other aggregators know the item by.
  if (guid) return guid;
  const url = input.url?.trim();
  if (url && isHttpUrl(url)) return canonicalUrl(url, { keepFragment: input.keepFragment ?? false });
  const hex = createHash("sha256")
    .update(`${input.sourceId}\n${input.title}\n${input.date ?? ""}`)
    .digest("hex")
    .slice(0, 16);
  return `urn:crier:${input.sourceId}:${hex}`;
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}
