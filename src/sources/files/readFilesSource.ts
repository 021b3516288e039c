import fs from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { type FileSystemAdapter, glob, isDynamicPattern } from "tinyglobby";
import type { FilesSourceConfig } from "../../config/index.js";
import { globClimbsOut } from "../../config/localPaths.js";
import { isHttpUrl } from "../../config/urls.js";
import { errorMessage } from "../../errorMessage.js";
import { decodeText } from "../../fetch/index.js";
import type { RawItem } from "../../model.js";
import { parseDate } from "../../normalize/dates/index.js";
import { htmlToTextPrefix } from "../../normalize/text.js";
import { isInside, resolveLocalPath, SourcePathError } from "../load.js";
import type { SourceContext, SourceReader, SourceReadResult } from "../types.js";
import { frontMatterList, frontMatterString, parseFrontMatter } from "./frontMatter.js";
import { readHtmlFile } from "./htmlFile.js";
import { markdownToHtml } from "./markdownToHtml.js";
import { dateFromFileName, dateFromLines, titleFromMarkdown, titleFromPlainText } from "./textMetadata.js";

type FileKind = "text" | "markdown" | "html";

const KINDS: Record<string, FileKind> = {
  ".txt": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
};

/** A file larger than this is skipped with a warning: announcements are small, a stray dump is not. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Reads a files source: every .txt/.md/.markdown/.html/.htm file matching `path` (a glob relative to the
 * config folder), sorted by path, one item per file. Always returns items (local files are cheap; there is
 * no "not modified"). Patterns and files that leave the config folder are refused with a SourcePathError.
 */
export const readFilesSource: SourceReader<FilesSourceConfig> = async (source, context) => {
  const root = await realpath(context.configDir);
  const pattern = containedPattern(source.path, context.configDir, root);
  const outside: string[] = [];
  const startOutside = await outsideStart(pattern, root);
  if (startOutside) outside.push(startOutside);
  // The glob would walk from there, unresolved: it is not searched either.
  const matches = startOutside
    ? []
    : (await glob(pattern, { cwd: root, onlyFiles: true, dot: false, fs: containedFs(root, outside) })).map(
        (file) => file.split(path.sep).join("/"),
      );
  // A path naming a file as written is read too: `notice (1).txt` or `!important.txt` need no escaping.
  const literal = pattern.replace(/^(?:\.\/)+/, "");
  if (!startOutside && !matches.includes(literal) && (await isFile(path.join(root, literal)))) {
    matches.push(literal);
  }
  matches.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const unreadable: string[] = [];
  const result: SourceReadResult = {
    notModified: false,
    feed: { items: [], warnings: [] },
    documentUrl: null,
    etag: null,
    lastModified: null,
    whole: { unreadable },
  };
  const { items, warnings } = result.feed;
  // Real paths, as `file` below is one: `**/*.html` next to the default output folder would publish
  // crier's own pages, one more each build.
  const own = await Promise.all((context.ownFolders ?? []).map((dir) => realpath(dir).catch(() => dir)));
  let ownSkipped = 0;
  let candidates = 0;
  let firstFailure: Error | null = null;
  for (const link of [...new Set(outside)].sort()) {
    const name = printableName(path.relative(root, link).split(path.sep).join("/"));
    const refused = new SourcePathError(
      `${name}: a folder symlink that resolves outside the config folder ${root}; not searched`,
    );
    firstFailure ??= refused;
    warnings.push(refused.message);
  }
  // Real paths read so far: a symlink loop, or a link beside its target, would publish a file twice. The
  // first path in sort order names it.
  const read = new Set<string>();
  for (const relative of matches) {
    const kind = KINDS[path.extname(relative).toLowerCase()];
    if (!kind) continue;
    candidates++;
    if (context.signal.aborted) throw context.signal.reason ?? new Error("aborted");
    try {
      // Normalize drops controls from ids and text: `a\x01.txt` would take `a.txt`'s id and page.
      if (CONTROL_CHARS.test(relative)) {
        throw new Error(
          `${printableName(relative)}: the file name holds control characters (they are dropped from ids and pages)`,
        );
      }
      // Resolves symlinks and refuses any that point out of the config folder: such a file is never read.
      const file = await resolveLocalPath(relative, context.configDir);
      if (own.some((dir) => isInside(file, dir))) {
        ownSkipped++;
        continue;
      }
      if (read.has(file)) continue;
      read.add(file);
      items.push(await readItem(source.id, relative, kind, file, context, warnings));
    } catch (error) {
      if (context.signal.aborted) throw error;
      // One bad file (a symlink out, hostile markup, unreadable) does not hold back the others.
      const failure = namedFailure(error, printableName(relative));
      firstFailure ??= failure;
      warnings.push(`${failure.message}; skipped`);
      // It is still there (caught mid-write, too big for now): what was published of it stays.
      unreadable.push(fileGuid(source.id, relative));
    }
  }
  // Nothing readable at all is a broken source, not an empty one: it fails and keeps its last good articles.
  if (items.length === 0 && firstFailure) throw firstFailure;
  if (ownSkipped > 0) {
    warnings.push(
      `${ownSkipped} file(s) matching "${source.path}" are in crier's output or state folder and were skipped`,
    );
  }
  if (candidates === ownSkipped) {
    // A moved folder or a broken pattern, far more often than a board emptied on purpose: the source
    // fails and keeps what it published (set "enabled": false to withdraw a source's notices).
    throw new SourcePathError(`no .txt, .md or .html files match "${source.path}" in ${root}`);
  }
  return result;
};

