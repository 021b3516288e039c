import { decodeHTMLStrict } from "entities";

/**
 * A deliberately small Markdown subset → HTML: ATX headings, paragraphs, `-`/`*`/`+` and `1.` lists (one
 * level), `>` quotes, fenced code, `---` rules; inline code, links, autolinks, **strong** and *emphasis*.
 * Raw HTML in the source is escaped, never passed through, and link targets other than http(s), mailto and
 * relative paths are dropped — the normalize sanitizer runs afterwards anyway. No dependency: the project
 * carries no Markdown library, and announcement files use little more than paragraphs and lists.
 */
export function markdownToHtml(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i++;
      continue;
    }
    const fence = /^ {0,3}(```|~~~)/.exec(line);
    if (fence) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!)) code.push(lines[i++]!);
      i++;
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    const heading = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      out.push(`<h${level}>${inline(heading[2] ?? "")}</h${level}>`);
      i++;
      continue;
    }
    if (/^ {0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push("<hr>");
      i++;
      continue;
    }
    const listKind = listMarker(line);
    if (listKind) {
      const entries: string[] = [];
      while (i < lines.length && listMarker(lines[i]!) === listKind) {
        let text = lines[i]!.replace(LIST_ITEM, "");
        i++;
        // Lazy continuation lines belong to the entry.
        while (
          i < lines.length &&
          lines[i]!.trim() !== "" &&
          !listMarker(lines[i]!) &&
          /^\s+/.test(lines[i]!)
        ) {
          text += ` ${lines[i]!.trim()}`;
          i++;
        }
        entries.push(`<li>${inline(text.trim())}</li>`);
      }
      out.push(`<${listKind}>${entries.join("")}</${listKind}>`);
      continue;
    }
    if (/^ {0,3}>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^ {0,3}>/.test(lines[i]!))
        quoted.push(lines[i++]!.replace(/^ {0,3}>\s?/, ""));
      out.push(`<blockquote>${markdownToHtml(quoted.join("\n"))}</blockquote>`);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== "" && !startsBlock(lines[i]!))
      paragraph.push(lines[i++]!.trim());
    if (paragraph.length === 0) paragraph.push(lines[i++]!.trim());
    out.push(`<p>${paragraph.map(inline).join("\n")}</p>`);
  }
  return out.join("\n");
}

const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+/;

function listMarker(line: string): "ul" | "ol" | null {
  if (/^ {0,3}[-*+]\s+/.test(line) && !/^ {0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) return "ul";
  if (/^ {0,3}\d{1,9}[.)]\s+/.test(line)) return "ol";
  return null;
}

function startsBlock(line: string): boolean {
  return /^ {0,3}(#{1,6}\s|```|~~~|>)/.test(line) || listMarker(line) !== null;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function unescapeHtml(html: string): string {
  return html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/**
 * A link destination as written in the source → the URL, or null for a scheme other than http(s)/mailto.
 * CommonMark decodes entity references in destinations (`?a=1&amp;b=2` is `?a=1&b=2`); the scheme is checked
 * after that and after taking out what a browser's URL parser ignores (tabs and newlines, leading controls
 * and spaces), so `&#106;avascript:` or `java&#9;script:` is no way round it.
 */
function safeHref(destination: string): string | null {
  const url = decodeHTMLStrict(destination)
    .replace(/[\t\n\r]/g, "")
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  if (/^(https?:|mailto:)/i.test(url)) return url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  return url;
}

/**
 * The plain text of one line of inline Markdown, as a title: emphasis and code marks dropped, links and
 * images reduced to their text. Rendered by the same rules as the body, then the tags removed (all text
 * is escaped, so every `<` left is one of inline's own tags).
 */
export function markdownInlineText(text: string): string {
  const withoutImages = text.replace(/!\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))+(?:\s+"[^"]*")?\)/g, "$1");
  return inline(withoutImages)
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Inline markup on one line of text. Code spans are cut out first so their content stays literal. */
function inline(text: string): string {
  const codes: string[] = [];
  const withoutCode = text.replace(/`([^`]+)`/g, (_, code: string) => {
    codes.push(`<code>${escapeHtml(code)}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  let html = escapeHtml(withoutCode);
  html = html.replace(
    /\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+&quot;[^&]*&quot;)?\)/g,
    (_whole, label: string, href: string) => {
      // The line was escaped as a whole: undo that, so the URL is escaped once, for the attribute.
      const safe = safeHref(unescapeHtml(href));
      return safe ? `<a href="${escapeHtml(safe)}">${label}</a>` : label;
    },
  );
  html = html.replace(/&lt;(https?:\/\/[^\s&]+)&gt;/g, (_, href: string) => `<a href="${href}">${href}</a>`);
  html = html.replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "<strong>$2</strong>");
  html = html.replace(/(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)/g, "<em>$1</em>");
  html = html.replace(/(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])/g, "<em>$1</em>");
  return html.replace(/\u0000(\d+)\u0000/g, (_, index: string) => codes[Number(index)] ?? "");
}
