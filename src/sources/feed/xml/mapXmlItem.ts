import { mediaTypeFromExtension } from "../../../mediaType.js";
import type { Author, Enclosure, RawItem } from "../../../model.js";
import { parseDate } from "../../../normalize/dates/index.js";
import { decodeHtmlEntities, decodeXmlEntities } from "../text/htmlEntities.js";
import { collapseWhitespace, htmlToText, rssTitleToText } from "../text/htmlToText.js";
import { parseRssAuthor } from "../text/parseRssAuthor.js";
import { resolveBaseChain, resolveUrl } from "../text/resolveUrl.js";
import type { ItemElement } from "./parseWithRssParser.js";
import type { ItemExtras, MarkupElement, XmlFormat } from "./readXmlExtras.js";
import { childNodes, firstText, hasElementChildren, nodeAttr, nodeText, type XmlNode } from "./xml2jsNode.js";

// One rss-parser item (raw elements via customFields) + its cheerio extras → RawItem. Strings stay raw
// except titles (plain text) and URLs under an xml:base (resolved, because the base may differ per element).

export type RawElements = Record<ItemElement, XmlNode[]>;

const EMPTY_EXTRAS: ItemExtras = { baseChain: [], markup: new Map() };
// An RSS item's description: its own, else a Dublin Core one (RSS 1.0 feeds, Miniflux's RDF samples, may
// give it only as dc:description).
const DESCRIPTIONS = ["description", "dc:description", "dcterms:description", "dcterms:abstract"] as const;

/** The first of an RSS item's description elements that holds something. */
function rssDescriptionKey(raw: RawElements): (typeof DESCRIPTIONS)[number] {
  const holds = (node: XmlNode | undefined) => hasElementChildren(node) || Boolean(nodeText(node)?.trim());
  return DESCRIPTIONS.find((name) => holds(raw[name][0])) ?? "description";
}

