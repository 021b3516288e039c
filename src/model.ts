// Types shared by every pipeline stage. Stages exchange only these plain objects so that each one can be
// tested (and later moved to another process) on its own.

export interface Author {
  name: string;
  email?: string;
  url?: string;
}

export interface Enclosure {
  url: string;
  type?: string;
  length?: number;
}

/** The normalized article: what every source becomes and every renderer reads (design §3). */
export interface Article {
  /** Stable across runs: guid/id, else canonical URL, else hash(source id + title + date). */
  id: string;
  /** Plain text. */
  title: string;
  /** Absolute http(s) URL, or null (files sources get an article page at render time). */
  url: string | null;
  /** Sanitized HTML. */
  content: string;
  /** Plain text, at most 300 characters. */
  summary: string;
  /** ISO 8601 in UTC, or null when the source gave no usable date. */
  published: string | null;
  updated: string | null;
  authors: Author[];
  categories: string[];
  enclosures: Enclosure[];
  image: string | null;
  language: string | null;
  source: { id: string; title: string; url: string | null };
}

/**
 * What a source adapter extracts from one document, before normalization. Strings are as found in the
 * source (dates unparsed, links possibly relative, HTML unsanitized); adapters only decode the format.
 */
export interface RawItem {
  /** guid / atom:id / JSON Feed id, verbatim (trimmed). */
  guid?: string;
  /** RSS guid isPermaLink; undefined when not stated. */
  guidIsPermaLink?: boolean;
  /** Plain text title (entities decoded, markup stripped by the adapter). */
  title?: string;
  /** Link as found; may be relative to baseUrl. */
  link?: string;
  /** Base URL in effect for this item (xml:base, <base href>, detail page URL, else the document URL). */
  baseUrl?: string;
  /** Unsanitized HTML body. */
  contentHtml?: string;
  /** Plain text body (text files); normalize turns it into paragraphs. Ignored when contentHtml is set. */
  contentText?: string;
  /** Short description, HTML or text. */
  summary?: string;
  /**
   * What `summary` is, where the format says (RSS description and Atom type="html": html; Atom type="text",
   * JSON Feed, list and front-matter fields: text). Unset: guessed from whether it looks like markup.
   */
  summaryFormat?: "html" | "text";
  /** Raw date strings as found in the source. */
  published?: string;
  updated?: string;
  authors?: Author[];
  categories?: string[];
  enclosures?: Enclosure[];
  image?: string;
  language?: string;
  /**
   * The link and title earlier crier read for this guid-less item, where they differ from these (an RSS
   * item's atom:link, say): an article stored under the id made from them keeps it (src/worker/earlierIds.ts).
   */
  earlier?: { link?: string; title?: string };
  /** html sources: the detail page was not fetched because the item is already known. */
  detailSkipped?: boolean;
  /** html sources: the detail page failed; the item carries its list fields only (tried again later). */
  detailFailed?: boolean;
}

/** One parsed document (feed, list page, text file set). */
export interface RawFeed {
  title?: string;
  link?: string;
  description?: string;
  language?: string;
  items: RawItem[];
  /** Non-fatal problems worth reporting, e.g. "repaired: unescaped &". */
  warnings: string[];
}
