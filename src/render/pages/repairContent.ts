import { createRequire } from "node:module";
import type { AnyNode, Element, ParentNode, Text } from "domhandler";

// Sanitized content keeps the source's structure, which often breaks HTML's content model: <tr> straight
// in <table>, <p> inside <strong>, a list item without a list. An article page re-parses it as a browser
// does (parse5: <tbody> inserted, most nested links split, <p> closed before a block) and repairs what is
// left to what the browser shows anyway, so that the page passes html-validate's recommended rules:
// - an inline element (strong, em …) around blocks moves into them: <p><strong>…</strong></p>;
// - a block inside a heading, paragraph or <pre> (a section in a <dt>/<th>, a table in a caption) gives
//   up its tags, its text stays;
// - list items without a list get a <ul> (dt/dd a <dl>), anything else in a list becomes an item;
// - elements out of their place (figcaption, summary, rt/rp, a <picture> holding more than images, a
//   <details> without <summary>, <ruby> around blocks, media inside media, a link inside a link or around
//   a player) give up their tags; stray <source>/<track> go; table and media parts are put in order;
// - header cells get the scope browsers infer, images the alt text of their title (else ""), image links
//   without text an aria-label; a heading without text gives up its tags.
// The passes rebuild each parent's children once and never recurse, so the work grows with the content's
// size; content nested deeper than browsers nest is left as sanitized (parse5 is quadratic in depth).

/** Elements of the allow-list that are phrasing content (may stand where only text may). */
const PHRASING = new Set(
  "a abbr audio b br cite code del em i img ins kbd mark picture q ruby s samp small span strong sub sup time u var video wbr".split(
    " ",
  ),
);
/** Phrasing content whose own content must be phrasing too: blocks inside them take the formatting in. */
const INLINE = new Set("abbr b cite code em i kbd mark q s samp small strong sub sup time u var".split(" "));
/** Blocks that take only phrasing content (summary: and a heading). */
const PHRASING_BLOCKS = new Set("p h1 h2 h3 h4 h5 h6 pre summary rt rp".split(" "));
const HEADINGS = new Set("h1 h2 h3 h4 h5 h6".split(" "));
/** Transparent: their content counts as their parent's (a link around a paragraph). */
const TRANSPARENT = new Set(["a", "del", "ins", "audio", "video", "picture"]);
/** Containers of rows, cells or items: formatting goes into their children, never around text. */
const STRUCTURAL = new Set("ul ol dl table thead tbody tfoot tr colgroup details hr".split(" "));
/** What a <dt> or <th> may not hold: sectioning content (html-validate counts blockquote, details), headings. */
const NOT_IN_TERMS = new Set("article aside blockquote details section h1 h2 h3 h4 h5 h6".split(" "));
const TABLE_PARTS = new Set("table caption colgroup col thead tbody tfoot tr td th".split(" "));
/** The children a list may hold. */
const ITEMS: Record<string, string[]> = { ul: ["li"], ol: ["li"], menu: ["li"], dl: ["dt", "dd", "div"] };
/** Elements the content model allows only inside one of these parents. */
const PARENTS: Record<string, string[]> = {
  figcaption: ["figure"],
  summary: ["details"],
  rt: ["ruby"],
  rp: ["ruby"],
  source: ["picture", "audio", "video"],
  track: ["audio", "video"],
};
const IN_PICTURE = new Set(["source", "img"]);
/** The order of a table's parts, a media element's and a disclosure's (html-validate: element-permitted-order). */
const RANK: Record<string, Record<string, number>> = {
  table: { caption: 0, colgroup: 1, thead: 2, tfoot: 4 },
  audio: { source: 0, track: 1 },
  video: { source: 0, track: 1 },
  details: { summary: 0 },
};
/** What a disclosure, figure or table holds once (html-validate: element-permitted-occurrences). */
const ONCE: Record<string, string> = { details: "summary", figure: "figcaption", table: "caption" };
/** Void elements that go rather than give up their tags when out of place. */
const DROPPED = new Set(["source", "track", "hr"]);
const VOID = new Set(["br", "col", "hr", "img", "source", "track", "wbr"]);
const BOOLEAN_ATTRIBUTES = new Set(["controls", "default", "loop", "muted", "open", "reversed"]);

