import type { Author } from "../model.js";
import { textWithoutTags } from "./text.js";
import { resolveUrl } from "./urls.js";
import { visibleOrEmpty } from "./visible.js";

// RSS author strings come as "email (Name)", "Name <email>", a bare email or a bare name.

const EMAIL_PAREN = /^\s*([^\s()<>]+@[^\s()<>]+)\s*\(([^()]*)\)\s*$/;
const NAME_ANGLE = /^\s*"?([^"<>]*?)"?\s*<([^\s<>]+@[^\s<>]+)>\s*$/;
const BARE_EMAIL = /^\s*(?:mailto:)?([^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+)\s*$/i;

function parseAuthor(author: Author, base: string | null): Author | null {
  let name = (author.name ?? "").replace(/\s+/g, " ").trim();
  let email = author.email?.trim() || undefined;
  const paren = EMAIL_PAREN.exec(name);
  const angle = paren ? null : NAME_ANGLE.exec(name);
  const bare = paren || angle ? null : BARE_EMAIL.exec(name);
  if (paren) {
    email ??= paren[1];
    name = paren[2]!.trim();
  } else if (angle) {
    email ??= angle[2];
    name = angle[1]!.trim();
  } else if (bare) {
    email ??= bare[1];
    name = bare[1]!;
  }
  if (email) email = email.replace(/^mailto:/i, "");
  // Names are text in every format that carries them, but sources put markup in them: tags of real HTML
  // elements go (with script text), an author called "<Anonymous>" keeps the name. A name that shows
  // nothing is missing, as a title is.
  name = visibleOrEmpty(textWithoutTags(name));
  if (!name) name = email ?? "";
  if (!name) return null;
  const url = author.url ? resolveUrl(author.url, base) : null;
  return { name, ...(email ? { email } : {}), ...(url ? { url } : {}) };
}

/**
 * Parsed, trimmed, de-duplicated authors; empty ones dropped. One name (case-insensitive) is one author
 * unless their emails or URLs differ: `<author>jane@example.com (Jane Doe)</author>` and
 * `<dc:creator>Jane Doe</dc:creator>` are one Jane Doe, with the email, where the first was listed.
 */
export function normalizeAuthors(authors: readonly Author[] | undefined, base: string | null): Author[] {
  const out: Author[] = [];
  // Indexes into `out` by lower-cased name.
  const byName = new Map<string, number[]>();
  for (const raw of authors ?? []) {
    const author = parseAuthor(raw, base);
    if (!author) continue;
    const key = author.name.toLowerCase();
    const indexes = byName.get(key) ?? [];
    const index = indexes.find(
      (i) =>
        agree(out[i]!.email?.toLowerCase(), author.email?.toLowerCase()) && agree(out[i]!.url, author.url),
    );
    if (index === undefined) {
      indexes.push(out.length);
      byName.set(key, indexes);
      out.push(author);
      continue;
    }
    const known = out[index]!;
    const email = known.email ?? author.email;
    const url = known.url ?? author.url;
    out[index] = { name: known.name, ...(email ? { email } : {}), ...(url ? { url } : {}) };
  }
  return out;
}

/** Two values of one field that may belong to one author: equal, or one missing. */
function agree(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Trimmed, whitespace-collapsed, de-duplicated (case-insensitive, first spelling wins) categories. */
export function normalizeCategories(categories: readonly string[] | undefined): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of categories ?? []) {
    if (typeof raw !== "string") continue;
    // Like names: "<em>News</em>" is "News", a tag "List<T>" stays "List<T>".
    const category = visibleOrEmpty(textWithoutTags(raw));
    const key = category.toLowerCase();
    if (!category || seen.has(key)) continue;
    seen.add(key);
    out.push(category);
  }
  return out;
}