export function mapXmlItem(
  raw: RawElements,
  extras: ItemExtras | undefined,
  format: XmlFormat,
  documentUrl: string | null,
): RawItem {
  const ex = extras ?? EMPTY_EXTRAS;
  const atom = format === "atom" || format === "atom03";
  // URLs of the item (link, enclosures, images, author uri) resolve against the item's xml:base when one
  // is in effect; otherwise they stay as found and normalize resolves them against the document URL.
  // Content may carry its own xml:base; RawItem has one baseUrl (for the content), so item URLs are then
  // made absolute here against the item's own base.
  const descriptionKey = rssDescriptionKey(raw);
  const contentKey = atom
    ? "content"
    : raw["content:encoded"].length > 0
      ? "content:encoded"
      : descriptionKey;
  const contentChain = ex.markup.get(contentKey)?.baseChain ?? ex.baseChain;
  const contentBase = contentChain.length > 0 ? resolveBaseChain(contentChain, documentUrl) : documentUrl;
  const itemBase = ex.baseChain.length > 0 ? resolveBaseChain(ex.baseChain, documentUrl) : documentUrl;
  const linkBase = ex.baseChain.length > 0 || contentBase !== itemBase ? itemBase : null;
  const resolve = (url: string) => (linkBase ? resolveUrl(url, linkBase) : url);
  // XML Base: the xml:base of the element holding a URL (and of those between it and the item) applies
  // too, so `<link xml:base="http://other.example/x/" href="y"/>` is http://other.example/x/y.
  const resolveAt: ResolveAt = (url, ...path) => {
    const own = elementBases(path);
    return own.length === 0
      ? resolve(url)
      : resolveUrl(url, resolveBaseChain([...ex.baseChain, ...own], documentUrl));
  };

  const item: RawItem = {};
  const title = atom
    ? atomText(raw.title[0], ex.markup.get("title"))
    : rssTitle(raw.title[0], ex.markup.get("title"));
  // An RSS 1.0 / Dublin Core item may be titled by dc:title alone.
  const dcTitle = atom || title ? undefined : rssTitle(raw["dc:title"][0], ex.markup.get("dc:title"));
  if (title ?? dcTitle) item.title = title ?? dcTitle;

  if (atom) {
    const id = firstText(raw.id);
    if (id) item.guid = id;
  } else {
    const guidNode = raw.guid[0];
    const guid = nodeText(guidNode)?.trim();
    if (guid) {
      item.guid = guid;
      const permaLink = nodeAttr(guidNode, "isPermaLink")?.trim().toLowerCase();
      if (permaLink === "false") item.guidIsPermaLink = false;
      else if (permaLink === "true") item.guidIsPermaLink = true;
    } else if (ex.about) {
      item.guid = ex.about;
    }
  }

  const links = itemLinks(raw, item, atom, resolveAt);
  if (links.now) item.link = links.now;

  // Markup inside XHTML content may set its own xml:base: links under it are made absolute against it.
  const markupBase = (name: string) => {
    const chain = ex.markup.get(name)?.baseChain;
    return chain && chain.length > 0 ? resolveBaseChain(chain, documentUrl) : documentUrl;
  };
  for (const name of ["content", "summary", "content:encoded", ...DESCRIPTIONS]) {
    ex.markup.get(name)?.resolveNestedBases(markupBase(name));
  }
  if (atom) {
    const content = atomContent(raw.content[0], ex.markup.get("content"), format);
    if (content?.html !== undefined) item.contentHtml = content.html;
    if (content?.text !== undefined) item.contentText = content.text;
    if (content?.src && !item.link) item.link = resolveAt(content.src, raw.content[0]);
    if (content?.src && !links.before) links.before = resolveAt(content.src, raw.content[0]);
    const summary = atomContent(raw.summary[0], ex.markup.get("summary"), format);
    if (summary?.html !== undefined) {
      item.summary = summary.html;
      item.summaryFormat = "html";
    } else if (summary?.text !== undefined) {
      item.summary = summary.text;
      item.summaryFormat = "text";
    }
  } else {
    const encoded = rssContent(raw["content:encoded"][0], ex.markup.get("content:encoded"));
    const description = rssContent(raw[descriptionKey][0], ex.markup.get(descriptionKey));
    if (encoded) {
      item.contentHtml = encoded;
      if (description) {
        item.summary = description;
        item.summaryFormat = "html";
      }
    } else if (description) {
      item.contentHtml = description;
    }
  }
  // Text held elsewhere fills an item without its own, never more: YouTube's media:group/media:description
  // (the video's description), then a podcast's itunes:summary or itunes:subtitle.
  if (item.contentHtml === undefined && item.contentText === undefined) {
    const media = mediaDescription(raw);
    if (media?.html !== undefined) item.contentHtml = media.html;
    else if (media?.text !== undefined) item.contentText = media.text;
    else if (item.summary === undefined) {
      // Format left to the guess: Apple says plain text, podcasts often put HTML in it.
      const itunes = firstText(raw["itunes:summary"]) ?? firstText(raw["itunes:subtitle"]);
      if (itunes) item.summary = itunes;
    }
  }
  if (contentBase) item.baseUrl = contentBase;
  // A link or title earlier crier did not read: ids made from them are kept (see RawItem.earlier).
  if (!item.guid && (links.before !== item.link || title !== item.title)) {
    item.earlier = {};
    if (links.before) item.earlier.link = links.before;
    if (title) item.earlier.title = title;
  }

  const published = firstDate([
    ...raw.pubDate,
    ...raw["atom-published"],
    ...raw.issued,
    ...raw.created,
    ...raw["dc:date"],
    ...raw["dcterms:issued"],
    ...raw["dcterms:created"],
    ...raw["dcterms:date"],
  ]);
  if (published) item.published = published;
  const updated = firstDate([...raw["atom-updated"], ...raw.modified, ...raw["dcterms:modified"]]);
  if (updated) item.updated = updated;

  let authors = readAuthors(
    atom ? raw.author : [...withMarkupText(raw.author, ex.listed?.get("author")), ...raw["atom:author"]],
    atom ? raw["dc:creator"] : withMarkupText(raw["dc:creator"], ex.listed?.get("dc:creator")),
    resolveAt,
  );
  // RFC 4287 §4.2.1: an entry without authors takes those of its atom:source (the feed it was copied
  // from) before the containing feed's (added by the caller).
  if (authors.length === 0 && atom) {
    const source = raw.source[0];
    authors = readAuthors(childNodes(source, "author"), [], (url, ...path) =>
      resolveAt(url, source, ...path),
    );
  }
  // A podcast episode's itunes:author (a name) when it names no author otherwise, else its googleplay:author.
  if (authors.length === 0) authors = readAuthors([], raw["itunes:author"], resolveAt);
  if (authors.length === 0) authors = readAuthors([], raw["googleplay:author"], resolveAt);
  if (authors.length > 0) item.authors = authors;
  const categories = readCategories(raw);
  if (categories.length > 0) item.categories = categories;
  const media = readMedia(raw, resolveAt);
  if (media.enclosures.length > 0) item.enclosures = media.enclosures;
  if (media.image) item.image = media.image;

  const language = ex.language ?? firstText(raw["dc:language"]) ?? firstText(raw.language);
  if (language) item.language = language;

  // An item earlier crier skipped as empty, kept now for its media alone (an image, a peer link, a
  // gallery), is titled by that media's URL as normalize would show it: its id, hashed from the title,
  // then cannot be the one a title-less item of the feed had (those hash "").
  const keptBefore =
    title || links.before || item.guid || item.contentHtml || item.contentText || item.summary;
  if (!keptBefore && !media.enclosuresBefore && !item.title && !item.link) {
    const shown = item.image ?? item.enclosures?.[0]?.url;
    if (shown) item.title = resolveUrl(shown, contentBase);
  }
  return item;
}

