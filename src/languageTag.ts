// Language tags as feeds carry them (RSS <language>, xml:lang, JSON Feed language, OPML). Sources write
// "English", "cn", "zh_TW" or ISO 639-3 codes such as "yue"; the W3C feed validator accepts a tag only when
// its primary subtag is an ISO 639-1/639-2 code.

/** Chinese languages that BCP 47 also writes as extended subtags of "zh" (RFC 5646 §2.2.2). */
const ZH_EXTLANG = new Set([
  "cdo",
  "cjy",
  "cmn",
  "cpx",
  "czh",
  "czo",
  "gan",
  "hak",
  "hsn",
  "lzh",
  "mnp",
  "nan",
  "wuu",
  "yue",
]);

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/**
 * The canonical form of a language tag ("zh_tw" → "zh-TW", "zho" → "zh", "yue-Hant" → "zh-yue-Hant"), or
 * null when it is not one whose language is known ("English", "cn", "jp", "123", "").
 */
export function languageTag(value: string | null | undefined): string | null {
  if (!value) return null;
  // Every article of a source carries the same few values; Intl's canonicalization costs ~3 µs a call.
  let tag = known.get(value);
  if (tag === undefined) {
    tag = canonicalTag(value);
    if (known.size >= 1000) known.clear();
    known.set(value, tag);
  }
  return tag;
}

const known = new Map<string, string | null>();

function canonicalTag(value: string): string | null {
  let raw = value?.trim().replaceAll("_", "-");
  if (!raw) return null;
  // ICU does not take the extlang form itself ("zh-yue"): canonicalize the language it names.
  const extlang = /^zh-([a-z]{3})(?=-|$)/i.exec(raw);
  if (extlang && ZH_EXTLANG.has(extlang[1]!.toLowerCase())) raw = raw.slice(3);
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(raw)[0]!;
  } catch {
    return null;
  }
  const [primary = "", ...rest] = canonical.split("-");
  if (ZH_EXTLANG.has(primary)) return ["zh", primary, ...rest].join("-");
  if (primary.length !== 2 && primary.length !== 3) return null;
  try {
    return languageNames.of(primary) ? canonical : null;
  } catch {
    return null;
  }
}
