import { createRequire } from "node:module";
import { parseSelector } from "../sources/html/selector.js";

// The html source's selectors are checked by the engine the build runs them with: cheerio-select (css-what
// to parse, css-select to compile). css-what alone accepts `a:visible` or `p::before`, which the build
// refuses. cheerio itself costs ~0.2 s to import, cheerio-select ~60 ms, so it is loaded only when a config
// has html selectors, and synchronously (zod refinements are synchronous).

interface Engine {
  select(selector: string, root: unknown, options: { xmlMode: boolean }): unknown[];
  root: unknown;
}

let engine: Engine | undefined;

function selectorEngine(): Engine {
  if (!engine) {
    // Resolved from cheerio, so it is the copy (and version) the build's cheerio uses.
    const fromCheerio = createRequire(createRequire(import.meta.url).resolve("cheerio"));
    const { select } = fromCheerio("cheerio-select") as Pick<Engine, "select">;
    const { Document } = fromCheerio("domhandler") as { Document: new (children: unknown[]) => unknown };
    // An empty document, as the build's own check uses: positional parts (:first, :eq) are compiled alike.
    engine = { select, root: new Document([]) };
  }
  return engine;
}

/**
 * Why a config selector does not parse, as the build would say it, or null. `plainCss` selectors
 * (list.item) are CSS only; the others may end in `@attr`, and an empty CSS part means the context element.
 */
export function cssSelectorProblem(selector: string, plainCss = false): string | null {
  const css = plainCss ? selector : parseSelector(selector).css;
  if (css.trim() === "") return null;
  try {
    const { select, root } = selectorEngine();
    select(css, root, { xmlMode: false });
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `invalid CSS selector "${css}" (${reason.trim()})`;
  }
}
