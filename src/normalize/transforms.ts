import { Parser } from "htmlparser2";
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

/**
 * Applies content transforms to every text node of `html`; markup and attributes are untouched. Streams
 * htmlparser2's events and splices changed text back into the source: linear in the document however
 * deep its nesting (a DOM parse and serialize recursed, and overflowed the stack on hostile feed HTML).
 * Unchanged text keeps its bytes, entity references included.
 */
export function applyTransformsToHtml(html: string, transforms: readonly CompiledTransform[]): string {
  if (!transforms.some((t) => t.field !== "title")) return html;
  const out: string[] = [];
  let copied = 0;
  // The current text node: consecutive text events (htmlparser2 reports each entity on its own).
  let runStart = -1;
  let runEnd = -1;
  let runText = "";
  let rawDepth = 0;
  const flush = () => {
    if (runStart < 0) return;
    const changed = applyTransforms(runText, transforms, "content");
    if (changed !== runText) {
      out.push(html.slice(copied, runStart), escapeText(changed));
      copied = runEnd + 1;
    }
    runStart = -1;
    runText = "";
  };
  const parser: Parser = new Parser({
    ontext(text) {
      if (rawDepth > 0) return;
      if (runStart >= 0 && parser.startIndex !== runEnd + 1) flush();
      if (runStart < 0) runStart = parser.startIndex;
      runEnd = parser.endIndex;
      runText += text;
    },
    onopentagname(name) {
      flush();
      if (RAW_TEXT.has(name)) rawDepth++;
    },
    onclosetag(name) {
      flush();
      if (RAW_TEXT.has(name) && rawDepth > 0) rawDepth--;
    },
    oncomment: flush,
    oncdatastart: flush,
    onprocessinginstruction: flush,
  });
  parser.end(html);
  flush();
  if (copied === 0) return html;
  out.push(html.slice(copied));
  return out.join("");
}

/** Script and style text is code, not text (and the sanitizer drops it). */
const RAW_TEXT = new Set(["script", "style"]);

function escapeText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\u00a0/g, "&nbsp;");
}