/**
 * The first of an item's date elements that reads as a date, as found (normalize parses it in the source's
 * zone): a `<pubDate>N/A</pubDate>` does not hide a good `dc:date`. None reads: the first, for the record.
 */
function firstDate(nodes: XmlNode[]): string | undefined {
  const texts = nodes.map((node) => nodeText(node)?.trim()).filter((text): text is string => Boolean(text));
  if (texts.length < 2) return texts[0];
  // Whether a text is a date does not depend on the zone or the reference time.
  const opts = { timezone: "UTC", now: new Date() };
  return texts.find((text) => parseDate(text, opts) !== null) ?? texts[0];
}

function rssTitle(node: XmlNode | undefined, markup: MarkupElement | undefined): string | undefined {
  if (hasElementChildren(node) && markup) return htmlToText(markup.inner) || undefined;
  const text = nodeText(node);
  return text ? rssTitleToText(text) || undefined : undefined;
}

/** Atom text construct (title, subtitle) as plain text: text as is, html decoded, xhtml flattened. */
export function atomText(node: XmlNode | undefined, markup: MarkupElement | undefined): string | undefined {
  if (node === undefined) return undefined;
  const type = (nodeAttr(node, "type") ?? "text").toLowerCase();
  const mode = nodeAttr(node, "mode")?.toLowerCase();
  let text: string;
  if (hasElementChildren(node) && markup) text = htmlToText(markup.xhtmlInner);
  else if (type === "html" || type === "text/html" || mode === "escaped")
    text = htmlToText(nodeText(node) ?? "");
  else if (mode === "base64") text = collapseWhitespace(decodeBase64(nodeText(node) ?? ""));
  else text = collapseWhitespace(nodeText(node) ?? "");
  return text || undefined;
}

interface AtomContent {
  html?: string;
  text?: string;
  src?: string;
}

