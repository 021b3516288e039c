import { languageTag } from "../languageTag.js";
import type { Article, Enclosure, RawItem } from "../model.js";
import { normalizeAuthors, normalizeCategories } from "./authors.js";
import { readDate } from "./dates/index.js";
import { wallTimeIn } from "./dates/zone.js";
import { escapeHtmlText } from "./escapeHtml.js";
import { isTooDeep, markupText } from "./htmlDepth.js";
import { articleId, distinctMintedId, mintedId } from "./ids.js";
import { sanitizeHtml } from "./sanitize.js";
import {
  collapseWhitespace,
  firstImage,
  htmlToTextPrefix,
  LEAD_TEXT_LENGTH,
  LOOKS_LIKE_HTML,
  plainText,
  summarize,
  textLine,
  withoutControls,
} from "./text.js";
import { deriveTitle } from "./title.js";
import { applyTransforms, applyTransformsToHtml } from "./transforms.js";
import type { NormalizeContext } from "./types.js";
import { canonicalUrl, resolveUrl, withoutFragment } from "./urls.js";
import { visibleOrEmpty } from "./visible.js";

export interface NormalizeItemOptions {
  /** Keep the link's fragment in the id: set by normalizeItems when items share one document URL. */
  keepFragment?: boolean;
}

/** Base URL of one item: its own base (possibly relative) against the document URL. */
function itemBase(raw: RawItem, ctx: NormalizeContext): string | null {
  const doc = ctx.documentUrl ?? null;
  if (raw.baseUrl?.trim()) {
    try {
      return new URL(raw.baseUrl.trim(), doc ?? undefined).href;
    } catch {
      // fall through to the document URL
    }
  }
  return doc;
}

function isHttp(url: string | null | undefined): url is string {
  return typeof url === "string" && /^https?:\/\//i.test(url);
}

/**
 * Bases for relative references. Design order: the item's base, then the document URL. A document read
 * from disk (file: URL) cannot make links absolute for readers, so then the item's own link and the
 * source's site URL (the feed's channel link) stand in.
 */
function bases(
  raw: RawItem,
  ctx: NormalizeContext,
): { link: string | null; content: (url: string | null) => string | null } {
  const own = itemBase(raw, ctx);
  const http = [own, ctx.documentUrl].find(isHttp) ?? null;
  const site = isHttp(ctx.source.url) ? ctx.source.url : null;
  return {
    link: http ?? site ?? own,
    content: (url) => http ?? url ?? site ?? own,
  };
}

/**
 * Plain text → paragraphs. Text with blank lines: they split paragraphs and single newlines become <br>.
 * Text without any (common in Chinese notices): every line is a paragraph.
 */
export function textToHtml(text: string): string {
  const normalized = text.replace(/\r\n?/g, "\n");
  const hasBlankLines = /\n[^\S\n]*\n/.test(normalized.trim());
  return normalized
    .split(hasBlankLines ? /\n\s*\n/ : /\n/)
    .map((para) => collapseWhitespace(para))
    .filter((para) => para !== "")
    .map((para) => `<p>${para.split("\n").map(escapeHtmlText).join("<br>")}</p>`)
    .join("\n");
}

function urlFromGuid(raw: RawItem): string | null {
  if (!raw.guid || raw.guidIsPermaLink === false) return null;
  return /^https?:\/\//i.test(raw.guid.trim()) ? resolveUrl(raw.guid, null) : null;
}

