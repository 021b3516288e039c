import * as cheerio from "cheerio";
import type { AnyNode } from "domhandler";
import type { TransformConfig } from "../config/schema.js";
import { checkRegexSafety } from "./regexSafety.js";
import type { CompiledTransform } from "./types.js";

// Per-source regex replacements (design §4). They run on text only: titles, plain text bodies and the
// text nodes of HTML bodies — never on markup.

/** Compiles transforms; throws on an invalid or backtracking-prone pattern (the config loader reports it first). */
export function compileTransforms(configs: readonly TransformConfig[]): CompiledTransform[] {
  return configs.map((config, index) => {
    const flags = config.flags ?? "g";
    const problem = checkRegexSafety(config.pattern, flags);
    if (problem) throw new Error(`transforms[${index}].pattern: ${problem}`);
    return {
      regex: new RegExp(config.pattern, flags),
      replace: config.replace ?? "",
      field: config.field ?? "all",
    };
  });
}

/** Applies the transforms meant for `field` ("all" ones included), in order. */
export function applyTransforms(
  text: string,
  transforms: readonly CompiledTransform[],
  field: "title" | "content",
): string {
  let out = text;
  for (const t of transforms) {
    if (t.field !== field && t.field !== "all") continue;
    t.regex.lastIndex = 0;
    out = out.replace(t.regex, t.replace);
  }
  return out;
}

/** Applies content transforms to every text node of `html`; markup and attributes are untouched. */
export function applyTransformsToHtml(html: string, transforms: readonly CompiledTransform[]): string {
  if (!transforms.some((t) => t.field !== "title")) return html;
  const $ = cheerio.load(html, null, false);
  const walk = (nodes: AnyNode[]): void => {
    for (const node of nodes) {
      if (node.type === "text") node.data = applyTransforms(node.data, transforms, "content");
      else if ("children" in node && node.type !== "script" && node.type !== "style") walk(node.children);
    }
  };
  walk($.root().toArray());
  return $.html();
}
