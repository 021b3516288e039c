// The article page's own title is the only h1; headings inside the content move down below it so the
// outline stays in order (h1 → h2, h2 → h3 …, h6 stays h6).

// Sanitized content carries headings without attributes (the allow-list gives them none), and text that
// looks like a tag is escaped, so a tag-name rewrite is exact here.
const headingTag = /<(\/?)h([1-6])>/gi;

export function nestHeadings(sanitizedHtml: string): string {
  let top = 7;
  for (const match of sanitizedHtml.matchAll(headingTag)) top = Math.min(top, Number(match[2]));
  if (top >= 2) return sanitizedHtml;
  const shift = 2 - top;
  return sanitizedHtml.replace(
    headingTag,
    (_, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + shift)}>`,
  );
}