/**
 * `crier inspect FILE`: exactly the file `relative` names in the config folder (a path, never a glob; it
 * may be a symlink to anywhere, as the user named it), as a source of one item. An extension other than
 * .md/.markdown/.html/.htm reads as text: the user said it is text. Throws when the file cannot be used.
 */
export async function readSingleFile(
  source: FilesSourceConfig,
  relative: string,
  context: SourceContext,
): Promise<SourceReadResult> {
  const file = path.resolve(context.configDir, relative);
  await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new SourcePathError(`${relative}: no such file (resolved to ${file})`);
    throw error;
  });
  const kind = KINDS[path.extname(relative).toLowerCase()] ?? "text";
  const warnings: string[] = [];
  const item = await readItem(source.id, relative, kind, file, context, warnings).catch((error: unknown) => {
    throw namedFailure(error, relative);
  });
  return {
    notModified: false,
    feed: { items: [item], warnings },
    documentUrl: null,
    etag: null,
    lastModified: null,
  };
}

/** One file → its item; throws (the path first) when the file cannot be used. Warnings go to `warnings`. */
async function readItem(
  sourceId: string,
  relative: string,
  kind: FileKind,
  file: string,
  context: SourceContext,
  warnings: string[],
): Promise<RawItem> {
  const info = await stat(file);
  // A FIFO or device would block the read past every deadline (a read of one cannot be aborted).
  if (!info.isFile()) throw new Error(`${relative}: not a regular file`);
  if (info.size > MAX_FILE_BYTES) {
    throw new Error(`${relative}: ${info.size} bytes is over the ${MAX_FILE_BYTES}-byte limit`);
  }
  const bytes = await readFile(file);
  const text = decodeText(bytes, { kind: kind === "html" ? "html" : "text", override: context.encoding });
  const item = fileItem(sourceId, relative, kind, text, (warning) => warnings.push(warning));
  // It would be published with a blank title and no text (feed validators flag both).
  if (isBlank(item)) throw new Error(`${relative}: the file has no title and no text`);
  return item;
}

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** A file name fit for a warning on a terminal: its control characters as `\uXXXX`. */
function printableName(relative: string): string {
  return relative.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * File system access for the glob: a folder symlink that resolves out of the config folder is not searched
 * (a link to /usr would be walked for every file in it, each then refused); it is added to `outside`.
 */
function containedFs(root: string, outside: string[]): FileSystemAdapter {
  const realpath = (link: string, callback: (error: Error | null, resolved?: string) => void) => {
    fs.realpath(link, (error, resolved) => {
      if (error || isInside(resolved, root)) return callback(error, resolved);
      fs.stat(resolved, (statError, info) => {
        if (statError || !info.isDirectory()) return callback(statError, resolved);
        outside.push(link);
        // The glob skips a link it cannot resolve.
        callback(new SourcePathError(`${link}: resolves outside ${root}`));
      });
    });
  };
  return { realpath: realpath as unknown as typeof fs.realpath };
}

/**
 * The first of the pattern's fixed leading folders (`a`, `a/b` of `a/b/*.txt`: where the glob starts
 * walking, unresolved) that is a symlink out of the config folder, as an absolute path; else null.
 */
async function outsideStart(pattern: string, root: string): Promise<string | null> {
  const segments = pattern.split("/").slice(0, -1);
  let folder = root;
  for (const segment of segments) {
    if (isDynamicPattern(segment)) break;
    folder = path.join(folder, segment.replace(/\\(.)/g, "$1"));
    const real = await realpath(folder).catch(() => null);
    if (real === null) break;
    if (!isInside(real, root)) return folder;
  }
  return null;
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}

/** The error with the file's path at the start of its message (the path checks already put it there). */
function namedFailure(error: unknown, relative: string): Error {
  if (error instanceof Error && error.message.startsWith(`${relative}:`)) return error;
  return new Error(`${relative}: ${errorMessage(error)}`);
}

/** An item without a title, a summary or any text: an empty or whitespace-only file, or one of markup only. */
function isBlank(item: RawItem): boolean {
  const texts = [item.title, item.summary, item.contentText, htmlToTextPrefix(item.contentHtml ?? "", 1)];
  return texts.every((text) => !text?.trim());
}

/** Enough of an HTML file's text for the date lines near its top. */
const DATE_LINES_TEXT = 2000;

/**
 * The first candidate that reads as a date, raw (normalize parses it in the source's zone): a `date: TBD` or
 * an impossible `2024-02-30-…` file name does not hide a good date further down. None reads: the first, so
 * the item still says what the file gave.
 */
function firstDate(candidates: (string | undefined)[]): string | undefined {
  const texts = candidates.filter((text): text is string => Boolean(text));
  if (texts.length < 2) return texts[0];
  // Whether a text is a date does not depend on the zone or the reference time.
  const opts = { timezone: "UTC", now: new Date() };
  return texts.find((text) => parseDate(text, opts) !== null) ?? texts[0];
}

/**
 * The glob relative to the config folder; `..` segments and absolute paths outside it are refused. A
 * backslash is the glob escape (`notice \\(1\\).txt`), not a separator: the README promises no Windows paths.
 */
function containedPattern(pattern: string, configDir: string, root: string): string {
  if (globClimbsOut(pattern)) {
    throw new SourcePathError(
      `files path "${pattern}": ".." is not allowed; the glob must stay inside the config folder ${root}`,
    );
  }
  if (!path.isAbsolute(pattern)) return pattern.replace(/\/{2,}/g, "/");
  for (const base of [path.resolve(configDir), root]) {
    const relative = path.relative(base, pattern);
    if (relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative)) {
      return relative.split(path.sep).join("/");
    }
  }
  throw new SourcePathError(
    `files path "${pattern}": absolute path outside the config folder ${root}; use a path relative to it`,
  );
}