function atomContent(
  node: XmlNode | undefined,
  markup: MarkupElement | undefined,
  format: XmlFormat,
): AtomContent | undefined {
  if (node === undefined) return undefined;
  const src = nodeAttr(node, "src")?.trim();
  if (src) return { src };
  const type =
    (nodeAttr(node, "type") ?? (format === "atom03" ? "text/plain" : "text"))
      .split(";")[0]
      ?.trim()
      .toLowerCase() ?? "";
  const mode = nodeAttr(node, "mode")?.toLowerCase();
  const plain = type === "text" || type === "text/plain";
  const textType = type.startsWith("text/") && type !== "text/html";
  const xml = type.endsWith("+xml") || type.endsWith("/xml");
  // RFC 4287 §4.1.3.3: a media type that is neither text/* nor XML is Base64 data (an image, a PDF), not
  // for display: the entry's summary stands for it.
  if (type.includes("/") && !textType && !xml && type !== "text/html") return undefined;
  if (hasElementChildren(node) && markup) {
    const html = markup.xhtmlInner.trim();
    return html ? { html } : undefined;
  }
  let value = nodeText(node) ?? "";
  if (mode === "base64") value = decodeBase64(value);
  value = value.trim();
  if (value === "") return undefined;
  // text/markdown, text/csv … and the character data of XML content are text. Atom 0.3's mode="escaped"
  // is escaped markup, but for a text type other than text/plain (feeds of that time wrote text/plain
  // for escaped HTML).
  const isText = mode === "escaped" ? textType && !plain : plain || textType || xml;
  return isText ? { text: value } : { html: value };
}

/** MRSS media:description of the item, its media:group or a media:content: text unless type="html". */
function mediaDescription(raw: RawElements): AtomContent | undefined {
  const holders = [...raw["media:group"], ...raw["media:content"]];
  const groups = raw["media:group"].flatMap((group) => childNodes(group, "media:content"));
  const nodes = [
    ...raw["media:description"],
    ...[...holders, ...groups].flatMap((node) => childNodes(node, "media:description")),
  ];
  for (const node of nodes) {
    const value = nodeText(node)?.trim();
    if (!value) continue;
    return nodeAttr(node, "type")?.trim().toLowerCase() === "html" ? { html: value } : { text: value };
  }
  return undefined;
}

function rssContent(node: XmlNode | undefined, markup: MarkupElement | undefined): string | undefined {
  if (node === undefined) return undefined;
  // Unescaped markup inside description (invalid but common): take it verbatim from the cheerio pass.
  const value = hasElementChildren(node) && markup ? markup.inner : (nodeText(node) ?? "");
  return value.trim() || undefined;
}

// RFC 4287 §4.2.7.2: a rel given as the full IANA IRI is the same relation as its short name.
const IANA_RELATION = "http://www.iana.org/assignments/relation/";

/** An Atom link's rel, lower-cased, with the IANA registry IRI prefix removed. */
function atomRel(node: XmlNode): string | undefined {
  const rel = nodeAttr(node, "rel")?.trim().toLowerCase();
  return rel?.startsWith(IANA_RELATION) ? rel.slice(IANA_RELATION.length) : rel;
}

/** Resolves a URL found in the item, given the elements holding it, outermost first. */
export type ResolveAt = (url: string, ...path: (XmlNode | undefined)[]) => string;

/** The xml:base values of the given elements, outermost first. */
export function elementBases(path: readonly (XmlNode | undefined)[]): string[] {
  const bases: string[] = [];
  for (const node of path) {
    const base = nodeAttr(node, "xml:base")?.trim();
    if (base) bases.push(base);
  }
  return bases;
}

interface LinkNode {
  href: string;
  node: XmlNode;
}

// A guid that is an absolute path (`/2024/post.html`): a relative permalink.
const RELATIVE_PERMALINK = /^\/[^\s]*$/;

/**
 * The item's link, and the one crier read before it read RSS atom:link, relative permalink guids and
 * feedburner:origLink (Atom content `src` is added by the caller). RSS: feedburner:origLink, `<link>`,
 * atom:link (rel alternate, else without rel), then the guid unless isPermaLink="false" (an http(s) URL,
 * or an absolute path resolved like a link).
 */
