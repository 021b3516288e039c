// Static check against catastrophic backtracking (ReDoS). Transform and filter patterns come from the
// config and run on untrusted text, so a pattern is refused when a repeated part can match the same
// input in many ways. Two analyses, the first giving the clearer message:
//  1. shapes: nested repetition, a quantified group whose body repeats again, e.g. (a+)+, (.*)*,
//     (\w+\s?)*, unless every iteration must start with a literal that the inner repetition cannot match
//     (<br\s*>)+; overlapping alternation under repetition: (a|a)*, (a|ab)+, (\w|\d)*.
//  2. the pattern's automaton (Glushkov positions, one per character class; a parallel edge per way a
//     loop can be re-entered): exponential ambiguity, a loop that reads the same text along two paths,
//     e.g. (\s*,\s*)+$ where the spaces between two commas belong to either iteration; and polynomial
//     ambiguity, two different loops with a path between them that all read the same text, e.g.
//     \d+\d+$ or .*.*=. Either only hurts when the match can still fail after the loop (a `$`, a
//     literal), so a loop after which the pattern may end right away is not refused: `.*=.*` is fine.
// The check is conservative (it may refuse a harmless pattern); its message says how to rewrite. It does
// not model the search restarting at every position: a single \s+$ is quadratic on a long run of spaces
// that does not end the text, which only the length of the text bounds.

type Node =
  | { kind: "atom"; source: string; literal: boolean }
  | { kind: "seq"; items: Node[] }
  | { kind: "alt"; options: Node[] }
  | { kind: "group"; body: Node; lookaround: boolean }
  | { kind: "quant"; body: Node; min: number; max: number; text: string }
  | { kind: "anchor" }
  | { kind: "backref" };

class Parser {
  i = 0;
  constructor(readonly src: string) {}

  parseAlt(): Node {
    const options = [this.parseSeq()];
    while (this.src[this.i] === "|") {
      this.i++;
      options.push(this.parseSeq());
    }
    return options.length === 1 ? options[0]! : { kind: "alt", options };
  }

  parseSeq(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      const start = this.i;
      const term = this.parseTerm();
      items.push(this.parseQuantifier(term, start));
    }
    return { kind: "seq", items };
  }

  parseTerm(): Node {
    const c = this.src[this.i]!;
    if (c === "(") {
      this.i++;
      let lookaround = false;
      if (this.src.startsWith("?:", this.i)) this.i += 2;
      else if (/^\?<?[=!]/.test(this.src.slice(this.i, this.i + 3))) {
        lookaround = true;
        this.i += this.src[this.i + 1] === "<" ? 3 : 2;
      } else if (this.src.startsWith("?<", this.i)) this.i = this.src.indexOf(">", this.i) + 1;
      const body = this.parseAlt();
      this.i++; // ")"
      return { kind: "group", body, lookaround };
    }
    if (c === "[") {
      const start = this.i;
      this.i++;
      if (this.src[this.i] === "^") this.i++;
      if (this.src[this.i] === "]") this.i++;
      while (this.i < this.src.length && this.src[this.i] !== "]")
        this.i += this.src[this.i] === "\\" ? 2 : 1;
      this.i++;
      return { kind: "atom", source: this.src.slice(start, this.i), literal: false };
    }
    if (c === "\\") return this.parseEscape();
    this.i++;
    if (c === "^" || c === "$") return { kind: "anchor" };
    if (c === ".") return { kind: "atom", source: ".", literal: false };
    const code = c.codePointAt(0)!;
    if (code > 0xffff) this.i++;
    return {
      kind: "atom",
      source: String.fromCodePoint(code).replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&"),
      literal: true,
    };
  }

  parseEscape(): Node {
    const start = this.i;
    const next = this.src[this.i + 1] ?? "";
    this.i += 2;
    if (/[1-9]/.test(next)) {
      while (/\d/.test(this.src[this.i] ?? "")) this.i++;
      return { kind: "backref" };
    }
    if (next === "k" && this.src[this.i] === "<") {
      this.i = this.src.indexOf(">", this.i) + 1;
      return { kind: "backref" };
    }
    if (next === "b" || next === "B") return { kind: "anchor" };
    if ((next === "p" || next === "P" || next === "u") && this.src[this.i] === "{") {
      this.i = this.src.indexOf("}", this.i) + 1;
    } else if (next === "u") this.i += 4;
    else if (next === "x") this.i += 2;
    else if (next === "c") this.i += 1;
    const source = this.src.slice(start, this.i);
    // \. is a literal dot; \d, \w, \s, \p{…} and their negations are classes.
    return { kind: "atom", source, literal: !/^\\[dDwWsSpP]/.test(source) };
  }

  parseQuantifier(term: Node, start: number): Node {
    const rest = this.src.slice(this.i);
    const m = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(rest);
    if (!m) return term;
    this.i += m[0].length;
    let min = 0;
    let max = Number.POSITIVE_INFINITY;
    if (m[1] === "+") min = 1;
    else if (m[1] === "?") max = 1;
    else if (m[1] === undefined) {
      min = Number(m[2]);
      max = m[3] === undefined ? min : m[4] === "" ? Number.POSITIVE_INFINITY : Number(m[4]);
    }
    return { kind: "quant", body: term, min, max, text: this.src.slice(start, this.i) };
  }
}

