import type { Article } from "../../model.js";
import { element, type XmlElement } from "./xml-tree.js";

// RSS and Atom have no field for an item's image; Media RSS's <media:thumbnail> is the one readers look
// for (Miniflux, Inoreader, Feedly, NetNewsWire) and the W3C validator knows. JSON Feed has `image`.
const MEDIA_NS = "http://search.yahoo.com/mrss/";

/** The namespace declaration, only when some item has an image: feeds without one stay as they were. */
export function mediaNamespace(articles: readonly Article[]): [string, string][] {
  return articles.some((article) => article.image) ? [["xmlns:media", MEDIA_NS]] : [];
}

/** `<media:thumbnail url="…"/>` for the article's image, or null when it has none. */
export function mediaThumbnail(article: Article): XmlElement | null {
  return article.image ? element("media:thumbnail", [["url", new URL(article.image).href]]) : null;
}
