// Dates shown to people: the site language's own convention, in the site's time zone.

export interface LocalDate {
  /** Machine-readable value for <time datetime>: the ISO instant as given (UTC). */
  datetime: string;
  /** e.g. 2019年5月31日 (zh, ja), 2019년 5월 31일 (ko), 31 May 2019 (en). */
  text: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A bare "en" would format US style (May 31, 2019); we prefer the day-month-year form that reads the same
 * everywhere. An explicit region (en-US) keeps its own convention.
 */
function formatLocale(language: string): string {
  const lower = language.toLowerCase();
  if (lower === "en") return "en-GB";
  try {
    return Intl.getCanonicalLocales(language)[0] ?? "en-GB";
  } catch {
    return "en-GB";
  }
}

function formatter(language: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}\u0000${timeZone}\u0000${withTime}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(formatLocale(language), {
      year: "numeric",
      month: "long",
      day: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : {}),
      timeZone,
    });
    formatters.set(key, found);
  }
  return found;
}

/** Formats an ISO instant as a local calendar date; null for a missing or unparsable value. */
export function formatLocalDate(iso: string | null, language: string, timeZone: string): LocalDate | null {
  return format(iso, language, timeZone, false);
}

/** Same, with hours and minutes (health table: failures happen within a day). */
export function formatLocalDateTime(
  iso: string | null,
  language: string,
  timeZone: string,
): LocalDate | null {
  return format(iso, language, timeZone, true);
}

function format(iso: string | null, language: string, timeZone: string, withTime: boolean): LocalDate | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return { datetime: date.toISOString(), text: formatter(language, timeZone, withTime).format(date) };
}