interface First {
  atoms: string[];
  nullable: boolean;
}

function firstAtoms(node: Node): First {
  switch (node.kind) {
    case "atom":
      return { atoms: [node.source], nullable: false };
    case "anchor":
      return { atoms: [], nullable: true };
    case "backref":
      return { atoms: ["[\\s\\S]"], nullable: true };
    case "group":
      return node.lookaround ? { atoms: [], nullable: true } : firstAtoms(node.body);
    case "quant": {
      const f = firstAtoms(node.body);
      return { atoms: f.atoms, nullable: f.nullable || node.min === 0 };
    }
    case "alt": {
      const all = node.options.map(firstAtoms);
      return { atoms: all.flatMap((f) => f.atoms), nullable: all.some((f) => f.nullable) };
    }
    case "seq": {
      const atoms: string[] = [];
      for (const item of node.items) {
        const f = firstAtoms(item);
        atoms.push(...f.atoms);
        if (!f.nullable) return { atoms, nullable: false };
      }
      return { atoms, nullable: true };
    }
  }
}

interface InnerRepeat {
  text: string;
  min: number;
  max: number;
  atoms: string[];
}

/**
 * Bounded nesting with more ways to split than this is refused like unbounded nesting: (.{0,12}){0,12}x
 * takes minutes on 30 characters; (\d{1,3}\.){3} is fine.
 */
const BOUNDED_SPLITS = 16;

/** Quantifiers inside `node` that repeat (max > 1), with every atom they can match. */
function innerRepeats(node: Node, out: InnerRepeat[]): void {
  switch (node.kind) {
    case "quant":
      if (node.max > 1)
        out.push({ text: node.text, min: node.min, max: node.max, atoms: allAtoms(node.body) });
      innerRepeats(node.body, out);
      return;
    case "group":
      if (!node.lookaround) innerRepeats(node.body, out);
      return;
    case "alt":
      for (const o of node.options) innerRepeats(o, out);
      return;
    case "seq":
      for (const o of node.items) innerRepeats(o, out);
      return;
    default:
      return;
  }
}

function allAtoms(node: Node): string[] {
  switch (node.kind) {
    case "atom":
      return [node.source];
    case "backref":
      return ["[\\s\\S]"];
    case "quant":
      return allAtoms(node.body);
    case "group":
      return node.lookaround ? [] : allAtoms(node.body);
    case "alt":
      return node.options.flatMap(allAtoms);
    case "seq":
      return node.items.flatMap(allAtoms);
    default:
      return [];
  }
}

