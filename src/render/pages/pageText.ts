import type { Article } from "../../model.js";
import { prefixWithin } from "../../normalize/graphemes.js";
import { stripXmlIllegalChars } from "../feeds/xml-chars.js";
import { raw, type SafeHtml } from "./html.js";
import type { Labels } from "./labels.js";
import { nestHeadings } from "./nestHeadings.js";
import { repairContent } from "./repairContent.js";

// What the pages show of an article, in the shape html-validate's recommended rules ask for.

/**
 * An article's heading: its title, else the start of its summary, else "(untitled)". An empty heading or
 * link text leaves the page without a name for the item (html-validate: empty-heading, wcag/h30).
 */
export function displayTitle(article: Pick<Article, "title" | "summary">, t: Labels): string {
  if (article.title.trim() !== "") return article.title;
  const summary = article.summary.trim();
  if (summary === "") return t.untitled;
  const start = prefixWithin(summary, 60);
  return start.length < summary.length ? `${start}…` : start;
}

const TITLE_MAX = 70;
const TITLE_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
// Element text needs only these escaped (html-validate: no-raw-characters); quotes stay as they are.
const escapeTitle = (text: string) => text.replace(/[&<>]/g, (c) => TITLE_ESCAPES[c]!);

/**
 * A page <title> as markup: at most 70 characters of source text (html-validate: long-title counts the
 * escaped text, "&amp;" as 5), cut on a character boundary.
 */
export function pageTitle(text: string): SafeHtml {
  const clean = stripXmlIllegalChars(text);
  const whole = escapeTitle(clean);
  if (whole.length <= TITLE_MAX) return raw(whole);
  // The longest prefix whose markup leaves room for the ellipsis; the cut then only moves back to a boundary.
  let max = 0;
  for (let room = TITLE_MAX - 1; max < clean.length; max++) {
    room -= TITLE_ESCAPES[clean[max]!]?.length ?? 1;
    if (room < 0) break;
  }
  return raw(`${escapeTitle(prefixWithin(clean, max).trimEnd())}…`);
}

/**
 * Sanitized article HTML as the page embeds it: re-parsed and repaired to HTML's content model (see
 * repairContent.ts), written in the pages' style (`<br>`, not `<br />`), headings below the page's h1.
 */
export function pageContent(sanitizedHtml: string): string {
  return nestHeadings(repairContent(sanitizedHtml));
}
