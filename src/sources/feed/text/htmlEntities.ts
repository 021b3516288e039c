// `entities` is cheerio's own dependency (dom-serializer); it carries the full HTML5 named-entity table.
import { decodeHTMLStrict, decodeXML } from "entities";

/** Code points of an HTML5 named entity (`eacute` → [233]), or null when the name is not one. */
export function htmlEntityCodePoints(name: string): number[] | null {
  const reference = `&${name};`;
  const decoded = decodeHTMLStrict(reference);
  if (decoded === reference || decoded.length === 0) return null;
  return Array.from(decoded, (char) => char.codePointAt(0) ?? 0);
}

/** Decodes HTML character references (named, decimal, hex); unknown names stay as written. */
export function decodeHtmlEntities(text: string): string {
  return text.includes("&") ? decodeHTMLStrict(text) : text;
}

/** Decodes the five XML entities and numeric references (attribute values read without decoding). */
export function decodeXmlEntities(text: string): string {
  return text.includes("&") ? decodeXML(text) : text;
}
