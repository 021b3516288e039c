import { createRequire } from "node:module";
import { errorMessage } from "../errorMessage.js";
import { parseSelector } from "../sources/html/selector.js";

// The html source's selectors are checked by the engine the build runs them with: cheerio-select (css-what
// to parse, css-select to compile). css-what alone accepts `a:visible` or `p::before`, which the build
// refuses. cheerio itself costs ~0.2 s to import, cheerio-select ~60 ms, so it is loaded only when a config
// has html selectors, and synchronously (zod refinements are synchronous).

interface Engine {
  select(selector: string, root: unknown, options: { xmlMode: boolean }): unknown[];
  /** css-what's parser, the one cheerio-select uses. */
  parse(selector: string): CssToken[][];
  root: unknown;
}

interface CssToken {
  type: string;
  name?: string;
  data?: unknown;
}

let engine: Engine | undefined;

function selectorEngine(): Engine {
  if (!engine) {
    // Resolved from cheerio, so it is the copy (and version) the build's cheerio uses.
    const fromCheerio = createRequire(createRequire(import.meta.url).resolve("cheerio"));
    const { select } = fromCheerio("cheerio-select") as Pick<Engine, "select">;
    const { Document } = fromCheerio("domhandler") as { Document: new (children: unknown[]) => unknown };
    const { parse } = createRequire(fromCheerio.resolve("cheerio-select"))("css-what") as Pick<
      Engine,
      "parse"
    >;
    // An empty document, as the build's own check uses: positional parts (:first, :eq) are compiled alike.
    engine = { select, parse, root: new Document([]) };
  }
  return engine;
}

/**
 * Why a config selector does not parse, as the build would say it, or null. `plainCss` selectors
 * (list.item) are CSS only; the others may end in `@attr`, and an empty CSS part (`@href`) means the
 * context element.
 */
export function cssSelectorProblem(selector: string, plainCss = false): string | null {
  // Blank selects nothing (list.item) or only the context element by accident (the others).
  if (selector.trim() === "")
    return `blank selector; expected CSS such as ${plainCss ? '"ul.list li"' : '"a", "span.date" or "a@href"'}`;
  const css = plainCss ? selector : parseSelector(selector).css;
  if (css === "") return null;
  try {
    const { select, parse, root } = selectorEngine();
    select(css, root, { xmlMode: false });
    const stray = strayAt(parse(css));
    if (stray === null) return null;
    const reason = plainCss
      ? "this field selects elements, so it takes no @attr"
      : "only one @attr may follow the CSS, at its very end";
    return `invalid CSS selector "${css}" ("${stray}" is not CSS: ${reason})`;
  } catch (error) {
    const reason = errorMessage(error);
    return `invalid CSS selector "${css}" (${reason.trim()})`;
  }
}

/**
 * An `@name` css-what took for a tag name: browsers refuse it, css-select runs it and matches nothing, so
 * `li@data-id` as list.item failed every build with "matched no entries". Searched inside :not()/:has() too.
 */
function strayAt(selectors: CssToken[][]): string | null {
  for (const tokens of selectors) {
    for (const token of tokens) {
      if (token.type === "tag" && token.name?.startsWith("@")) return token.name;
      if (token.type === "pseudo" && Array.isArray(token.data)) {
        const inner = strayAt(token.data as CssToken[][]);
        if (inner !== null) return inner;
      }
    }
  }
  return null;
}