function itemLinks(
  raw: RawElements,
  item: RawItem,
  atom: boolean,
  resolveAt: ResolveAt,
): { now?: string; before?: string } {
  const at = (link: LinkNode | undefined) => (link ? resolveAt(link.href, link.node) : undefined);
  // FeedBurner's own link is its redirect (feedproxy, shut down); origLink is the article's.
  const original = at(firstTextNode(raw["feedburner:origLink"]));
  if (atom) {
    const alternate = at(atomAlternateLinkNode(raw.link));
    return { now: original ?? alternate, before: alternate };
  }
  const permalink = item.guid && item.guidIsPermaLink !== false ? item.guid : undefined;
  const guidUrl = permalink && /^https?:\/\//i.test(permalink) ? permalink : undefined;
  const link = at(firstTextNode(raw.link));
  const relative =
    permalink && RELATIVE_PERMALINK.test(permalink) ? resolveAt(permalink, raw.guid[0]) : undefined;
  return {
    now: original ?? link ?? at(atomAlternateLinkNode(raw["atom:link"])) ?? guidUrl ?? relative,
    before: link ?? guidUrl,
  };
}

/** The first element with text, and its text. */
export function firstTextNode(nodes: XmlNode[]): LinkNode | undefined {
  for (const node of nodes) {
    const href = nodeText(node)?.trim();
    if (href) return { href, node };
  }
  return undefined;
}

export function atomAlternateLink(links: XmlNode[]): string | undefined {
  return atomAlternateLinkNode(links)?.href;
}

/** An Atom entry's or feed's alternate link and the element it came from (for its xml:base). */
export function atomAlternateLinkNode(links: XmlNode[]): LinkNode | undefined {
  const withHref = links
    .map((node) => ({ rel: atomRel(node), href: nodeAttr(node, "href")?.trim(), node }))
    .filter((link): link is { rel: string | undefined; href: string; node: XmlNode } => !!link.href);
  const alternate = withHref.find((link) => link.rel === "alternate") ?? withHref.find((link) => !link.rel);
  // A text-only <link>https://…</link> (invalid Atom, seen in the wild) counts as a link without rel.
  return (
    alternate ?? firstTextNode(links.filter((node) => !nodeAttr(node, "href") && !nodeAttr(node, "rel")))
  );
}

/** A person construct's child elements of that name (`atom:name` too: an atom:author inside an RSS item). */
function personField(node: XmlNode, name: string): XmlNode[] {
  return [...childNodes(node, name), ...childNodes(node, `atom:${name}`)];
}

const PERSON_FIELDS = ["name", "email", "uri", "url"];

function isPerson(node: XmlNode): boolean {
  return typeof node === "object" && PERSON_FIELDS.some((name) => personField(node, name).length > 0);
}

/**
 * RSS author elements that hold markup (`<author>by <a href="…">Ann</a></author>`) as their text, markup
 * and all, as if it were escaped: xml2js keeps only the text around child elements. `markups` are the
 * elements' inner markup from the extras pass, in the same order.
 */
function withMarkupText(
  nodes: XmlNode[],
  markups: readonly (MarkupElement | undefined)[] | undefined,
): XmlNode[] {
  if (!markups || markups.length !== nodes.length) return nodes;
  return nodes.map((node, index) => {
    const markup = markups[index];
    return markup && hasElementChildren(node) && !isPerson(node) ? decodeXmlEntities(markup.inner) : node;
  });
}

