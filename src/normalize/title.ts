import { prefixWithin } from "./graphemes.js";

// Titles derived from text when a source has none: the first line, else its first sentence, cut to
// about `max` characters on a character boundary.

const FIRST_SENTENCE = /^.*?(?:[。！？]|[.!?](?=\s))/su;
const OPENERS = /[([{（［｛【〔〖〘〚「『“‘"'《〈«‹]+$/u;
// Trailing halves of two-character punctuation (……, ——) and clause punctuation before the "…".
const TRAILING_PUNCT = /[\s,，、;；:：…—\-–·]+$/u;
const CLAUSE_BREAK = /[，、；：,;:\s]/u;

export function deriveTitle(text: string, max = 80): string {
  const firstLine =
    text
      .split(/\r\n?|\n/)
      .map((line) => line.replace(/\s+/g, " ").trim())
      .find((line) => line !== "") ?? "";
  if (firstLine.length <= max) return firstLine;
  const sentence = FIRST_SENTENCE.exec(firstLine)?.[0]?.trim();
  if (sentence && sentence.length <= max) return sentence.replace(/[。.]$/u, "");
  return cutTitle(sentence && sentence.length < firstLine.length ? sentence : firstLine, max);
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
