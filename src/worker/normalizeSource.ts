// Raw items of one source document → its articles. Shared by the in-process path, the parser threads
// (feedJob.ts) and `crier inspect`.

import type { SourceConfig } from "../config/index.js";
import { isHttpUrl } from "../config/urls.js";
import type { Article, RawItem } from "../model.js";
import { readEarlierDate } from "../normalize/dates/earlier/index.js";
import { parseDate, readDate } from "../normalize/dates/index.js";
import { compileTransforms, mintedId, normalizeItems, textLine } from "../normalize/index.js";
import { type DateReader, idDate, readIsoDate } from "../normalize/normalizeItem.js";
import type { NormalizeContext } from "../normalize/types.js";
import type { SourceReadResult } from "../sources/index.js";
import { withoutCredentials } from "../uri.js";

/**
 * RawItems of one read → articles, deduplicated by id; known html items keep their stored copy. Dates that
 * depend on when they are read keep their first reading, so a build a year or an hour later changes
 * nothing (`firstSeen`: id → when the source first showed it):
 * - a year-less date (`03-15`) is read as of the item's first sighting, so a pinned notice is not moved to
 *   the next year when the list is read a year later;
 * - a relative date (`3小时前`) is read once, when the item is first seen: the site rewrites the text as
 *   time passes, and each reading would move the date (and rewrite every feed) a little.
 * An item without link or guid has an id made from its title and date; with such a date it takes over the
 * stored item it is (same title, the same date as read then), so it is not published again; so it does
 * when crier reads its date otherwise than it did when it stored it (keepEarlierDateIds).
 */
export function normalizeSourceItems(
  source: SourceConfig,
  read: Pick<SourceReadResult, "feed" | "documentUrl">,
  options: {
    defaultTimezone: string;
    now: Date;
    stored: Article[];
    firstSeen?: Readonly<Record<string, string>>;
  },
): Article[] {
  const context = normalizeContext(source, read, options);
  const stored = new Map(options.stored.map((a) => [a.id, a]));
  const articles: Article[] = [];
  const seen = new Set<string>();
  const normalized = keepEarlierDateIds(
    firstReadings(
      normalizeItems(read.feed.items, context),
      read.feed.items.map((raw) => raw.published),
      context,
      stored,
      options.firstSeen ?? {},
    ),
    read.feed.items,
    context,
    stored,
    options.firstSeen ?? {},
  );
  for (const [index, raw] of read.feed.items.entries()) {
    const article = normalized[index]!;
    // A feed that repeats a guid publishes the item once (the first, as readers would show it).
    if (seen.has(article.id)) continue;
    seen.add(article.id);
    // html sources do not re-fetch known detail pages: the stored copy has the full content.
    const keep = raw.detailSkipped ? stored.get(article.id) : undefined;
    articles.push(keep ? withListTitle(keep, article) : article);
  }
  return articles;
}

/** How the items of one read of the source are normalized: its identity, zone, transforms, language. */
export function normalizeContext(
  source: SourceConfig,
  read: Pick<SourceReadResult, "feed" | "documentUrl">,
  options: { defaultTimezone: string; now: Date },
): NormalizeContext {
  const identity = sourceIdentity(source, read);
  const context: NormalizeContext = {
    // A blank feed title gives way to the id.
    source: { id: source.id, title: source.title ?? identity.title ?? "", url: identity.url },
    documentUrl: read.documentUrl,
    timezone: source.timezone ?? options.defaultTimezone,
    now: options.now,
    transforms: compileTransforms(source.transforms),
    language: source.language ?? read.feed.language ?? null,
  };
  if (context.source.title === "") context.source.title = source.id;
  return context;
}

/**
 * What a source says of itself in one read: its feed's title (text like an article's, C1 controls
 * dropped; null when blank) and home page (the feed's link, else the source's own http URL).
 */
export function sourceIdentity(
  source: SourceConfig,
  read: Pick<SourceReadResult, "feed">,
): { title: string | null; url: string | null } {
  const url =
    read.feed.link && isHttpUrl(read.feed.link)
      ? read.feed.link
      : "url" in source && isHttpUrl(source.url)
        ? withoutCredentials(source.url)
        : null;
  return { title: textLine(read.feed.title) || null, url };
}

/**
 * A stored html item with its list entry's title as read now: the list is read every time, so a title the
 * site corrected (or one read with a fixed encoding or transform) reaches it. A cut title ("…") does not
 * replace the detail page's full one.
 */
function withListTitle(stored: Article, fresh: Article): Article {
  if (fresh.title === "" || fresh.title === stored.title || /(?:…|\.\.\.)$/.test(fresh.title)) return stored;
  return { ...stored, title: fresh.title };
}

const PROBE_SHIFT_MS = 1000 * 86_400_000;
/** How far a relative date's readings may drift apart and still be one item ("3小时前" read an hour on). */
const RELATIVE_DRIFT_MS = 36 * 3_600_000;

type DateKind = "full" | "relative" | "year-less";