const isElement = (node: AnyNode): node is Element => node.type === "tag";
const isText = (node: AnyNode): node is Text => node.type === "text";
const isBlank = (node: AnyNode) => isText(node) && !/\S/.test(node.data);
const named = (node: AnyNode, names: Set<string> | string[]) =>
  isElement(node) && (names instanceof Set ? names.has(node.name) : names.includes(node.name));

/** Elements whose tags go once their parent is reached (their children take their place). */
let unwrapped = new WeakSet<Element>();
let holdsFlow = new WeakMap<Element, boolean>();

/** Flow content that may not stand where only phrasing may (a transparent element counts by its content). */
function isFlow(node: AnyNode): boolean {
  if (!isElement(node)) return false;
  if (!TRANSPARENT.has(node.name)) return !PHRASING.has(node.name);
  // Known once the element is repaired (children first), so nested <del>s cost no rescans.
  let flow = holdsFlow.get(node);
  if (flow === undefined) {
    flow = node.children.some(isFlow);
    holdsFlow.set(node, flow);
  }
  return flow;
}

let load: typeof import("cheerio").load | undefined;

/**
 * cheerio (its parse5 parser), loaded on first use: only articles without a URL have a page, and a build
 * that renders none should not pay ~0.3 s for it. Synchronous, hence require (its CommonJS build).
 */
function cheerioLoad(): typeof import("cheerio").load {
  load ??= (createRequire(import.meta.url)("cheerio") as typeof import("cheerio")).load;
  return load;
}

// An article is in several feed sets, and `watch` rebuilds: the last pages' contents are kept.
const recent = new Map<string, string>();
const RECENT_MAX = 500;

/** Sanitized content as an article page embeds it: repaired as above, `<br>` rather than `<br />`. */
export function repairContent(sanitizedHtml: string): string {
  let repaired = recent.get(sanitizedHtml);
  if (repaired === undefined) {
    repaired = nestingDepth(sanitizedHtml) > MAX_DEPTH ? unrepaired(sanitizedHtml) : repair(sanitizedHtml);
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
  } else {
    recent.delete(sanitizedHtml);
  }
  recent.set(sanitizedHtml, repaired);
  return repaired;
}

function repair(sanitizedHtml: string): string {
  // The page has a DOCTYPE, so the content is parsed in no-quirks mode (a <table> closes a <p>). Spans
  // carry no attributes after sanitizing: they mean nothing, and dropping their tags (exact: text that
  // looks like a tag is escaped) leaves their content to the content model of the parent.
  const $ = cheerioLoad()(`<!DOCTYPE html><body>${sanitizedHtml.replace(/<\/?span>/g, "")}`);
  unwrapped = new WeakSet();
  holdsFlow = new WeakMap();
  const body = $("body")[0]!;
  // New elements are made as the parser makes them, without parsing markup for each.
  ElementClass = body.constructor as typeof ElementClass;
  try {
    for (const element of postOrder(body)) {
      spliceUnwrapped(element);
      repairNesting(element);
    }
    spliceUnwrapped(body);
    // Media inside media is fallback content that no browser with <audio>/<video> shows. A link inside a
    // link (the parser moves one out of a table into another) loses its tags; a link may not hold a
    // player or a disclosure (interactive content) either: that link goes.
    for (const element of postOrder(body)) {
      if (element.name === "audio" || element.name === "video" || element.name === "a") {
        const inner = element.name === "a" ? ["a"] : ["audio", "video"];
        holds(element, (el) => {
          if (inner.includes(el.name)) unwrapped.add(el);
          return false;
        });
      }
      if (element.name === "a" && holds(element, (el) => el.name === "details" || "controls" in el.attribs)) {
        unwrapped.add(element);
      }
    }
    for (const element of postOrder(body)) {
      spliceUnwrapped(element);
      repairPlacement(element);
    }
    spliceUnwrapped(body);
    repairPlacement(body);
    const elements = postOrder(body);
    // Two unnamed <aside>s are two landmarks without a name (html-validate: unique-landmark).
    const asides = elements.filter((element) => element.name === "aside");
    if (asides.length > 1) for (const aside of asides) aside.name = "div";
    for (const img of elements) {
      // Without alternative text an image is marked decorative (WCAG H37), unless its title says what it
      // shows (H67: a decorative image has no title).
      if (img.name !== "img" || /\S/.test(img.attribs.alt ?? "")) continue;
      const title = img.attribs.title?.trim();
      img.attribs.alt = title ?? "";
      if (title === "") delete img.attribs.title;
    }
    for (const link of elements) {
      if (link.name === "a" && link.attribs.href !== undefined && !hasText(link)) {
        link.attribs["aria-label"] = link.attribs.title?.trim() || linkLabel(link.attribs.href);
      }
    }
    return serialize(body).trimEnd();
  } finally {
    unwrapped = new WeakSet();
    holdsFlow = new WeakMap();
  }
}

