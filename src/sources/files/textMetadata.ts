import { isPublicationLabel, labelledParts } from "../../normalize/dates/labelled.js";
import { markdownInlineText } from "./markdownToHtml.js";

// Title and date conventions of plain announcement files, where metadata lives in the first lines.

const MAX_TITLE_CHARS = 80;
/** CRLF, LF or a lone CR (classic Mac files), as collapseWhitespace and markdownToHtml read them. */
const LINE_BREAK = /\r\n?|\n/;
/** A short first line ending like a sentence clause is a paragraph, not a title. */
const CLAUSE_END = /[。，,；;：:、]$/;

export interface SplitTitle {
  title?: string;
  body: string;
}

/**
 * Plain text: a first non-empty line that is short (≤ 80 characters) and followed by a blank line is the
 * title; it is removed from the body. Otherwise no title (normalize derives one from the first sentence).
 */
export function titleFromPlainText(text: string): SplitTitle {
  const lines = text.replace(/^\ufeff/, "").split(LINE_BREAK);
  const first = firstTitleLine(lines);
  if (first === -1) return { body: text };
  const candidate = lines[first]!.trim();
  const next = lines[first + 1];
  const followedByBlank = next === undefined || next.trim() === "";
  if (!followedByBlank || [...candidate].length > MAX_TITLE_CHARS || CLAUSE_END.test(candidate)) {
    return { body: text };
  }
  return { title: candidate, body: withoutLines(lines, first, 1) };
}

/**
 * The first non-empty line, past a leading line that is only a date (`2024-03-05`, `2024年3月5日`): that
 * is the date (dateFromLines), never the title. -1 when there is none.
 */
function firstTitleLine(lines: string[]): number {
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first === -1 || !isDateLine(lines[first]!)) return first;
  return lines.findIndex((line, i) => i > first && line.trim() !== "");
}

/** The text without `count` lines at `at` (a title), and without the blank lines right after them. */
function withoutLines(lines: string[], at: number, count: number): string {
  const before = lines.slice(0, at).join("\n");
  const after = lines
    .slice(at + count)
    .join("\n")
    .replace(/^\s*\n/, "");
  return before.trim() === "" ? after : `${before}\n${after}`;
}

/**
 * Markdown: a first ATX heading (`# Title`, any level) or setext heading (`Title` over `===`) is the title,
 * as plain text (`# **重要** [通知](…)` → `重要 通知`); it is removed from the body. Otherwise the plain-text
 * rule applies.
 */
export function titleFromMarkdown(text: string): SplitTitle {
  const lines = text.replace(/^\ufeff/, "").split(LINE_BREAK);
  const first = firstTitleLine(lines);
  if (first === -1) return { body: text };
  const line = lines[first]!;
  const atx = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
  const atxTitle = atx?.[1] ? markdownInlineText(atx[1]) : "";
  if (atxTitle) return { title: atxTitle, body: withoutLines(lines, first, 1) };
  const underline = lines[first + 1];
  const setextTitle = markdownInlineText(line);
  if (underline !== undefined && /^ {0,3}(=+|-+)\s*$/.test(underline) && setextTitle) {
    return { title: setextTitle, body: withoutLines(lines, first, 2) };
  }
  return titleFromPlainText(text);
}

/** `2019-05-30-meeting.txt`, `2019_05_30 …`, `20190530-…` → `2019-05-30`. */
export function dateFromFileName(fileName: string): string | undefined {
  const match = /^((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)/.exec(fileName);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** A line that is only a full date (after NFKC: full-width digits count): `2019年5月30日`, `民國108年5月30日`. */
const FULL_DATE =
  /^(?:(?:(?:19|20)\d{2}|[01]\d{2}|(?:中華|中华)?民[國国]\s*\d{1,3})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$/u;
const DATE_LINES_SCANNED = 5;

function isDateLine(line: string): boolean {
  return FULL_DATE.test(
    line
      .replace(/[\s\u3000]+/g, " ")
      .trim()
      .normalize("NFKC"),
  );
}

/**
 * A date line among the first non-empty lines: `发布时间：2019-05-30 14:30`, `Date: …` — its label anywhere
 * on the line (`来源：市公安局　发布时间：…`; the next label ends the date) — or a line that is only a full
 * date (`2019年5月30日`). A leading `5月30日` in running text is not one. Returns the raw date text for
 * normalize to parse.
 */
export function dateFromLines(text: string): string | undefined {
  const lines = text
    .split(LINE_BREAK)
    .map((line) => line.replace(/[\s\u3000]+/g, " ").trim())
    .filter((line) => line !== "")
    .slice(0, DATE_LINES_SCANNED);
  for (const line of lines) {
    const labelled = labelledParts(line).find(
      (part) => isPublicationLabel(part.label) && /\p{Nd}/u.test(part.value),
    );
    if (labelled) return labelled.value;
    if (isDateLine(line)) return line;
  }
  return undefined;
}
