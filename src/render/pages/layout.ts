import { createHash } from "node:crypto";
import type { FeedMeta } from "../types.js";
import { filterScript } from "./filterScript.js";
import { type HtmlValue, html, raw, type SafeHtml } from "./html.js";
import { labelsFor } from "./labels.js";
import { pageTitle } from "./pageText.js";
import { pageCss } from "./styles.js";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

// Hash-based CSP: only our own inline style and script run, even if the sanitizer ever let something
// through. Images and media in article content may come from anywhere; fetches stay on this origin.
function contentSecurityPolicy(withScript: boolean): string {
  return [
    "default-src 'none'",
    "img-src * data:",
    "media-src *",
    `style-src ${sha256(pageCss)}`,
    `script-src ${withScript ? sha256(filterScript) : "'none'"}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

export interface DocumentParts {
  meta: FeedMeta;
  /** The <title>. */
  title: string;
  description: string;
  /** Relative path from this page to its feed set folder: "" for index.html, "../" for articles/x.html. */
  toFeedSet: string;
  body: SafeHtml;
  withScript: boolean;
}

/** The page shell: head with autodiscovery links, one stylesheet, optional filter script. */
export function renderDocument(parts: DocumentParts): string {
  const { meta, toFeedSet } = parts;
  const t = labelsFor(meta.language);
  const alternate = (type: string, file: string, format: string): HtmlValue =>
    html`<link rel="alternate" type="${type}" href="${toFeedSet + file}" title="${`${meta.title} (${format})`}">`;
  const doc = html`<!DOCTYPE html>
<html lang="${meta.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(parts.withScript)}">
<meta name="color-scheme" content="light dark">
<title>${pageTitle(parts.title)}</title>
<meta name="description" content="${parts.description}">
<meta name="generator" content="${meta.generator}">
<link rel="icon" href="data:,">
${alternate("application/rss+xml", "feed.xml", t.rss)}
${alternate("application/atom+xml", "atom.xml", t.atom)}
${alternate("application/feed+json", "feed.json", t.jsonFeed)}
<style>${raw(pageCss)}</style>
</head>
<body>
${parts.body}
${parts.withScript ? html`<script>${raw(filterScript)}</script>` : ""}
</body>
</html>
`;
  return doc.toString();
}