/** Pass 1: no block inside phrasing-only content. */
function repairNesting(element: Element): void {
  const { name } = element;
  // Decided while its children are known: no deep recursion later.
  if (TRANSPARENT.has(name)) isFlow(element);
  if (INLINE.has(name)) {
    if (element.children.some(isFlow)) distribute(element);
  } else if (PHRASING_BLOCKS.has(name)) {
    setChildren(element, flattenFlow(element.children, name === "summary" ? HEADINGS : undefined));
  } else if (name === "ruby") {
    if (element.children.some(isFlow)) unwrapped.add(element);
  } else if (name === "picture") {
    // A picture is its <source>s and one <img>; anything else in it goes where the picture was.
    if (element.children.some((c) => !isBlank(c) && !named(c, IN_PICTURE))) unwrapped.add(element);
  } else if (name === "dt" || name === "th") {
    flattenWhere(element, NOT_IN_TERMS);
  } else if (name === "caption") {
    // The parser can leave a table in a caption; its cells become the caption's text.
    flattenWhere(element, TABLE_PARTS);
  }
}

/** Pass 2: every element where its parent allows it. */
function repairPlacement(element: Element): void {
  const { name } = element;
  let children: AnyNode[] = [];
  for (const child of element.children) {
    const parents = isElement(child) ? PARENTS[child.name] : undefined;
    if (!parents || parents.includes(name)) children.push(child);
    else if (!DROPPED.has((child as Element).name)) children.push(...(child as Element).children);
  }
  const items = ITEMS[name];
  if (items) {
    children = wrapRuns(children, (node) => !named(node, items), name === "dl" ? "dd" : "li", true);
  } else {
    if (!(name === "div" && parentName(element) === "dl")) {
      children = wrapRuns(children, (node) => named(node, ["dt", "dd"]), "dl");
    }
    children = wrapRuns(children, (node) => named(node, ["li"]), "ul");
  }
  const once = ONCE[name];
  if (once) children = keepFirst(children, once, name === "figure");
  if (name === "table") {
    // A second <thead> or <tfoot> holds rows like a body.
    const seen = new Set<string>();
    for (const child of children) {
      if (!named(child, ["thead", "tfoot"])) continue;
      const part = child as Element;
      if (seen.has(part.name)) part.name = "tbody";
      else seen.add(part.name);
    }
  }
  const rank = RANK[name];
  if (rank) {
    const order = (node: AnyNode) => (isElement(node) ? (rank[node.name] ?? 3) : 3);
    children = children.toSorted((a, b) => order(a) - order(b));
  }
  if (name === "picture" || name === "audio" || name === "video") {
    children = children.filter((child) => !named(child, ["source"]) || sourceFits(child as Element, name));
  }
  setChildren(element, children);
  if (name === "th" && !element.attribs.scope) element.attribs.scope = headerScope(element);
  if (
    name === "details"
      ? !children.some((c) => named(c, ["summary"]))
      : HEADINGS.has(name) && !hasText(element)
  ) {
    unwrapped.add(element);
  }
}

