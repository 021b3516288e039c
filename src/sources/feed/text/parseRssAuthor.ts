import type { Author } from "../../../model.js";

const EMAIL_THEN_NAME = /^\s*([^\s()<>@]+@[^\s()<>]+)\s*\(\s*(.*?)\s*\)\s*$/;
const NAME_THEN_EMAIL = /^\s*(.*?)\s*<\s*([^\s<>@]+@[^\s<>]+)\s*>\s*$/;
const EMAIL_ONLY = /^\s*(?:mailto:)?([^\s()<>@]+@[^\s()<>]+)\s*$/;

/** RSS `author` is `email (Name)` by spec; feeds also write `Name <email>`, a bare email or a bare name. */
export function parseRssAuthor(value: string): Author | null {
  const text = value.replace(/\s+/g, " ").trim();
  if (text === "") return null;
  let match = EMAIL_THEN_NAME.exec(text);
  if (match?.[1] && match[2]) return { name: match[2], email: match[1] };
  match = NAME_THEN_EMAIL.exec(text);
  if (match?.[1] && match[2]) return { name: match[1], email: match[2] };
  match = EMAIL_ONLY.exec(text);
  if (match?.[1]) return { name: match[1], email: match[1] };
  return { name: text };
}