function normalizeEnclosures(enclosures: readonly Enclosure[] | undefined, base: string | null): Enclosure[] {
  const out: Enclosure[] = [];
  const seen = new Set<string>();
  for (const e of enclosures ?? []) {
    const url = resolveUrl(e.url, base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const type = typeof e.type === "string" ? e.type.trim() : "";
    const length = Number(e.length);
    out.push({
      url,
      ...(type ? { type } : {}),
      ...(Number.isSafeInteger(length) && length > 0 ? { length } : {}),
    });
  }
  return out;
}

export interface DateReading {
  iso: string;
  /** Counted back from the fetch (`3小时前`): another read gives another instant. */
  relative: boolean;
}

/** A date parser: readDate, or the frozen earlier one that keeps old ids (dates/earlier). */
export type DateReader = typeof readDate;

export function readIsoDate(
  value: string | undefined,
  ctx: Pick<NormalizeContext, "timezone" | "now" | "language">,
  read: DateReader = readDate,
): DateReading | null {
  if (!value) return null;
  const reading = read(value, { timezone: ctx.timezone, now: ctx.now, language: ctx.language });
  return reading ? { iso: reading.date.toISOString(), relative: reading.relative } : null;
}

/**
 * The date a minted id holds: the ISO date, or for a relative one its calendar day in the source's zone,
 * so that `3小时前` read again a second or an hour later (or by `crier inspect`, with no stored state)
 * gives the same id.
 */
export function idDate(reading: DateReading | null, timezone: string): string | null {
  if (!reading) return null;
  if (!reading.relative) return reading.iso;
  const { year, month, day } = wallTimeIn(new Date(reading.iso), timezone);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The title of an item with neither text nor link (every article has one, design §3; Atom requires it):
 * its first image's alt text, else that image's http(s) URL, else the item's image or first enclosure
 * URL, else its guid, else the source's title (its id when it has none).
 */
function fallbackTitle(
  raw: RawItem,
  bodyHtml: string,
  mediaUrls: readonly (string | null | undefined)[],
  ctx: NormalizeContext,
): string {
  const shown = firstImage(bodyHtml);
  // Alt text is cut as a derived title is; a data: image has no URL worth showing.
  const alt = deriveTitle(withoutControls(shown?.alt ?? ""));
  const src = isHttp(shown?.src) ? shown.src : null;
  for (const candidate of [alt, src, ...mediaUrls, raw.guid, ctx.source.title]) {
    const title = visibleOrEmpty(textLine(candidate ?? undefined));
    if (title) return title;
  }
  return ctx.source.id;
}

/**
 * The item with HTML nested deeper than any real body (a hostile feed's 60,000 levels took 22 s to
 * sanitize) turned into its text, read linearly: it is published as plain-text paragraphs.
 */
function withinDepth(raw: RawItem): RawItem {
  const deepContent = isTooDeep(raw.contentHtml);
  const deepSummary = raw.summaryFormat !== "text" && isTooDeep(raw.summary);
  if (!deepContent && !deepSummary) return raw;
  const { contentHtml, ...rest } = raw;
  return {
    ...(deepContent ? { ...rest, contentText: markupText(contentHtml!) } : raw),
    ...(deepSummary ? { summary: markupText(raw.summary!), summaryFormat: "text" as const } : {}),
  };
}

/** RawItem → Article (design §3). Pure: the clock and zone come from `ctx`. */
export function normalizeItem(
  given: RawItem,
  ctx: NormalizeContext,
  options: NormalizeItemOptions = {},
): Article {
  return normalizeWithIdDate(given, ctx, options).article;
}

/** normalizeItem, with the date its id was minted from (undefined when the id is a guid or URL). */
function normalizeWithIdDate(
  given: RawItem,
  ctx: NormalizeContext,
  options: NormalizeItemOptions,
): { article: Article; mintedFrom?: { date: string | null; title: string } } {
  const raw = withinDepth(given);
  const transforms = ctx.transforms;
  const baseFor = bases(raw, ctx);
  // Readers get the link without click-tracking parameters; the fragment stays (it may be the item).
  const resolved = resolveUrl(raw.link, baseFor.link) ?? urlFromGuid(raw);
  const url = resolved ? canonicalUrl(resolved, { keepFragment: true }) : null;
  const base = baseFor.content(url);

  // The body's text is only read for a missing summary or title, and then only its start.
  // Adapters deliver titles as text (RSS titles decoded as HTML there): reading markup into them again
  // would drop a literal "<canvas>".
  const titleText = textLine(applyTransforms(textLine(raw.title), transforms, "title"));
  let title = visibleOrEmpty(titleText);
  let derivedText = "";
  const hasSummary = Boolean(raw.summary?.trim());
  const summaryIsHtml = raw.summaryFormat
    ? raw.summaryFormat === "html"
    : LOOKS_LIKE_HTML.test(raw.summary ?? "");
  const needsText = !hasSummary || title === "";
  // Content transforms run on an HTML summary's text nodes, as on an HTML body, so "^…$" with "m" sees
  // its paragraphs; without content transforms this is the summary itself.
  const summaryHtml = hasSummary && summaryIsHtml ? applyTransformsToHtml(raw.summary!, transforms) : "";

  // Body: HTML wins, then plain text, then the summary. Transforms touch text only, before sanitizing.
  let bodyHtml: string;
  let bodyText: string;
  if (raw.contentHtml?.trim()) {
    bodyHtml = sanitizeHtml(applyTransformsToHtml(raw.contentHtml, transforms), base, url);
    bodyText = needsText ? htmlToTextPrefix(bodyHtml, LEAD_TEXT_LENGTH) : "";
  } else if (raw.contentText?.trim()) {
    const text = applyTransforms(raw.contentText, transforms, "content");
    bodyHtml = sanitizeHtml(textToHtml(text), base, url);
    bodyText = needsText ? collapseWhitespace(text) : "";
  } else if (raw.summary?.trim()) {
    const html = summaryIsHtml
      ? summaryHtml
      : textToHtml(applyTransforms(raw.summary, transforms, "content"));
    bodyHtml = sanitizeHtml(html, base, url);
    bodyText = needsText ? htmlToTextPrefix(bodyHtml, LEAD_TEXT_LENGTH) : "";
  } else {
    bodyHtml = "";
    bodyText = "";
  }

  // Text summaries keep their lines through the transforms (as text bodies do), then become one line.
  const summarySource = hasSummary
    ? summaryIsHtml
      ? plainText(summaryHtml)
      : textLine(applyTransforms(raw.summary!, transforms, "content"))
    : bodyText;
  const summary = summarize(withoutControls(summarySource));

  if (!title) {
    // The text it comes from went through the content transforms already; the title-only ones apply now.
    const titleOnly = transforms.filter((t) => t.field === "title");
    derivedText = textLine(
      applyTransforms(deriveTitle(withoutControls(bodyText || summarySource)), titleOnly, "title"),
    );
    title = visibleOrEmpty(derivedText);
  }
  // Nothing to read a title from (an image-only post): its link, as Miniflux shows it, rather than a
  // blank title (Atom requires one that says something).
  if (!title && url) title = url;
  const enclosures = normalizeEnclosures(raw.enclosures, base);
  const image = resolveUrl(raw.image, base);
  if (!title) title = fallbackTitle(raw, bodyHtml, [image, enclosures[0]?.url], ctx);

  const updatedReading = readIsoDate(raw.updated, ctx);
  const publishedReading = readIsoDate(raw.published, ctx) ?? updatedReading;
  const updated = updatedReading?.iso ?? null;
  const published = publishedReading?.iso ?? null;
  const date = idDate(publishedReading, ctx.timezone);
  // A link-less item's id hashes the title earlier crier gave it, so none is delivered again: before the
  // wider invisibility rule and the fallback titles, a title of only Hangul fillers or combining marks
  // counted as present and an item with nothing to read had the title "".
  const idTitle = url || raw.guid?.trim() ? title : legacyTitle(titleText, derivedText);
  const id = articleId({
    sourceId: ctx.source.id,
    guid: raw.guid,
    url,
    title: idTitle,
    date,
    keepFragment: options.keepFragment ?? false,
  });

  const article: Article = {
    id,
    title,
    url,
    content: bodyHtml,
    summary,
    published,
    updated,
    authors: normalizeAuthors(raw.authors, base),
    categories: normalizeCategories(raw.categories),
    enclosures,
    image,
    // "English", "cn" and other non-tags are dropped; "zh_TW" and "yue" become "zh-TW" and "zh-yue".
    language: languageTag(raw.language) ?? languageTag(ctx.language),
    source: ctx.source,
  };
  const minted = !raw.guid?.trim() && id === mintedId(ctx.source.id, idTitle, date);
  return minted ? { article, mintedFrom: { date, title: idTitle } } : { article };
}

// The test for a missing title before the eleventh session: format characters and spaces only.
const BLANK_BEFORE = /^[\p{Cf}\p{Z}\s]*$/u;

/** The title of a link-less item as crier read it before fallback titles (see idTitle). */
function legacyTitle(titleText: string, derivedText: string): string {
  if (!BLANK_BEFORE.test(titleText)) return titleText;
  if (!BLANK_BEFORE.test(derivedText)) return derivedText;
  return "";
}

/**
 * Normalizes a document's items. When several items link to the same document and differ only by
 * fragment (one page listing several notices, #item1, #item2), their ids keep the fragment. Link-less
 * items whose minted ids meet (two "停水通知" of one day, relative dates counting by day) are kept apart
 * as README says: the last listed (the oldest) keeps the plain id, the others add their summary to the
 * hash, then an ordinal. (src/worker/normalizeSource.ts does the same for ids minted from ISO dates;
 * after this pass it finds nothing left to do.)
 */
export function normalizeItems(raws: readonly RawItem[], ctx: NormalizeContext): Article[] {
  const byDocument = new Map<string, Set<string>>();
  const links = raws.map((raw) => resolveUrl(raw.link, bases(raw, ctx).link));
  for (const link of links) {
    if (!link) continue;
    const doc = withoutFragment(link);
    const fragments = byDocument.get(doc) ?? new Set<string>();
    fragments.add(link);
    byDocument.set(doc, fragments);
  }
  const results = raws.map((raw, index) => {
    const link = links[index];
    const shared = link ? (byDocument.get(withoutFragment(link))?.size ?? 0) > 1 : false;
    return normalizeWithIdDate(raw, ctx, { keepFragment: shared });
  });
  const taken = new Set<string>();
  const articles = results.map((result) => result.article);
  for (let index = articles.length - 1; index >= 0; index--) {
    const { article, mintedFrom } = results[index]!;
    if (mintedFrom !== undefined && taken.has(article.id)) {
      const id = distinctMintedId(
        ctx.source.id,
        mintedFrom.title,
        mintedFrom.date,
        article.summary,
        (candidate) => taken.has(candidate),
      );
      articles[index] = { ...article, id };
    }
    taken.add(articles[index]!.id);
  }
  return articles;
}