/**
 * `children` with only the first `name` element, which takes the others' content; a figure's caption comes
 * first or last (html-validate: element-permitted-order).
 */
function keepFirst(children: AnyNode[], name: string, firstOrLast: boolean): AnyNode[] {
  let first: Element | undefined;
  const out = children.filter((child) => {
    if (!named(child, [name])) return true;
    if (first) setChildren(first, [...first.children, ...(child as Element).children]);
    else first = child as Element;
    return child === first;
  });
  if (!first || !firstOrLast) return out;
  const filled = out.filter((node) => !isBlank(node));
  if (filled[0] === first || filled[filled.length - 1] === first) return out;
  return [...out.filter((node) => node !== first), first];
}

/**
 * A header cell's scope, as browsers infer it: a row of headers heads columns, a header starting a row
 * heads that row. Tables that are not simple need it on every <th> (html-validate: wcag/h63).
 */
function headerScope(th: Element): string {
  const cells = (th.parent?.children ?? []).filter(isElement);
  if (cells.every((cell) => cell.name === "th")) return "col";
  return cells[0] === th ? "row" : "col";
}

/**
 * Groups `nodes` into runs of those that match (blank text between two of them joins the run) and wraps
 * each run in a new `wrapper` element. In a list the runs are its strays, wrapped unless only blank text.
 */
function wrapRuns(
  nodes: AnyNode[],
  matches: (node: AnyNode) => boolean,
  wrapper: string,
  list = false,
): AnyNode[] {
  if (!nodes.some(matches)) return nodes;
  const out: AnyNode[] = [];
  let run: AnyNode[] = [];
  let blanks: AnyNode[] = [];
  const flush = () => {
    if (list ? run.some((node) => !isBlank(node)) : run.length > 0) {
      const item = newElement(wrapper, run);
      // A new item holds strays never checked against it (an <li> stray in a <dl>).
      if (list) repairPlacement(item);
      out.push(item);
    } else {
      out.push(...run);
    }
    run = [];
  };
  for (const node of nodes) {
    if (matches(node)) {
      run.push(...blanks, node);
      blanks = [];
    } else if (!list && run.length > 0 && isBlank(node)) {
      blanks.push(node);
    } else {
      flush();
      out.push(...blanks, node);
      blanks = [];
    }
  }
  flush();
  out.push(...blanks);
  return out;
}

/**
 * Moves an inline element holding blocks into them: `<strong><p>a</p>b</strong>` becomes
 * `<p><strong>a</strong></p><strong>b</strong>`, what the browser shows.
 */
function distribute(inline: Element): void {
  const containers: ParentNode[] = [inline];
  while (containers.length > 0) {
    const container = containers.pop()!;
    const out: AnyNode[] = [];
    let run: AnyNode[] = [];
    const flush = () => {
      if (run.some((node) => !isBlank(node))) out.push(newElement(inline.name, run, inline.attribs));
      else out.push(...run);
      run = [];
    };
    for (const child of container.children) {
      if (!isFlow(child)) {
        run.push(child);
        continue;
      }
      flush();
      out.push(child);
      // Into rows, cells and items; into a block's own content.
      const pending = [child as Element];
      while (pending.length > 0) {
        const element = pending.pop()!;
        if (STRUCTURAL.has(element.name)) pending.push(...element.children.filter(isElement));
        else containers.push(element);
      }
    }
    flush();
    setChildren(container, out);
  }
  unwrapped.add(inline);
}

