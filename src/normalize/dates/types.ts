export interface ParseDateOptions {
  /** IANA zone for inputs that carry no zone. */
  timezone: string;
  /** Reference time: year-less and relative inputs resolve against it. */
  now: Date;
}

/** Calendar fields found in an input; the resolver fills the year and zone when they are missing. */
export interface DateParts {
  /** Undefined for year-less inputs ("5月30日", "05-30"). */
  year?: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC; undefined when the input names no zone. */
  offsetMinutes?: number;
  /** The zone abbreviation as written, lower-cased, when the offset came from one ("cst"). */
  zoneName?: string;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** A sub-parser's answer: calendar parts, an exact instant (relative forms), or null (not its form). */
export type ParseResult = DateParts | { instant: number } | null;
