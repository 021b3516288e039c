import { stripIllegalXmlChars } from "../../../fetch/index.js";
import type { Author, Enclosure, RawFeed, RawItem } from "../../../model.js";
import { FeedParseError } from "../feedParseError.js";
import { collapseWhitespace } from "../text/htmlToText.js";

// JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1), read by hand: the format is small and a library
// would add little. Values of the wrong type are ignored rather than failing the feed.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  !!value && typeof value === "object" && !Array.isArray(value);

function str(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  // `\u0000`-style escapes put XML-illegal characters past the decode step's strip: strip them here.
  const trimmed = stripIllegalXmlChars(value).trim();
  return trimmed === "" ? undefined : trimmed;
}

export function parseJsonFeed(text: string): RawFeed {
  let data: unknown;
  try {
    data = JSON.parse(quoteLargeIds(text.replace(/^\uFEFF/, "")));
  } catch (error) {
    throw new FeedParseError(`not a valid JSON Feed: ${(error as Error).message}`);
  }
  if (!isObject(data)) throw new FeedParseError("not a valid JSON Feed: the top level is not an object");
  const warnings: string[] = [];
  const version = str(data.version);
  if (!version?.startsWith("https://jsonfeed.org/version/")) {
    if (!Array.isArray(data.items)) {
      throw new FeedParseError("not a JSON Feed: no jsonfeed.org version and no items array");
    }
    warnings.push("JSON document has no jsonfeed.org version; read as JSON Feed 1.1");
  }
  const feed: RawFeed = { items: [], warnings };
  const title = str(data.title);
  if (title) feed.title = collapseWhitespace(title);
  const link = str(data.home_page_url);
  if (link) feed.link = link;
  const description = str(data.description);
  if (description) feed.description = description;
  const language = str(data.language);
  if (language) feed.language = language;
  const feedAuthors = readAuthors(data);

  const items = Array.isArray(data.items) ? data.items : [];
  // (Without a version, a missing items array has already failed the document.)
  if (!Array.isArray(data.items)) warnings.push('JSON Feed has no "items" array; no items read');
  let skipped = 0;
  for (const entry of items) {
    if (!isObject(entry)) {
      skipped++;
      continue;
    }
    const item = readItem(entry, feedAuthors);
    if (item) feed.items.push(item);
    else skipped++;
  }
  if (skipped > 0) warnings.push(`skipped ${skipped} empty or invalid item${skipped === 1 ? "" : "s"}`);
  return feed;
}

// A JSON string token, and a JSON number token (grammar of RFC 8259 §6).
const STRING_TOKEN = /"(?:[^"\\]|\\.)*"/y;
const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * JSON Feed 1.1: a reader must coerce a numeric id to a string. JSON.parse rounds integers beyond 2^53
 * (1790000000000000001 and …002 both become …000, merging the items), and Node 20 has no access to the
 * source text: number values of "id" keys that would not survive as written (integers of 16+ digits,
 * numbers beyond the double range) are quoted before parsing. Other ids read as JavaScript prints them.
 */
