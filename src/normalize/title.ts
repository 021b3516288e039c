import { prefixWithin } from "./graphemes.js";
import { visibleOrEmpty } from "./visible.js";

// Titles derived from text when a source has none: the first line, else its first sentence, cut to
// about `max` characters on a character boundary.

const SENTENCE_END = /[。！？]|[.!?](?=\s)/gu;
// A Latin sentence end needs this many letters before it: "Hi." or "Re:" is no title.
const MIN_SENTENCE_LETTERS = 8;
// Words whose "." is an abbreviation, not a sentence end (lower case, without the dot).
const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof rev hon st mt ft no nos vs etc jr sr inc ltd co corp dept gen gov col lt sgt capt " +
    "fig vol pp approx jan feb mar apr jun jul aug sep sept oct nov dec"
  ).split(" "),
);
const OPENERS = /[([{（［｛【〔〖〘〚「『“‘"'《〈«‹]+$/u;
// Trailing halves of two-character punctuation (……, ——) and clause punctuation before the "…".
const TRAILING_PUNCT = /[\s,，、;；:：…—\-–·]+$/u;
const CLAUSE_BREAK = /[，、；：,;:\s]/u;

export function deriveTitle(text: string, max = 80): string {
  const firstLine =
    text
      .split(/\r\n?|\n/)
      .map((line) => line.replace(/\s+/g, " ").trim())
      // A line of nothing visible (a Hangul filler as spacer) is no title.
      .find((line) => visibleOrEmpty(line) !== "") ?? "";
  if (firstLine.length <= max) return firstLine;
  const sentence = firstSentence(firstLine, max)?.trim();
  // One full stop goes; the last dot of an ellipsis ("...", "。。。") stays.
  if (sentence && sentence.length <= max) return sentence.replace(/(?<![。.…])[。.]$/u, "");
  return cutTitle(sentence && sentence.length < firstLine.length ? sentence : firstLine, max);
}

/**
 * The line up to its first sentence end. CJK marks always end one; a Latin "." does not after an
 * abbreviation ("Dr.", "No. 5", "U.S."), an initial ("J. Smith") or a leading list number ("1.", "IV."),
 * and no Latin mark ends a sentence of fewer than MIN_SENTENCE_LETTERS letters. Only ends within `max`
 * are looked for: a longer sentence is cut like the line (same first `max` characters), and a long line of
 * "1. 2. 3. …" stays linear.
 */
function firstSentence(line: string, max: number): string | undefined {
  const head = line.slice(0, max + 1);
  for (const match of head.matchAll(SENTENCE_END)) {
    const mark = match[0];
    const at = match.index;
    if (mark === "。" || mark === "！" || mark === "？") {
      // A run of marks ("。。。", "！？") ends the sentence together.
      return line.slice(0, at + 1 + (/^[。！？]*/u.exec(line.slice(at + 1))?.[0].length ?? 0));
    }
    const before = line.slice(0, at);
    if (mark === "." && isAbbreviation(before)) continue;
    if ((before.match(/\p{L}/gu)?.length ?? 0) < MIN_SENTENCE_LETTERS) continue;
    return line.slice(0, at + 1);
  }
  return undefined;
}

/** Does the word just before a "." make it an abbreviation or a list number rather than a sentence end? */
export function isAbbreviation(before: string): boolean {
  // The last word, without opening brackets or quotes: "(Dr" → "Dr".
  const word = lastWord(before).replace(/^[^\p{L}\p{N}]+/u, "");
  if (/^\p{L}$/u.test(word)) return true; // an initial
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // U.S., e.g., a.m.
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  // A number or roman numeral that is all there is so far: "1. All residents", "2.3. Scope", "IV. Costs".
  return word === before.trim() && /^(?:\d+(?:\.\d+)*|[ivxlcdm]+)$/iu.test(word);
}

const SPACE = /\s/u;

/**
 * The run of non-space characters at the end of `text`, found from the end: the regex /\S*$/ retries from
 * every position of a long run (CJK text has no spaces), and summaries ask once per "." they find.
 */
function lastWord(text: string): string {
  let start = text.length;
  while (start > 0 && !SPACE.test(text[start - 1]!)) start--;
  return text.slice(start);
}

function cutTitle(text: string, max: number): string {
  const room = prefixWithin(text, max - 1);
  let cut = room;
  // Prefer a clause boundary in the last 40% so the title ends on a whole phrase.
  for (let i = room.length - 1; i >= Math.floor(room.length * 0.6); i--) {
    if (CLAUSE_BREAK.test(room[i]!)) {
      cut = room.slice(0, i);
      break;
    }
  }
  let previous = "";
  while (previous !== cut) {
    previous = cut;
    cut = cut.replace(TRAILING_PUNCT, "").replace(OPENERS, "");
  }
  cut = dropUnclosedTail(cut);
  return `${cut}…`;
}

const PAIRS: Record<string, string> = {
  "“": "”",
  "「": "」",
  "『": "』",
  "《": "》",
  "（": "）",
  "(": ")",
  "【": "】",
};

/** A title ending inside a just-opened quote ("…确保“五个") reads badly; cut before the opener when it is near the end. */
function dropUnclosedTail(text: string): string {
  for (let i = text.length - 1; i >= Math.max(0, text.length - 12); i--) {
    const close = PAIRS[text[i]!];
    if (close !== undefined) {
      if (text.indexOf(close, i) === -1 && i > text.length / 2) {
        return text.slice(0, i).replace(TRAILING_PUNCT, "");
      }
      break;
    }
  }
  return text;
}
