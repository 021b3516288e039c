export interface ParseDateOptions {
  /** IANA zone for inputs that carry no zone. */
  timezone: string;
  /** Reference time: year-less and relative inputs resolve against it. */
  now: Date;
  /** BCP 47 tag of the source: an ambiguous slash date (`05/06/2019`) is read in its order (order.ts). */
  language?: string | null;
}

/** Calendar fields found in an input; the resolver fills the year and zone when they are missing. */
export interface DateParts {
  /** Undefined for year-less inputs ("5月30日", "05-30"). */
  year?: number;
  month: number;
  day: number;
  /** 0-23, or 24 with `endOfDay` (晚上12点). */
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Set for a time past the written day's last hour (晚上12点, hour 24): it falls in the next day. */
  endOfDay?: boolean;
  /** Minutes east of UTC; undefined when the input names no zone. */
  offsetMinutes?: number;
  /** An IANA zone the input names ("America/Los_Angeles") when it gives no offset. */
  timeZone?: string;
  /** The zone abbreviation as written, lower-cased, when the offset came from one ("cst"). */
  zoneName?: string;
}

export interface TimeOfDay {
  /** 0-23, or 24 with `endOfDay` (晚上12点). */
  hour: number;
  /** See DateParts. */
  endOfDay?: boolean;
  minute: number;
  second: number;
  millisecond: number;
}

/** A sub-parser's answer: calendar parts, an exact instant (relative forms), or null (not its form). */
export type ParseResult = DateParts | { instant: number } | null;