/** Articles with their dates as first read (see normalizeSourceItems); `rawDates` by position. */
function firstReadings(
  articles: readonly Article[],
  rawDates: readonly (string | undefined)[],
  context: NormalizeContext,
  stored: ReadonlyMap<string, Article>,
  firstSeen: Readonly<Record<string, string>>,
): Article[] {
  if (stored.size === 0) return [...articles];
  const parse = (text: string, now: Date) =>
    parseDate(text, { timezone: context.timezone, now, language: context.language });
  const seenAt = (id: string): Date | null => {
    const then = firstSeen[id] ? new Date(firstSeen[id]) : null;
    return then && !Number.isNaN(then.getTime()) && then.getTime() < context.now.getTime() ? then : null;
  };
  /** How the article's date depends on the reading time; null when it did not come from `rawDate`. */
  const kindOf = (article: Article, rawDate: string): DateKind | null => {
    if (parse(rawDate, context.now)?.toISOString() !== article.published) return null;
    const probe = parse(rawDate, new Date(context.now.getTime() - PROBE_SHIFT_MS));
    if (!probe) return null;
    const shift = Date.parse(article.published!) - probe.getTime();
    // The probe shift is no whole number of years, so a year-less date never moves by exactly that.
    return shift === 0 ? "full" : shift === PROBE_SHIFT_MS ? "relative" : "year-less";
  };
  /** The stored date this reading would have given when the stored item was first seen, or null. */
  const storedReading = (stored: Article, rawDate: string, kind: DateKind): string | null => {
    if (stored.published === null) return null;
    if (kind === "relative") return stored.published;
    const then = seenAt(stored.id);
    return then ? (parse(rawDate, then)?.toISOString() ?? null) : null;
  };
  const out = [...articles];
  const freshIds = new Set(articles.map((a) => a.id));
  // Link-less items whose id holds such a date, and the stored items each may be: matched one to one,
  // closest dates first, so a new same-titled notice never takes the id of one readers have.
  const pairs: { index: number; candidate: Article; distance: number }[] = [];
  for (const [index, article] of articles.entries()) {
    const rawDate = rawDates[index];
    if (!rawDate || article.published === null) continue;
    const kind = kindOf(article, rawDate);
    if (kind === null || kind === "full") continue;
    const known = stored.get(article.id);
    if (known) {
      const first = storedReading(known, rawDate, kind);
      if (first) out[index] = { ...article, published: first };
      continue;
    }
    if (article.url !== null) continue;
    for (const candidate of stored.values()) {
      if (candidate.url !== null || candidate.title !== article.title || candidate.published === null)
        continue;
      if (freshIds.has(candidate.id)) continue;
      const distance = Math.abs(Date.parse(candidate.published) - Date.parse(article.published));
      const same =
        kind === "relative"
          ? distance <= RELATIVE_DRIFT_MS
          : storedReading(candidate, rawDate, kind) === candidate.published;
      if (same) pairs.push({ index, candidate, distance: kind === "relative" ? distance : 0 });
    }
  }
  pairs.sort((a, b) => a.distance - b.distance || a.index - b.index);
  const matched = new Set<number>();
  const adopted = new Set<string>();
  for (const { index, candidate } of pairs) {
    if (matched.has(index) || adopted.has(candidate.id)) continue;
    matched.add(index);
    adopted.add(candidate.id);
    out[index] = { ...articles[index]!, id: candidate.id, published: candidate.published };
  }
  return out;
}

/**
 * Link-less articles whose date crier now reads otherwise than the parser that stored them (a date it
 * could not read, a slash date now read day first, a stray letter once taken for a military zone; see
 * normalize/dates/earlier) keep the id they were stored under, which hashes that earlier reading: an
 * upgrade delivers none of them again. Their dates are the corrected ones.
 */
function keepEarlierDateIds(
  articles: readonly Article[],
  raws: readonly RawItem[],
  context: NormalizeContext,
  stored: ReadonlyMap<string, Article>,
  firstSeen: Readonly<Record<string, string>>,
): Article[] {
  const out = [...articles];
  if (stored.size === 0) return out;
  const freshIds = new Set(articles.map((a) => a.id));
  const sourceId = context.source.id;
  const taken = new Set<string>();
  for (const [index, article] of articles.entries()) {
    const raw = raws[index];
    if (!raw || article.url !== null || stored.has(article.id)) continue;
    // The id minted from the item's title and its date as `read` reads it at `now` (published, else updated).
    const idAt = (read: DateReader, now: Date): string => {
      const at = { ...context, now };
      const reading = readIsoDate(raw.published, at, read) ?? readIsoDate(raw.updated, at, read);
      return mintedId(sourceId, article.title, idDate(reading, context.timezone));
    };
    // Only an id minted from this title and date (not a guid, nor one told apart from a same-titled item).
    if (idAt(readDate, context.now) !== article.id) continue;
    const earlierNow = idAt(readEarlierDate, context.now);
    for (const candidate of stored.values()) {
      if (candidate.url !== null || candidate.title !== article.title) continue;
      if (freshIds.has(candidate.id) || taken.has(candidate.id)) continue;
      // Read as then: now, and at its first sighting (a year-less date's year).
      const seen = firstSeen[candidate.id] ? new Date(firstSeen[candidate.id]!) : null;
      const atSighting = seen && !Number.isNaN(seen.getTime()) ? idAt(readEarlierDate, seen) : null;
      if (candidate.id !== earlierNow && candidate.id !== atSighting) continue;
      taken.add(candidate.id);
      out[index] = { ...article, id: candidate.id };
      break;
    }
  }
  return out;
}
