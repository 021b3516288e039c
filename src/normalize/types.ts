// Contract of the normalize stage: RawItem (+ context) → Article. Pure: no I/O, the clock is passed in.

export interface CompiledTransform {
  regex: RegExp;
  replace: string;
  field: "title" | "content" | "all";
}

export interface NormalizeContext {
  source: { id: string; title: string; url: string | null };
  /** URL (or file: URL) the document came from: the last fallback base for relative links. */
  documentUrl: string | null;
  /** IANA zone for dates without a zone. */
  timezone: string;
  /** Fetch time: year-less and relative dates ("5月30日", "3小时前") resolve against it. */
  now: Date;
  transforms: CompiledTransform[];
  /** Source or feed language, used when an item has none. */
  language: string | null;
}
