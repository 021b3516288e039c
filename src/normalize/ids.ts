import { createHash } from "node:crypto";
import { uriString } from "../uri.js";
import { canonicalUrl } from "./urls.js";

// Article ids (design §3). Order: guid / atom:id / JSON Feed id; else the item URL; else a hash.
// URL-shaped ids are canonical and always use https://, so a source moving from http to https keeps its
// ids: "http://Example.org:80/a?utm_source=x" and "https://example.org/a" both give "https://example.org/a".

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
  if (guid) {
    // A guid names the item exactly, fragment included.
    return isHttpUrl(guid) ? httpsForm(canonicalUrl(guid, { keepFragment: true })) : guid;
  }
  const url = input.url?.trim();
  if (url && isHttpUrl(url)) {
    return httpsForm(canonicalUrl(url, { keepFragment: input.keepFragment ?? false }));
  }
  const hex = createHash("sha256")
    .update(`${input.sourceId}\n${input.title}\n${input.date ?? ""}`)
    .digest("hex")
    .slice(0, 16);
  return `urn:crier:${input.sourceId}:${hex}`;
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

function httpsForm(canonical: string): string {
  try {
    const url = new URL(canonical);
    // Setting the scheme drops a port that is https's default (http://h:443/ → https://h/).
    if (url.protocol === "http:") url.protocol = "https:";
    return uriString(url);
  } catch {
    return canonical;
  }
}