function quoteLargeIds(text: string): string {
  // Cheap pre-check: nothing to quote without a run of 16 digits or a 3-digit exponent.
  if (!/\d{16}|[eE][+-]?\d{3}/.test(text)) return text;
  let out = "";
  let copied = 0;
  let index = 0;
  while (index < text.length) {
    const quote = text.indexOf('"', index);
    if (quote < 0) break;
    STRING_TOKEN.lastIndex = quote;
    const string = STRING_TOKEN.exec(text);
    if (!string) break; // unterminated: JSON.parse reports it
    index = STRING_TOKEN.lastIndex;
    // A string followed by ':' is a key; its value starts after the colon.
    const colon = /\s*:\s*/y;
    colon.lastIndex = index;
    if (!colon.exec(text)) continue;
    let key: unknown;
    // "id", possibly written with escapes ("\u0069d"); longer keys are something else.
    if (string[0].length > 16) continue;
    try {
      key = JSON.parse(string[0]);
    } catch {
      continue;
    }
    if (key !== "id") continue;
    NUMBER_TOKEN.lastIndex = colon.lastIndex;
    const number = NUMBER_TOKEN.exec(text);
    if (!number) continue;
    const literal = number[0];
    const end = NUMBER_TOKEN.lastIndex;
    const value = Number(literal);
    const lossy = !Number.isFinite(value) || (/^-?\d{16,}$/.test(literal) && !Number.isSafeInteger(value));
    if (!lossy) continue;
    out += `${text.slice(copied, number.index)}"${literal}"`;
    copied = end;
    index = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function readItem(entry: Json, feedAuthors: Author[]): RawItem | null {
  const item: RawItem = {};
  const id = str(entry.id);
  if (id) item.guid = id;
  const title = str(entry.title);
  if (title) item.title = collapseWhitespace(title);
  const link = str(entry.url) ?? str(entry.external_url);
  if (link) item.link = link;
  const html = str(entry.content_html);
  if (html) item.contentHtml = html;
  const text = str(entry.content_text);
  if (text) item.contentText = text;
  const summary = str(entry.summary);
  if (summary) {
    // JSON Feed 1.1: "a plain text sentence or two".
    item.summary = summary;
    item.summaryFormat = "text";
  }
  const published = str(entry.date_published);
  if (published) item.published = published;
  const updated = str(entry.date_modified);
  if (updated) item.updated = updated;
  const authors = readAuthors(entry);
  const effectiveAuthors = authors.length > 0 ? authors : feedAuthors;
  if (effectiveAuthors.length > 0) item.authors = effectiveAuthors;
  if (Array.isArray(entry.tags)) {
    const tags = [...new Set(entry.tags.map(str).filter((tag): tag is string => !!tag))];
    if (tags.length > 0) item.categories = tags;
  }
  const image = str(entry.image) ?? str(entry.banner_image);
  if (image) item.image = image;
  const enclosures = readAttachments(entry.attachments);
  if (enclosures.length > 0) item.enclosures = enclosures;
  const language = str(entry.language);
  if (language) item.language = language;
  const empty = !id && !title && !link && !html && !text && !summary && enclosures.length === 0;
  if (!empty) return item;
  // An image-only post, which earlier crier skipped, is kept and titled by its image as normalize would
  // show it: its id, hashed from the title, cannot be the one a title-less item of the feed had.
  return image ? { ...item, title: image } : null;
}

/**
 * 1.1 `authors` array, else the deprecated 1.0 `author` object. `authors` given as one object (invalid,
 * seen in real feeds) is that one author, not a reason to credit the feed's.
 */
function readAuthors(source: Json): Author[] {
  const list = Array.isArray(source.authors)
    ? source.authors
    : isObject(source.authors)
      ? [source.authors]
      : isObject(source.author)
        ? [source.author]
        : [];
  const authors: Author[] = [];
  for (const entry of list) {
    if (!isObject(entry)) continue;
    const name = str(entry.name);
    const url = str(entry.url);
    if (!name && !url) continue;
    const email = url?.startsWith("mailto:") ? url.slice("mailto:".length) : undefined;
    const author: Author = { name: name ?? email ?? url ?? "" };
    if (email) author.email = email;
    else if (url) author.url = url;
    authors.push(author);
  }
  return authors;
}

function readAttachments(value: unknown): Enclosure[] {
  if (!Array.isArray(value)) return [];
  const enclosures: Enclosure[] = [];
  for (const entry of value) {
    if (!isObject(entry)) continue;
    const url = str(entry.url);
    if (!url) continue;
    const enclosure: Enclosure = { url };
    const type = str(entry.mime_type);
    if (type) enclosure.type = type;
    const size = entry.size_in_bytes;
    if (typeof size === "number" && Number.isSafeInteger(size) && size > 0) enclosure.length = size;
    enclosures.push(enclosure);
  }
  return enclosures;
}