/** Phrasing content for a phrasing-only element: blocks give up their tags (links keep theirs). */
function flattenFlow(nodes: AnyNode[], keep?: Set<string>): AnyNode[] {
  if (!nodes.some(isFlow)) return nodes;
  const out: AnyNode[] = [];
  // A stack of node lists, each consumed from its front: depth-first without recursion.
  const stack: AnyNode[][] = [nodes.slice().reverse()];
  const transparentEnds: [Element, AnyNode[], number][] = [];
  let target = out;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const node = top.pop();
    if (node === undefined) {
      stack.pop();
      const end = transparentEnds[transparentEnds.length - 1];
      if (end && end[2] === stack.length) {
        transparentEnds.pop();
        setChildren(end[0], target);
        holdsFlow.set(end[0], false);
        target = end[1];
      }
      continue;
    }
    if (!isElement(node) || !isFlow(node) || keep?.has(node.name)) {
      target.push(node);
    } else if (TRANSPARENT.has(node.name)) {
      // A link keeps its tags, with its blocks flattened inside it.
      target.push(node);
      transparentEnds.push([node, target, stack.length]);
      target = [];
      stack.push(node.children.slice().reverse());
    } else if (!DROPPED.has(node.name)) {
      stack.push(node.children.slice().reverse());
    }
  }
  return out;
}

/**
 * Every element below `root` named in `drop` replaced by its children. An element of root's own name
 * below it was done before it (children first), and is not gone through again.
 */
function flattenWhere(root: Element, drop: Set<string>): void {
  const below = postOrder(root, (el) => el.name === root.name);
  for (const element of [...below, root]) {
    if (element.children.some((child) => named(child, drop))) {
      setChildren(
        element,
        element.children.flatMap((child) => (named(child, drop) ? (child as Element).children : [child])),
      );
    }
  }
}

/** Replaces the children of `parent` marked as unwrapped by their own children, in one pass. */
function spliceUnwrapped(parent: ParentNode): void {
  if (!parent.children.some((child) => isElement(child) && unwrapped.has(child))) return;
  setChildren(
    parent,
    parent.children.flatMap((child) => (isElement(child) && unwrapped.has(child) ? child.children : [child])),
  );
}

/** A <source> in a <picture> gives images (srcset), in <audio>/<video> a file (src): html-validate attribute-misuse. */
function sourceFits(source: Element, parent: string): boolean {
  if (parent === "picture") delete source.attribs.src;
  else for (const name of ["srcset", "sizes", "media"]) delete source.attribs[name];
  return (parent === "picture" ? source.attribs.srcset : source.attribs.src) !== undefined;
}

/** Whether a node below `element` matches. */
function holds(
  element: Element,
  matches: (element: Element) => boolean,
  text?: (text: Text) => boolean,
): boolean {
  const stack: AnyNode[] = [...element.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node) ? text?.(node) : isElement(node) && matches(node)) return true;
    if (isElement(node)) stack.push(...node.children);
  }
  return false;
}

/** Text or an image with alternative text somewhere inside. */
const hasText = (element: Element) =>
  holds(
    element,
    (el) => el.name === "img" && /\S/.test(el.attribs.alt ?? ""),
    (text) => /\S/.test(text.data),
  );

/** What a link without text leads to: its file name, else its host (WCAG H30 wants a name). */
function linkLabel(href: string): string {
  try {
    const url = new URL(href);
    const last = url.pathname.split("/").filter(Boolean).pop();
    return last ? decodeURIComponent(last) : url.hostname || href;
  } catch {
    return href;
  }
}

const parentName = (node: AnyNode) => (node.parent && isElement(node.parent) ? node.parent.name : "");

let ElementClass: new (name: string, attribs: Record<string, string>) => Element;

function newElement(name: string, children: AnyNode[], attribs: Record<string, string> = {}): Element {
  const element = new ElementClass(name, { ...attribs });
  setChildren(element, children);
  return element;
}

// parse5 (like browsers) is quadratic in nesting depth: content nested deeper than any real page (Chrome
// stops nesting at 512) keeps its structure as sanitized, only written in the pages' style.
const MAX_DEPTH = 512;
const TAG = /<(\/?)([a-z][a-z0-9]*)[^<>]*?(\/?)>/g;

