import { createHash } from "node:crypto";
import { uriString } from "../uri.js";
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
  /**
   * ISO date (published, else updated) or null; for a date counted back from the fetch (`3小时前`), its
   * day in the source's zone (`2026-09-06`), so the id does not move with the reading time.
   */
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
  return mintedId(input.sourceId, input.title, input.date);
}

/** The id of an item without guid and http URL: a hash of source, title and date. */
export function mintedId(sourceId: string, title: string, date: string | null): string {
  return mint(sourceId, `${title}\n${date ?? ""}`);
}

/**
 * An id for an item whose minted id an earlier item of the same read has already (a board posting two
 * link-less "停水通知" on one day): its text joins the hash, and when that is taken too (the same text
 * again) an ordinal. The first item keeps the plain minted id, so no id that was unique changes.
 */
export function distinctMintedId(
  sourceId: string,
  title: string,
  date: string | null,
  text: string,
  taken: (id: string) => boolean,
): string {
  const id = mint(sourceId, `${title}\n${date ?? ""}\n${text}`);
  let candidate = id;
  for (let n = 2; taken(candidate); n++) candidate = `${id}-${n}`;
  return candidate;
}

function mint(sourceId: string, key: string): string {
  const hex = createHash("sha256").update(`${sourceId}\n${key}`).digest("hex").slice(0, 16);
  return `urn:crier:${sourceId}:${hex}`;
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/**
 * The id crier 0.1.0 before the seventh session gave an article whose id is now `id`: URL-shaped ids were
 * rewritten to https with tracking parameters dropped. Articles stored under that form keep it (see
 * keepStoredIds), so an upgrade does not deliver them again.
 */
export function earlierFormOfId(id: string): string {
  if (!isHttpUrl(id)) return id;
  try {
    const url = new URL(canonicalUrl(id, { keepFragment: true }));
    if (url.protocol === "http:") url.protocol = "https:";
    return uriString(url);
  } catch {
    return id;
  }
}

/** What keepStoredIds reads of an article: its id, and for a minted id what it was minted from. */
export interface IdentifiedArticle {
  id: string;
  title?: string;
  url?: string | null;
  published?: string | null;
  source?: { id: string };
}

/**
 * Fresh articles whose id a stored article has under another form take that id over. Pure. The forms:
 * crier's earlier one (see earlierFormOfId); the same http(s) URL under the other scheme (a site moving
 * its links or guids from http to https keeps the ids readers have); a long numeric id as JSON.parse
 * rounded it; a link-less item's id minted from its title as read before (see earlierMintedId).
 */
export function keepStoredIds<T extends IdentifiedArticle>(
  fresh: T[],
  stored: readonly { id: string }[],
): T[] {
  if (stored.length === 0) return fresh;
  const known = new Set(stored.map((article) => article.id));
  const freshIds = new Set(fresh.map((article) => article.id));
  const taken = new Set<string>();
  const adopt = (article: T, id: string): T | null => {
    if (id === article.id || !known.has(id) || freshIds.has(id) || taken.has(id)) return null;
    taken.add(id);
    return { ...article, id };
  };
  return fresh.map((article) => {
    if (known.has(article.id)) return article;
    return (
      adopt(article, earlierFormOfId(article.id)) ??
      adopt(article, otherSchemeOfId(article.id)) ??
      adopt(article, roundedNumberId(article.id)) ??
      adopt(article, earlierMintedId(article)) ??
      article
    );
  });
}

/**
 * A JSON Feed's numeric id beyond 2^53 as crier read it before it kept the digits (JSON.parse rounded it:
 * 1790000000000000001 was stored as 1790000000000000000): the first item to claim it keeps it.
 */
function roundedNumberId(id: string): string {
  return /^\d{16,}$/.test(id) ? String(Number(id)) : id;
}

/**
 * The id a link-less item minted from its title and date had when crier read its RSS title without the
 * end tags no element is open for (`The </example> tag` was "The tag"; see titleAsReadBefore). Only for
 * ids minted from the title and full date (or none) as they stand; any other id as it is.
 */
function earlierMintedId(article: IdentifiedArticle): string {
  const { title, source } = article;
  if (!title?.includes("<") || !source || article.url) return article.id;
  const date = article.published ?? null;
  const before = titleAsReadBefore(title);
  if (before === title || before === "" || mintedId(source.id, title, date) !== article.id) return article.id;
  return mintedId(source.id, before, date);
}

const VOID_ELEMENTS = new Set(
  "area base br col embed hr img input link meta param source track wbr".split(" "),
);
const TAG = /<(\/?)([a-zA-Z][^\s/<>]*)[^<>]*>/g;

/**
 * An RSS title as crier read it before it kept the end tags no element is open for, from the title as read
 * now: those were lost ("The </example> tag" was "The tag"), a stray </p> or </br> doubled. Close enough
 * to find a stored id, with no HTML parser: this module loads on builds that parse nothing.
 */
function titleAsReadBefore(title: string): string {
  if (!title.includes("</")) return title;
  const open = new Map<string, number>();
  const before = title.replace(TAG, (tag, slash: string, tagName: string) => {
    const name = tagName.toLowerCase();
    const count = open.get(name) ?? 0;
    if (!slash) {
      if (!VOID_ELEMENTS.has(name)) open.set(name, count + 1);
      return tag;
    }
    if (count > 0) {
      open.set(name, count - 1);
      return tag;
    }
    return name === "p" || name === "br" ? tag + tag : "";
  });
  return before.replace(/\s+/g, " ").trim();
}

/** An http(s) URL id under the other scheme; any other id as it is. */
function otherSchemeOfId(id: string): string {
  if (/^https:\/\//i.test(id)) return `http://${id.slice(8)}`;
  if (/^http:\/\//i.test(id)) return `https://${id.slice(7)}`;
  return id;
}