/** Every atom (and back-reference, which may match anything) inside `node`. */
function atomNodes(node: Node): Node[] {
  switch (node.kind) {
    case "atom":
    case "backref":
      return [node];
    case "quant":
      return atomNodes(node.body);
    case "group":
      return node.lookaround ? [] : atomNodes(node.body);
    case "alt":
      return node.options.flatMap(atomNodes);
    case "seq":
      return node.items.flatMap(atomNodes);
    default:
      return [];
  }
}

/** Mandatory literals at the top level of a repeated body: each iteration matches every one of them once. */
function mandatoryLiterals(node: Node): Node[] {
  if (node.kind === "atom") return node.literal ? [node] : [];
  if (node.kind === "group" && !node.lookaround) return mandatoryLiterals(node.body);
  if (node.kind === "quant") return node.min === 1 && node.max === 1 ? mandatoryLiterals(node.body) : [];
  if (node.kind === "seq") return node.items.flatMap((item) => mandatoryLiterals(item));
  return [];
}

const SAMPLES = [
  ..."\t\n\r \u00a0\u3000é中。，",
  ...Array.from({ length: 95 }, (_, k) => String.fromCharCode(32 + k)),
];

class Checker {
  readonly flags: string;
  readonly samples: string[];
  constructor(pattern: string, flags: string) {
    this.flags = flags.replace(/[gy]/g, "");
    this.samples = sampleCharacters(pattern);
  }