/** How deep sanitized markup nests: its tags are balanced, void elements written self-closed. */
function nestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const [, close, , selfClosed] of html.matchAll(TAG)) {
    if (close) depth--;
    else if (!selfClosed) deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

// sanitize-html writes void elements self-closed ("<br />"); the pages' HTML style omits the slash.
const SELF_CLOSED_VOID = /<(area|br|col|embed|hr|img|source|track|wbr)(\s[^<>]*?)?\s*\/>/g;

/** Sanitized markup written in the pages' style, an image without alternative text marked decorative. */
function unrepaired(sanitizedHtml: string): string {
  return sanitizedHtml.replace(SELF_CLOSED_VOID, (_, name: string, spaced = "") => {
    const attrs = spaced.trimEnd();
    return name === "img" && !/\salt=/.test(attrs) ? `<img${attrs} alt="">` : `<${name}${attrs}>`;
  });
}

function setChildren(parent: ParentNode, children: AnyNode[]): void {
  parent.children = children;
  let prev: AnyNode | null = null;
  for (const child of children) {
    child.parent = parent;
    child.prev = prev;
    if (prev) prev.next = child;
    prev = child;
  }
  if (prev) prev.next = null;
}

/**
 * Every element below `root`, children before their parent (so a parent sees repaired children); not
 * below an element that `stop` matches.
 */
function postOrder(root: ParentNode, stop?: (element: Element) => boolean): Element[] {
  const out: Element[] = [];
  const stack: [ParentNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [node, index] = top;
    const next = node.children[index];
    if (next === undefined) {
      stack.pop();
      if (node !== root && isElement(node)) out.push(node);
      continue;
    }
    top[1] = index + 1;
    if (isElement(next)) {
      if (stop?.(next)) out.push(next);
      else stack.push([next, 0]);
    }
  }
  return out;
}

const escapeText = (text: string) =>
  text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
const escapeAttribute = (value: string) => value.replace(/[&"]/g, (c) => (c === "&" ? "&amp;" : "&quot;"));

const charReference = (c: string) => `&#${c.charCodeAt(0)};`;

/**
 * The children of `root` as HTML in the pages' style: void elements unclosed, boolean attributes bare
 * (html-validate: attribute-boolean-style). Spaces before a line break are dropped outside <pre>, where
 * they show nowhere, and written as character references inside it (html-validate: no-trailing-whitespace).
 */
function serialize(root: ParentNode): string {
  let out = "";
  // Nodes to write, and closing tags as strings, last first.
  const stack: (AnyNode | string)[] = root.children.slice().reverse();
  let preDepth = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === "string") {
      if (item === "</pre>") preDepth--;
      out += item;
    } else if (isText(item)) {
      // Unwrapping leaves neighbouring text nodes: their spaces and line breaks meet here.
      let data = item.data;
      for (let next = stack[stack.length - 1]; next && typeof next !== "string" && isText(next); ) {
        data += next.data;
        stack.pop();
        next = stack[stack.length - 1];
      }
      out +=
        preDepth > 0
          ? escapeText(data).replace(/[ \t]+(?=\n)/g, (spaces) => spaces.replace(/[ \t]/g, charReference))
          : escapeText(data.replace(/[ \t]+(?=\n)/g, ""));
    } else if (isElement(item)) {
      out += `<${item.name}`;
      for (const [name, value] of Object.entries(item.attribs)) {
        out +=
          value === "" && BOOLEAN_ATTRIBUTES.has(name) ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
      }
      out += ">";
      if (VOID.has(item.name)) continue;
      // The parser drops a newline right after <pre>: one that is content must be written twice.
      if (item.name === "pre") {
        preDepth++;
        const first = item.children[0];
        if (first && isText(first) && first.data.startsWith("\n")) out += "\n";
      }
      stack.push(`</${item.name}>`);
      for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]!);
    }
  }
  return out;
}
