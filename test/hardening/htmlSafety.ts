// What must never appear in sanitized HTML that reaches an output (issue 7, design §5).

const FORBIDDEN: [string, RegExp][] = [
  ["script element", /<script/i],
  ["iframe", /<iframe/i],
  ["object", /<object/i],
  ["embed", /<embed/i],
  ["form", /<form/i],
  ["input", /<input/i],
  ["svg", /<svg/i],
  ["math", /<math/i],
  ["style element", /<style/i],
  ["link element", /<link/i],
  ["meta element", /<meta/i],
  ["base element", /<base/i],
  ["event handler", /\son[a-z]+\s*=/i],
  ["style attribute", /\sstyle\s*=/i],
  ["javascript: URL", /javascript:/i],
  ["vbscript: URL", /vbscript:/i],
  ["style expression", /expression\s*\(/i],
];

const DATA_IMAGE_SRC = /<img\b[^>]*\ssrc="data:image\/(?:png|jpe?g|gif|webp|avif|bmp);base64,[^"]*"/gi;

/** Problems found in one HTML fragment; [] when it is safe by the allow-list. */
export function unsafeParts(html: string): string[] {
  const problems = FORBIDDEN.filter(([, pattern]) => pattern.test(html)).map(([name]) => name);
  if (/data:/i.test(html.replace(DATA_IMAGE_SRC, ""))) problems.push("data: URL outside an image");
  for (const anchor of html.match(/<a\b[^>]*>/gi) ?? []) {
    if (/\shref=/i.test(anchor) && !/\srel="noopener noreferrer"/i.test(anchor)) {
      problems.push(`link without rel="noopener noreferrer": ${anchor}`);
    }
    if (/\starget=/i.test(anchor)) problems.push(`link with target: ${anchor}`);
  }
  return problems;
}

/** `data:,` is crier's own empty favicon (no /favicon.ico request); data: images are allowed content. */
const SAFE_URL = /^(?:https?:\/\/|mailto:|#|\/|\.{0,2}\/|[a-z0-9_-]+(?:[./][^:]*)?$|data:image\/|data:,$)/i;
const JSON_URL_KEYS = new Set([
  "url",
  "external_url",
  "image",
  "banner_image",
  "avatar",
  "icon",
  "favicon",
  "home_page_url",
  "feed_url",
  "next_url",
]);

/** Every URL-valued attribute, element or JSON field of an output file that is not http(s), mailto, relative or a data: image. */
export function unsafeUrls(name: string, text: string): string[] {
  const urls: string[] = [];
  if (name.endsWith(".json")) {
    const walk = (value: unknown, key: string) => {
      if (typeof value === "string" && JSON_URL_KEYS.has(key)) urls.push(value);
      else if (Array.isArray(value)) for (const v of value) walk(v, key);
      else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
    };
    walk(JSON.parse(text), "");
  } else {
    for (const m of text.matchAll(/\s(?:href|src|poster|cite|url|xmlUrl|htmlUrl|uri)="([^"]*)"/gi))
      urls.push(m[1]!);
    for (const m of text.matchAll(/<(link|url|uri|comments|docs)>([^<]*)<\/\1>/gi)) urls.push(m[2]!);
    for (const m of text.matchAll(/<guid isPermaLink="true">([^<]*)<\/guid>/gi)) urls.push(m[1]!);
  }
  return urls
    .map((u) => u.replace(/&amp;/g, "&").trim())
    .filter((u) => u !== "" && !SAFE_URL.test(u))
    .map((u) => `${name}: ${u}`);
}
