import { httpUri } from "../../uri.js";
import { stripXmlIllegalChars } from "../feeds/xml-chars.js";

// A tiny HTML template: every interpolated value is escaped unless it is SafeHtml made by this module.
// Untrusted text therefore never reaches the page by string concatenation.

const brand = Symbol("SafeHtml");

/** Markup that this module vouches for. Only `html` and `raw` create it. */
export class SafeHtml {
  readonly [brand] = true;
  private constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
  /** @internal */
  static create(value: string): SafeHtml {
    return new SafeHtml(value);
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for element content and quoted attribute values alike; also valid XML. Control characters
 * that neither HTML nor XML 1.0 allow are dropped (they arrive in scraped titles).
 */
export function escapeHtml(text: string): string {
  // The characters the feeds drop (C0 and C1 controls, lone surrogates, U+FFFE/F) are dropped here too:
  // pages and OPML show the same titles.
  return stripXmlIllegalChars(text).replace(/[&<>"']/g, (char) => entities[char]!);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false || value === true) return "";
  return escapeHtml(String(value));
}

/**
 * Tagged template: `html\`<a href="${url}">${title}</a>\``. Strings and numbers are escaped, arrays are
 * joined, null/undefined/booleans vanish (so `${cond && html\`…\`}` works). Quote every attribute.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return SafeHtml.create(out);
}

/**
 * Inserts markup verbatim. Only for HTML that is already safe: article content that left the normalize
 * stage's sanitizer, or constant markup of our own (CSS, script).
 */
export function raw(trustedMarkup: string): SafeHtml {
  return SafeHtml.create(trustedMarkup);
}

/**
 * An href that cannot run script: absolute http(s)/mailto URLs and plain relative paths pass; anything
 * else (javascript:, data:, vbscript:, garbage) becomes "#".
 */
export function safeHref(url: string): string {
  const trimmed = url.trim();
  // Browsers ignore tabs and newlines inside a scheme ("java\tscript:"), so test without them.
  const probe = trimmed.replace(/[\u0000-\u0020]/g, "");
  if (/^[a-z][a-z0-9+.-]*:/i.test(probe)) {
    return /^(https?|mailto):/i.test(probe) ? trimmed : "#";
  }
  return trimmed === "" ? "#" : trimmed;
}

/** The URL when it is absolute http(s), else null (local file paths in the config are not links). */
export function httpUrl(url: string | null | undefined): string | null {
  return httpUri(url?.trim());
}