/** A file's id: its path in the config folder, stable across checkouts. */
function fileGuid(sourceId: string, relative: string): string {
  return `urn:crier:files:${sourceId}:${relative}`;
}

/**
 * One file → one raw item. Pure apart from the inputs and `warn` (a front matter read line by line or
 * skipped). An undated file stays undated: aggregate dates it by its persisted first-seen time (the mtime
 * would change with every `touch` or fresh checkout).
 */
export function fileItem(
  sourceId: string,
  relative: string,
  kind: FileKind,
  text: string,
  warn: (warning: string) => void = () => {},
): RawItem {
  const item: RawItem = { guid: fileGuid(sourceId, relative) };
  const fileDate = dateFromFileName(path.posix.basename(relative));
  if (kind === "html") {
    const fields = readHtmlFile(text);
    if (fields.title) item.title = fields.title;
    item.contentHtml = fields.contentHtml;
    if (fields.language) item.language = fields.language;
    // The README's order: the file name, a date line near the top (`发布时间：…`, as in a text file),
    // then the page's `<meta>`/`<time>` (a `<time>` in the body may be any date).
    const lines = htmlToTextPrefix(fields.contentHtml, DATE_LINES_TEXT);
    const date = firstDate([fileDate, dateFromLines(lines), ...fields.dates]);
    if (date) item.published = date;
    return item;
  }
  const { data, body, warning } = parseFrontMatter(text);
  if (warning) warn(`${printableName(relative)}: ${warning}`);
  const split = kind === "markdown" ? titleFromMarkdown(body) : titleFromPlainText(body);
  const fmTitle = frontMatterString(data, "title");
  const title = fmTitle ?? split.title;
  // A heading repeating the front matter title is dropped as well; a different one stays in the body.
  const content = !fmTitle || split.title === fmTitle ? split.body : body;
  if (title) item.title = title;
  if (kind === "markdown") item.contentHtml = markdownToHtml(content);
  else item.contentText = content.trim();
  const date = firstDate([
    frontMatterString(data, "date"),
    frontMatterString(data, "published"),
    fileDate,
    dateFromLines(body),
  ]);
  if (date) item.published = date;
  const updated = frontMatterString(data, "updated", "modified");
  if (updated) item.updated = updated;
  // `author: [Ann, Bob]` (or `- ` lines, or `authors:`) names several; a plain string is one name, commas
  // and all ("Doe, Jane").
  const authorValue = data.authors ?? data.author;
  const authorNames = (Array.isArray(authorValue) ? authorValue : [authorValue]).filter(
    (name): name is string => typeof name === "string" && name.trim() !== "",
  );
  if (authorNames.length > 0) item.authors = authorNames.map((name) => ({ name }));
  const categories = frontMatterList(data, "tags", "categories");
  if (categories.length > 0) item.categories = categories;
  const summary = frontMatterString(data, "summary", "description");
  if (summary) {
    item.summary = summary;
    item.summaryFormat = "text";
  }
  const link = frontMatterString(data, "link", "url");
  if (link && isHttpUrl(link)) item.link = link;
  const language = frontMatterString(data, "lang", "language");
  if (language) item.language = language;
  return item;
}
