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
