import { languageTag } from "../../languageTag.js";
import { isEmail } from "../feeds/clean-input.js";
import { siteRootUrl } from "../paths.js";
import type { FeedMeta } from "../types.js";
// escapeHtml also drops XML-illegal control characters, so it serves XML as well.
import { escapeHtml as escapeXml, httpUrl } from "./html.js";

export interface OpmlSource {
  id: string;
  title: string;
  type: string;
  /** The source's own feed (feed) or list page (html); null for files sources. */
  url: string | null;
  htmlUrl?: string | null;
}

/**
 * sources.opml (OPML 2.0): first the combined feeds this site publishes (type="rss", ready to import),
 * then every source. Only feed sources have a feed of their own (type="rss"); html sources are pages
 * (type="link", so readers do not try to subscribe to them) and files sources are plain text outlines.
 * Dated with meta.updated, never the build time. Every set's OPML lists the same feeds: the combined set
 * (titled `siteTitle`, site.title; meta.title is that only in the combined set's own OPML), then each
 * `outputs[]` set.
 */
export function renderOpml(
  meta: FeedMeta,
  sources: OpmlSource[],
  outputs: { name: string; title: string }[],
  siteTitle: string = meta.title,
): string {
  const root = siteRootUrl(meta.siteUrl);
  const sets = [{ title: siteTitle, folder: root }];
  for (const output of outputs) {
    const folder = new URL(`${encodeURIComponent(output.name)}/`, root).href;
    if (!sets.some((set) => set.folder === folder)) sets.push({ title: output.title, folder });
  }
  // No <docs>: optional in OPML 2.0, and the W3C validator's OPML rules reject it as an unknown head element.
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    "  <head>",
    `    <title>${escapeXml(meta.title)}</title>`,
    `    <dateModified>${escapeXml(rfc822(meta.updated))}</dateModified>`,
    `    <ownerName>${escapeXml(meta.author.name)}</ownerName>`,
    ...(meta.author.email && isEmail(meta.author.email.trim())
      ? [`    <ownerEmail>${escapeXml(meta.author.email.trim())}</ownerEmail>`]
      : []),
    "  </head>",
    "  <body>",
    `    <outline text="${escapeXml(meta.title)}">`,
    ...sets.map(
      (set) =>
        `      ${element({
          type: "rss",
          version: "RSS2",
          text: set.title,
          title: set.title,
          xmlUrl: new URL("feed.xml", set.folder).href,
          htmlUrl: new URL("index.html", set.folder).href,
          language: languageTag(meta.language),
        })}`,
    ),
    "    </outline>",
    `    <outline text="Sources">`,
    ...sources.map((source) => `      ${sourceOutline(source)}`),
    "    </outline>",
    "  </body>",
    "</opml>",
    "",
  ];
  return lines.join("\n");
}

function sourceOutline(source: OpmlSource): string {
  const url = httpUrl(source.url);
  const htmlUrl = httpUrl(source.htmlUrl);
  const text = source.title || source.id;
  if (source.type === "feed" && url) {
    return element({ type: "rss", text, title: text, xmlUrl: url, htmlUrl });
  }
  if (url ?? htmlUrl) return element({ type: "link", text, url: url ?? htmlUrl });
  return element({ text });
}

function element(attributes: Record<string, string | null | undefined>): string {
  const pairs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "")
    .map(([name, value]) => `${name}="${escapeXml(value)}"`);
  return `<outline ${pairs.join(" ")}/>`;
}

function rfc822(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? new Date(0).toUTCString() : date.toUTCString();
}