  matchesOf(atoms: string[]): Set<string> {
    const hits = new Set<string>();
    for (const atom of atoms) {
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${atom})$`, this.flags);
      } catch {
        return new Set(this.samples); // unknown atom: assume it matches anything
      }
      for (const s of this.samples) if (re.test(s)) hits.add(s);
    }
    return hits;
  }

  overlaps(a: string[], b: string[]): boolean {
    const left = this.matchesOf(a);
    for (const s of this.matchesOf(b)) if (left.has(s)) return true;
    return false;
  }

  check(node: Node, underRepeat: boolean): string | null {
    switch (node.kind) {
      case "quant": {
        if (node.max > 1) {
          const inner: InnerRepeat[] = [];
          innerRepeats(node.body, inner);
          const risky = inner.filter(
            (q) =>
              q.max === Number.POSITIVE_INFINITY ||
              node.max === Number.POSITIVE_INFINITY ||
              (q.min < q.max && q.max * node.max > BOUNDED_SPLITS),
          );
          if (risky.length > 0) {
            // A separator literal that nothing else in the body can match splits the input into
            // iterations in exactly one way: (<br\s*>\s*)+, (\s*,\s*\w+)*, (ab+)+ are fine.
            const atoms = atomNodes(node.body);
            const guarded = mandatoryLiterals(node.body).some(
              (literal) =>
                literal.kind === "atom" &&
                !this.overlaps(
                  [literal.source],
                  atoms.filter((a) => a !== literal).map((a) => (a.kind === "atom" ? a.source : "[\\s\\S]")),
                ),
            );
            if (!guarded) {
              return `nested quantifier: "${node.text}" repeats "${risky[0]!.text}" inside a repetition, which can backtrack catastrophically; make the inner part match once (e.g. (a+)+ → a+) or start each repetition with a distinct literal`;
            }
          }
        }
        return this.check(node.body, underRepeat || node.max > 1);
      }
      case "alt": {
        if (underRepeat) {
          const firsts = node.options.map((o) => firstAtoms(o).atoms);
          for (let a = 0; a < firsts.length; a++) {
            for (let b = a + 1; b < firsts.length; b++) {
              if (this.overlaps(firsts[a]!, firsts[b]!)) {
                return "overlapping alternatives under a quantifier (like (a|a)* or (\\w|\\d)+) can backtrack catastrophically; make the alternatives start with different characters or use a character class";
              }
            }
          }
        }
        for (const o of node.options) {
          const problem = this.check(o, underRepeat);
          if (problem) return problem;
        }
        return null;
      }
      case "group":
        return this.check(node.body, underRepeat);
      case "seq":
        for (const item of node.items) {
          const problem = this.check(item, underRepeat);
          if (problem) return problem;
        }
        return null;
      default:
        return null;
    }
  }
}

// ---- 2. Ambiguity of the automaton ----

/** Bounded repeats up to this many copies are expanded; larger ones are analysed as unbounded. */
const EXPAND_LIMIT = 12;
/** Positions (character-class occurrences after expansion) analysed at most. */
const MAX_POSITIONS = 2000;
/** Steps the product searches may take before the pattern counts as too complex to check. */
const WORK_LIMIT = 3_000_000;

interface Fragment {
  first: number[];
  last: number[];
  /** Positions after which the rest of the fragment can be skipped without passing an assertion. */
  lastFree: number[];
  nullable: boolean;
  freeNullable: boolean;
}

const EMPTY: Fragment = { first: [], last: [], lastFree: [], nullable: true, freeNullable: true };

class TooComplex extends Error {}

/** Glushkov automaton: states are positions; an edge p→q reads a character of q's class. */
class Automaton {
  readonly labels: bigint[] = [];
  readonly texts: string[] = [];
  /** Per position, the repetitions around it (ids into loopTexts), outermost first. */
  readonly loops: number[][] = [];
  /** Each repetition's quantifier text, e.g. `(\\s*,\\s*)+`. */
  readonly loopTexts: string[] = [];
  /** Edges with multiplicity: the same edge twice means two ways to take it. */
  readonly edges: number[][] = [];
  readonly lookarounds: Node[] = [];
  private readonly enclosing: number[] = [];
  private readonly labelCache = new Map<string, bigint>();

  constructor(private readonly label: (atom: string) => bigint) {}

  build(node: Node): Fragment {
    switch (node.kind) {
      case "atom":
      case "backref":
        return this.position(node.kind === "atom" ? node.source : "[\\s\\S]");
      case "anchor":
        return { first: [], last: [], lastFree: [], nullable: true, freeNullable: false };
      case "group":
        if (node.lookaround) {
          // Run as a regex of its own at one position: analysed on its own, a possible failure here.
          this.lookarounds.push(node.body);
          return { first: [], last: [], lastFree: [], nullable: true, freeNullable: false };
        }
        return this.build(node.body);
      case "seq":
        return node.items.reduce<Fragment>((acc, item) => this.concat(acc, this.build(item)), EMPTY);
      case "alt": {
        const all = node.options.map((option) => this.build(option));
        return {
          first: all.flatMap((f) => f.first),
          last: all.flatMap((f) => f.last),
          lastFree: all.flatMap((f) => f.lastFree),
          nullable: all.some((f) => f.nullable),
          freeNullable: all.some((f) => f.freeNullable),
        };
      }
      case "quant":
        return this.repeat(node);
    }
  }

  private position(atom: string): Fragment {
    if (this.labels.length >= MAX_POSITIONS) throw new TooComplex();
    const p = this.labels.length;
    let label = this.labelCache.get(atom);
    if (label === undefined) {
      label = this.label(atom);
      this.labelCache.set(atom, label);
    }
    this.labels.push(label);
    this.texts.push(atom);
    this.loops.push([...this.enclosing]);
    this.edges.push([]);
    return { first: [p], last: [p], lastFree: [p], nullable: false, freeNullable: false };
  }

  private link(from: readonly number[], to: readonly number[]): void {
    for (const p of from) for (const q of to) this.edges[p]!.push(q);
  }

  private concat(a: Fragment, b: Fragment): Fragment {
    this.link(a.last, b.first);
    return {
      first: a.nullable ? [...a.first, ...b.first] : a.first,
      last: b.nullable ? [...a.last, ...b.last] : b.last,
      lastFree: b.freeNullable ? [...a.lastFree, ...b.lastFree] : b.lastFree,
      nullable: a.nullable && b.nullable,
      freeNullable: a.freeNullable && b.freeNullable,
    };
  }

  private optional(f: Fragment): Fragment {
    return { ...f, nullable: true, freeNullable: true };
  }

  private repeat(node: Extract<Node, { kind: "quant" }>): Fragment {
    const bounded = node.max <= EXPAND_LIMIT;
    const mandatory = Math.min(node.min, EXPAND_LIMIT);
    let result = EMPTY;
    const copies = bounded ? mandatory : Math.max(mandatory - 1, 0);
    for (let k = 0; k < copies; k++) result = this.concat(result, this.build(node.body));
    if (bounded) {
      // x{2,4} = x x (x (x)?)?: the optional copies nest, so they add no ambiguity of their own.
      let tail = EMPTY;
      for (let k = node.max - mandatory; k > 0; k--)
        tail = this.optional(this.concat(this.build(node.body), tail));
      return this.concat(result, tail);
    }
    this.enclosing.push(this.loopTexts.push(node.text) - 1);
    const body = this.build(node.body);
    this.enclosing.pop();
    this.link(body.last, body.first);
    return this.concat(result, mandatory === 0 ? this.optional(body) : body);
  }
}

/** Strongly connected components (iterative Tarjan); returns each node's component id. */
function components(count: number, next: (v: number) => Iterable<number>): Int32Array {
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const component = new Int32Array(count).fill(-1);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  let counter = 0;
  let ids = 0;
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    const work: [number, Iterator<number>][] = [[root, next(root)[Symbol.iterator]()]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, it] = frame;
      const step = it.next();
      if (!step.done) {
        const w = step.value;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, next(w)[Symbol.iterator]()]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = ids;
        } while (w !== v);
        ids++;
      }
    }
  }
  return component;
}

class Ambiguity {
  private work = 0;
  constructor(
    private readonly nfa: Automaton,
    private readonly freeEnd: ReadonlySet<number>,
    private readonly sample: (label: bigint) => string,
  ) {}

  private spend(n = 1): void {
    this.work += n;
    if (this.work > WORK_LIMIT) throw new TooComplex();
  }

  problem(): string | null {
    const { edges } = this.nfa;
    const n = edges.length;
    const component = components(n, (v) => edges[v]!);
    const members = new Map<number, number[]>();
    for (let v = 0; v < n; v++) {
      const list = members.get(component[v]!) ?? [];
      list.push(v);
      members.set(component[v]!, list);
    }
    const looping = (c: number) => {
      const list = members.get(c)!;
      return list.length > 1 || edges[list[0]!]!.includes(list[0]!);
    };
    // A loop after which the pattern may end at once is harmless: when the text after it fails, the
    // first step back leaves the loop and the match succeeds.
    const exploitable = (c: number) => looping(c) && !members.get(c)!.some((p) => this.freeEnd.has(p));
    for (const [c, list] of members) {
      if (!exploitable(c)) continue;
      const found = this.exponential(list, component, c);
      if (found) return found;
    }
    return this.polynomial(component, members, looping, exploitable);
  }

  /** Two different paths from a loop state back to itself reading the same text (pairs within one SCC). */
  private exponential(states: number[], component: Int32Array, c: number): string | null {
    const { edges, labels } = this.nfa;
    const k = states.length;
    const slot = new Map(states.map((s, i) => [s, i]));
    const pairEdges = (node: number): { to: number; split: boolean }[] => {
      const a = states[Math.floor(node / k)]!;
      const b = states[node % k]!;
      const out: { to: number; split: boolean }[] = [];
      const ea = edges[a]!;
      const eb = edges[b]!;
      for (let i = 0; i < ea.length; i++) {
        const a2 = ea[i]!;
        if (component[a2] !== c) continue;
        for (let j = 0; j < eb.length; j++) {
          const b2 = eb[j]!;
          this.spend();
          if (component[b2] !== c || (labels[a2]! & labels[b2]!) === 0n) continue;
          out.push({ to: slot.get(a2)! * k + slot.get(b2)!, split: a === b && i !== j });
        }
      }
      return out;
    };
    const cache = new Map<number, { to: number; split: boolean }[]>();
    const next = (node: number) => {
      let out = cache.get(node);
      if (!out) {
        out = pairEdges(node);
        cache.set(node, out);
      }
      return out;
    };
    const pairComponent = components(k * k, (node) => next(node).map((e) => e.to));
    for (let node = 0; node < k * k; node++) {
      const a = Math.floor(node / k);
      const b = node % k;
      // A diverging step inside a component that also holds a diagonal pair (q, q): a cycle from q back
      // to q along two different paths.
      const diverges =
        a !== b || next(node).some((e) => e.split && pairComponent[e.to] === pairComponent[node]);
      if (!diverges) continue;
      const id = pairComponent[node]!;
      if (!states.some((_, i) => pairComponent[i * k + i] === id)) continue;
      const p = states[a]!;
      const q = states[b]!;
      const loop =
        this.nfa.loopTexts[innermostCommon(this.nfa.loops[p]!, this.nfa.loops[q]!) ?? -1] ??
        this.nfa.texts[p]!;
      const shared = this.sample(labels[p]! & labels[q]!);
      return `the repetition "${loop}" can match the same text in more than one way (${shared} can be taken by different parts of it or of its next round), so a failing match tries exponentially many ways and can backtrack catastrophically; give every character one place to go, e.g. (\\s*,\\s*)+ → \\s*(?:,\\s*)+`;
    }
    return null;
  }

  /**
   * Two loops q1 ≠ q2 in different SCCs with a path q1 → q2, where q1 → q1, q1 → q2 and q2 → q2 can all
   * read the same text: a run of it can be shared between them in as many ways as it is long.
   */
  private polynomial(
    component: Int32Array,
    members: Map<number, number[]>,
    looping: (c: number) => boolean,
    exploitable: (c: number) => boolean,
  ): string | null {
    const { edges, labels } = this.nfa;
    const n = edges.length;
    const loopStates = [...members].filter(([c]) => looping(c)).flatMap(([, list]) => list);
    const reach = (from: number, forward: boolean): Uint8Array => {
      const seen = new Uint8Array(n);
      const reverse: number[][] = forward ? edges : Array.from({ length: n }, () => []);
      if (!forward)
        edges.forEach((out, p) => {
          for (const q of out) reverse[q]!.push(p);
        });
      const queue = [from];
      seen[from] = 1;
      while (queue.length > 0) {
        const v = queue.pop()!;
        for (const w of reverse[v]!) {
          this.spend();
          if (!seen[w]) {
            seen[w] = 1;
            queue.push(w);
          }
        }
      }
      return seen;
    };
    for (const q1 of loopStates) {
      const from = reach(q1, true);
      for (const q2 of loopStates) {
        if (component[q2] === component[q1] || !from[q2] || !exploitable(component[q2]!)) continue;
        if ((labels[q1]! & labels[q2]!) === 0n) continue;
        const to = reach(q2, false);
        if (this.sharedRun(q1, q2, component, from, to)) {
          const first = this.nfa.loopTexts[this.nfa.loops[q1]!.at(-1) ?? -1] ?? this.nfa.texts[q1]!;
          const second = this.nfa.loopTexts[this.nfa.loops[q2]!.at(-1) ?? -1] ?? this.nfa.texts[q2]!;
          const shared = this.sample(labels[q1]! & labels[q2]!);
          return `"${first}" and the later "${second}" can both match a run of ${shared} with nothing that must separate them, so a failing match retries every way to share the run between them (polynomial backtracking, minutes on long text); merge them or make them match different characters, e.g. \\d+\\d+ → \\d{2,}, .*.* → .*`;
        }
      }
    }
    return null;
  }

  /** Search of the triple product from (q1, q1, q2) for (q1, q2, q2). */
  private sharedRun(
    q1: number,
    q2: number,
    component: Int32Array,
    from: Uint8Array,
    to: Uint8Array,
  ): boolean {
    const { edges, labels } = this.nfa;
    const n = edges.length;
    const key = (a: number, b: number, c: number) => (a * n + b) * n + c;
    const seen = new Set<number>([key(q1, q1, q2)]);
    const queue: [number, number, number][] = [[q1, q1, q2]];
    while (queue.length > 0) {
      const [a, b, c] = queue.pop()!;
      for (const a2 of edges[a]!) {
        if (component[a2] !== component[q1]) continue;
        for (const b2 of edges[b]!) {
          if (!from[b2] || !to[b2]) continue;
          const ab = labels[a2]! & labels[b2]!;
          if (ab === 0n) continue;
          for (const c2 of edges[c]!) {
            this.spend();
            if (component[c2] !== component[q2] || (ab & labels[c2]!) === 0n) continue;
            if (a2 === q1 && b2 === q2 && c2 === q2) return true;
            const k = key(a2, b2, c2);
            if (seen.has(k)) continue;
            seen.add(k);
            queue.push([a2, b2, c2]);
          }
        }
      }
    }
    return false;
  }
}

function innermostCommon(a: readonly number[], b: readonly number[]): number | undefined {
  let common: number | undefined;
  for (let i = 0; i < Math.min(a.length, b.length) && a[i] === b[i]; i++) common = a[i];
  return common;
}

function ambiguityProblem(tree: Node, checker: Checker): string | null {
  const samples = checker.samples;
  const label = (atom: string): bigint => {
    let bits = 0n;
    const hits = checker.matchesOf([atom]);
    samples.forEach((s, i) => {
      if (hits.has(s)) bits |= 1n << BigInt(i);
    });
    return bits;
  };
  const sample = (bits: bigint): string => {
    const members = samples.filter((_, k) => (bits >> BigInt(k)) & 1n);
    // A character the reader recognises: a letter or digit, else a space, else any.
    const shown =
      members.find((c) => /[\p{L}\p{N}]/u.test(c)) ?? members.find((c) => c === " ") ?? members[0];
    return JSON.stringify(shown ?? "");
  };
  const pending = [tree];
  try {
    while (pending.length > 0) {
      const nfa = new Automaton(label);
      const root = nfa.build(pending.pop()!);
      pending.push(...nfa.lookarounds);
      const problem = new Ambiguity(nfa, new Set(root.lastFree), sample).problem();
      if (problem) return problem;
    }
  } catch (error) {
    if (!(error instanceof TooComplex)) throw error;
    return "too complex to check for catastrophic backtracking (too many repeated parts); split it into simpler transforms";
  }
  return null;
}

/** Characters the atoms are tried on: common ones, the pattern's own and those its escapes name (range ends). */
function sampleCharacters(pattern: string): string[] {
  const named = [...pattern.matchAll(/\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))/g)].map(
    (m) => String.fromCodePoint(Number.parseInt(m[1] ?? m[2] ?? m[3]!, 16)),
  );
  return [...new Set([...SAMPLES, ...pattern, ...named])];
}

const verdicts = new Map<string, string | null>();

/**
 * Flags of an include/exclude regex: case-insensitive, Unicode-aware where the pattern allows; a pattern
 * written for JavaScript's older syntax (`a\-b`, `[\w-.]`: identity escapes, a class range of a class)
 * compiles without `u` rather than being refused.
 */
export function filterRegexFlags(pattern: string): "iu" | "i" {
  try {
    new RegExp(pattern, "iu");
    return "iu";
  } catch {
    return "i";
  }
}

/** A description of why `pattern` is unsafe or invalid, or null when it passes. */
export function checkRegexSafety(pattern: string, flags: string): string | null {
  const key = `${flags}/${pattern}`;
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  const verdict = judge(pattern, flags);
  // A config of 1000 sources repeats a handful of patterns.
  if (verdicts.size < 1000) verdicts.set(key, verdict);
  return verdict;
}

function judge(pattern: string, flags: string): string | null {
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  const parser = new Parser(pattern);
  const tree = parser.parseAlt();
  const checker = new Checker(pattern, flags);
  return checker.check(tree, false) ?? ambiguityProblem(tree, checker);
}
