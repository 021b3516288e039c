// Static check against catastrophic backtracking (ReDoS). Transform and filter patterns come from the
// config and run on untrusted text, so a pattern is refused when a repeated part can match the same
// input in many ways:
//  - nested repetition: a quantified group whose body repeats again, e.g. (a+)+, (.*)*, (\w+\s?)*,
//    unless every iteration must start with a literal that the inner repetition cannot match (<br\s*>)+;
//  - overlapping alternation under repetition: (a|a)*, (a|ab)+, (\w|\d)*.
// The check is conservative (it may refuse a harmless pattern); its message says how to rewrite.

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
    return { kind: "atom", source, literal: !/^\\[dDwWsSpP.]/.test(source) };
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

/** Quantifiers inside `node` that repeat (max > 1), with every atom they can match. */
function innerRepeats(node: Node, out: { text: string; max: number; atoms: string[] }[]): void {
  switch (node.kind) {
    case "quant":
      if (node.max > 1) out.push({ text: node.text, max: node.max, atoms: allAtoms(node.body) });
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
    this.samples = [...new Set([...SAMPLES, ...pattern])];
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
          const inner: { text: string; max: number; atoms: string[] }[] = [];
          innerRepeats(node.body, inner);
          const risky = inner.filter(
            (q) => q.max === Number.POSITIVE_INFINITY || node.max === Number.POSITIVE_INFINITY,
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

/** A description of why `pattern` is unsafe or invalid, or null when it passes. */
export function checkRegexSafety(pattern: string, flags: string): string | null {
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  const parser = new Parser(pattern);
  const tree = parser.parseAlt();
  return new Checker(pattern, flags).check(tree, false);
}
