import { isEmailAddress } from "../../email.js";
import { languageTag } from "../../languageTag.js";
import type { Article, Author, Enclosure } from "../../model.js";
import { httpUri } from "../../uri.js";
import type { FeedMeta } from "../types.js";
import { stripXmlIllegalChars as strip } from "./xml-chars.js";

// Every string that reaches a feed passes through here first: illegal XML characters are removed (feed 6
// writes them raw), URLs that do not parse are dropped (feed 6 throws on them), and the others are written
// in RFC 3986 form (state from older versions may hold raw "[]|^" in them).

export function cleanMeta(meta: FeedMeta): FeedMeta {
  return {
    ...meta,
    title: strip(meta.title),
    description: strip(meta.description),
    // xml:lang and RSS <language> need a tag; config defaults it to "en" too.
    language: languageTag(strip(meta.language)) ?? "en",
    siteUrl: httpUri(meta.siteUrl) ?? meta.siteUrl,
    baseUrl: httpUri(meta.baseUrl) ?? meta.baseUrl,
    author: cleanAuthor(meta.author) ?? { name: strip(meta.title) },
    generator: strip(meta.generator),
  };
}

export function cleanArticle(article: Article): Article {
  return {
    ...article,
    id: strip(article.id),
    title: strip(article.title),
    url: httpUri(article.url),
    content: strip(article.content),
    summary: strip(article.summary),
    authors: article.authors.map(cleanAuthor).filter((a): a is Author => a !== undefined),
    categories: article.categories.map((c) => strip(c).trim()).filter((c) => c !== ""),
    enclosures: article.enclosures.map(cleanEnclosure).filter((e): e is Enclosure => e !== undefined),
    image: httpUri(article.image),
    language: languageTag(article.language === null ? null : strip(article.language)),
    source: { ...article.source, title: strip(article.source.title) },
  };
}

function cleanAuthor(author: Author): Author | undefined {
  const name = strip(author.name).trim();
  const email = author.email === undefined ? undefined : strip(author.email).trim();
  const url = httpUri(author.url) ?? undefined;
  if (name === "" && !email) return undefined;
  return {
    name: name === "" ? (email ?? "") : name,
    ...(email && isEmail(email) ? { email } : {}),
    ...(url ? { url } : {}),
  };
}

function cleanEnclosure(enclosure: Enclosure): Enclosure | undefined {
  const url = httpUri(enclosure.url);
  if (url === null) return undefined;
  const type = enclosure.type?.trim().toLowerCase();
  const length = enclosure.length;
  return {
    url,
    ...(type && isMimeType(type) ? { type } : {}),
    ...(length !== undefined && Number.isSafeInteger(length) && length >= 0 ? { length } : {}),
  };
}

export function isAbsoluteUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === "http:" || protocol === "https:";
}

/** The address shape the W3C feed validator accepts in RSS <author> and atom:email. */
export const isEmail = isEmailAddress;

function isMimeType(value: string): boolean {
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(value);
}

/** A tag feeds can carry (see languageTag); anything else is left out rather than written. */
export function isLanguageTag(value: string): boolean {
  return languageTag(value) === value;
}