/** Atom person constructs and RSS author strings, then dc:creator values; duplicates dropped. */
export function readAuthors(authorNodes: XmlNode[], creatorNodes: XmlNode[], resolve: ResolveAt): Author[] {
  const authors: Author[] = [];
  for (const node of authorNodes) {
    if (isPerson(node)) {
      const name = firstText(personField(node, "name"));
      const email = firstText(personField(node, "email"));
      const uri = firstTextNode(personField(node, "uri")) ?? firstTextNode(personField(node, "url"));
      const displayName = name ?? email;
      if (!displayName) continue;
      const author: Author = { name: collapseWhitespace(displayName) };
      if (email) author.email = email;
      if (uri) author.url = resolve(uri.href, node, uri.node);
      authors.push(author);
    } else {
      const parsed = parseRssAuthor(rssPlainText(nodeText(node)));
      if (parsed) authors.push(parsed);
    }
  }
  for (const node of creatorNodes) {
    const parsed = parseRssAuthor(rssPlainText(nodeText(node)));
    if (parsed) authors.push(parsed);
  }
  const seen = new Set<string>();
  return authors.filter((author) => {
    const key = `${author.name}\u0000${author.email ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * RSS author and category text: plain text that feeds (WordPress among them) often HTML-escape once more
 * ("News &amp; Events" inside CDATA). Its references are decoded; tags are not looked for, so "List<T>"
 * and "Jo <jo@example.org>" stay whole.
 */
function rssPlainText(text: string | undefined): string {
  return text ? decodeHtmlEntities(text) : "";
}

function readCategories(raw: RawElements): string[] {
  const values: string[] = [];
  for (const node of raw.category) {
    // Atom's term/label are attributes (text as they are); RSS's category is element text.
    const value = nodeAttr(node, "label") ?? nodeAttr(node, "term") ?? rssPlainText(nodeText(node));
    if (value) values.push(value);
  }
  for (const node of raw["dc:subject"]) values.push(rssPlainText(nodeText(node)));
  // Media RSS: a label is for people, the text a term of the scheme; Flickr's tags are one space-separated list.
  const mediaCategories = [
    ...raw["media:category"],
    ...raw["media:group"].flatMap((group) => childNodes(group, "media:category")),
  ];
  for (const node of mediaCategories) {
    const label = nodeAttr(node, "label")?.trim();
    const text = rssPlainText(nodeText(node));
    if (label) values.push(label);
    else if (nodeAttr(node, "scheme")?.trim() === "urn:flickr:tags") values.push(...text.split(/\s+/));
    else values.push(text);
  }
  return [...new Set(values.map(collapseWhitespace).filter((value) => value !== ""))];
}

interface ItemMedia {
  enclosures: Enclosure[];
  image?: string;
  /** Whether earlier crier, which read no peer links nor galleries, found an enclosure. */
  enclosuresBefore: boolean;
}

function readMedia(raw: RawElements, resolve: ResolveAt): ItemMedia {
  const enclosures: Enclosure[] = [];
  // Image URLs as resolved against the elements that hold them.
  const images: string[] = [];
  const addImage = (url: string | undefined, ...path: XmlNode[]) => {
    const href = url?.trim();
    if (href) images.push(resolve(href, ...path));
  };
  const add = (
    node: XmlNode[],
    url: string | undefined,
    type: string | undefined,
    length: string | undefined,
  ) => {
    const href = url?.trim();
    if (!href) return;
    const enclosure: Enclosure = { url: resolve(href, ...node) };
    if (type?.trim()) enclosure.type = type.trim();
    const size = length && /^\s*\d+\s*$/.test(length) ? Number(length) : 0;
    if (size > 0 && Number.isSafeInteger(size)) enclosure.length = size;
    enclosures.push(enclosure);
  };
  const original = originalEnclosureLink(raw);
  for (const node of raw.enclosure)
    add([node], original(nodeAttr(node, "url")), nodeAttr(node, "type"), nodeAttr(node, "length"));
  for (const node of raw.link) {
    if (atomRel(node) === "enclosure") {
      add([node], nodeAttr(node, "href"), nodeAttr(node, "type"), nodeAttr(node, "length"));
    }
  }
  // Each media element with the elements around it inside the item (for their xml:base).
  const groups = raw["media:group"];
  const mediaContents = [
    ...raw["media:content"].map((node) => [node]),
    ...groups.flatMap((group) => childNodes(group, "media:content").map((node) => [group, node])),
  ];
  const thumbnails = [
    ...raw["media:thumbnail"].map((node) => [node]),
    ...mediaContents.flatMap((path) =>
      childNodes(path[path.length - 1], "media:thumbnail").map((node) => [...path, node]),
    ),
    ...groups.flatMap((group) => childNodes(group, "media:thumbnail").map((node) => [group, node])),
  ];
  // A full-size media:content image is the article's image before any thumbnail of it. Several images of
  // the item's own (not of a media:group, whose members are one work in several forms; not one file in
  // several sizes, `3000.jpg?width=140` and `?width=460`) are a gallery, kept as enclosures too.
  const contentImages: { path: XmlNode[]; url: string; type: string | undefined }[] = [];
  for (const path of mediaContents) {
    const node = path[path.length - 1];
    const type = nodeAttr(node, "type");
    const url = nodeAttr(node, "url");
    const medium = nodeAttr(node, "medium")?.trim();
    // Without type and medium (the Guardian's `…/3000.jpg?width=140`), the URL's extension tells.
    const mediaType = type?.trim() || (medium ? undefined : mediaTypeFromExtension(url?.trim() ?? ""));
    const isImage = medium === "image" || /^image\//i.test(mediaType ?? "");
    if (!isImage) add(path, url, type, nodeAttr(node, "fileSize"));
    else if (url?.trim()) {
      addImage(url, ...path);
      if (path.length === 1)
        contentImages.push({ path, url, type: mediaType ?? mediaTypeFromExtension(url.trim()) });
    }
  }
  // What earlier crier read as enclosures ends here (see mapXmlItem's keptBefore).
  const enclosuresBefore = enclosures.length > 0;
  if (new Set(contentImages.map((image) => image.url.trim().replace(/[?#].*$/, ""))).size > 1) {
    for (const { path, url, type } of contentImages) {
      add(path, url, type, nodeAttr(path[path.length - 1], "fileSize"));
    }
  }
  // Media RSS peer-to-peer links (a torrent) are enclosures too.
  const peerLinks = [
    ...raw["media:peerLink"].map((node) => [node]),
    ...groups.flatMap((group) => childNodes(group, "media:peerLink").map((node) => [group, node])),
  ];
  for (const path of peerLinks) {
    const node = path[path.length - 1];
    add(path, nodeAttr(node, "href") ?? nodeAttr(node, "url"), nodeAttr(node, "type"), undefined);
  }
  for (const path of thumbnails) addImage(nodeAttr(path[path.length - 1], "url"), ...path);
  for (const node of raw["itunes:image"]) addImage(nodeAttr(node, "href") ?? nodeText(node), node);
  for (const node of raw.image) {
    const child = firstTextNode(childNodes(node, "url"));
    const url = nodeAttr(node, "href") ?? nodeAttr(node, "url") ?? child?.href ?? nodeText(node);
    if (child && url === child.href) addImage(url, node, child.node);
    else addImage(url, node);
  }
  for (const enclosure of enclosures) {
    if (/^image\//i.test(enclosure.type ?? mediaTypeFromExtension(enclosure.url) ?? ""))
      images.push(enclosure.url);
  }
  const seen = new Set<string>();
  const unique = enclosures.filter((enclosure) => !seen.has(enclosure.url) && seen.add(enclosure.url));
  const image = images[0];
  return image ? { enclosures: unique, image, enclosuresBefore } : { enclosures: unique, enclosuresBefore };
}

/**
 * FeedBurner's enclosure URL (a feedproxy redirect, now gone) → its feedburner:origEnclosureLink, when the
 * two name the same file; any other URL as it is.
 */
function originalEnclosureLink(raw: RawElements): (url: string | undefined) => string | undefined {
  const original = firstText(raw["feedburner:origEnclosureLink"]);
  if (!original) return (url) => url;
  const file = lastSegment(original);
  return (url) => (url && file && lastSegment(url) === file ? original : url);
}

function lastSegment(url: string): string {
  const path = url.trim().replace(/[?#].*$/, "");
  return path.slice(path.lastIndexOf("/") + 1);
}

function decodeBase64(value: string): string {
  return Buffer.from(value.replace(/\s+/g, ""), "base64").toString("utf8");
}
