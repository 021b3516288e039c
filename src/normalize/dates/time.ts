import type { TimeOfDay } from "./types.js";

// Time-of-day tails: "14:30", "14:30:15.250", "2:30 pm", "下午2:30", "下午2点半", "14时30分", "오후 2시 30분".

const PM = new Set(["下午", "晚上", "傍晚", "夜里", "夜裡", "夜间", "夜間", "午後", "오후", "pm", "p.m."]);
const AM = new Set(["上午", "凌晨", "早上", "早晨", "清晨", "午前", "오전", "am", "a.m."]);
const NOON = new Set(["中午"]);
/** Night words: twelve o'clock with them is midnight at the end of the day (晚上12点 = 24:00), not noon. */
const NIGHT = new Set(["晚上", "夜里", "夜裡", "夜间", "夜間"]);

const MERIDIEM =
  "上午|下午|晚上|凌晨|中午|早上|早晨|清晨|傍晚|夜里|夜裡|夜间|夜間|午前|午後|오전|오후|am|pm|a\\.m\\.|p\\.m\\.";
const COLON_FORM = new RegExp(
  `^(${MERIDIEM})?\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*(${MERIDIEM})?$`,
  "iu",
);
const UNIT_FORM = new RegExp(
  `^(${MERIDIEM})?\\s*(\\d{1,2})\\s*[时時点點시]\\s*(?:(半)|(\\d{1,2})\\s*[分분]?)?\\s*(?:(\\d{1,2})\\s*[秒초])?\\s*整?$`,
  "iu",
);
const HOUR_MERIDIEM_FORM = /^(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)$/i;

/** The hour on a 24-hour clock; 24 only for 晚上12点 (resolveParts moves it to the next day's 00). */
function applyMeridiem(hour: number, meridiem: string | undefined): number | null {
  if (hour > 23) return null;
  if (!meridiem) return hour;
  const m = meridiem.toLowerCase();
  if (NIGHT.has(m) && hour === 12) return 24;
  if (PM.has(m)) return hour < 12 ? hour + 12 : hour;
  if (NOON.has(m)) return hour < 11 ? hour + 12 : hour;
  if (AM.has(m)) return hour === 12 ? 0 : hour;
  return hour;
}

function hourOfDay(hour: number): Pick<TimeOfDay, "hour" | "endOfDay"> {
  return hour === 24 ? { hour, endOfDay: true } : { hour };
}

/** Parses a time-of-day tail; "" is midnight; null when the text is not a time. */
export function parseTimeOfDay(text: string): TimeOfDay | null {
  // "14:30 Uhr", and Spanish and French "14:30 h": the word for hours, not a zone.
  const s = text
    .trim()
    .replace(/^(?:at|um|à|a las|a la)\s+/i, "")
    .replace(/(\d)\s*(?:uhr|h)$/i, "$1");
  if (s === "") return { hour: 0, minute: 0, second: 0, millisecond: 0 };
  const colon = COLON_FORM.exec(s);
  if (colon) {
    const hour = applyMeridiem(Number(colon[2]), colon[1] ?? colon[6]);
    if (hour === null) return null;
    return {
      ...hourOfDay(hour),
      minute: Number(colon[3]),
      second: Number(colon[4] ?? 0),
      millisecond: colon[5] ? Math.floor(Number(`0.${colon[5]}`) * 1000) : 0,
    };
  }
  const unit = UNIT_FORM.exec(s);
  if (unit) {
    const hour = applyMeridiem(Number(unit[2]), unit[1]);
    if (hour === null) return null;
    return {
      ...hourOfDay(hour),
      minute: unit[3] ? 30 : Number(unit[4] ?? 0),
      second: Number(unit[5] ?? 0),
      millisecond: 0,
    };
  }
  const bare = HOUR_MERIDIEM_FORM.exec(s);
  if (bare) {
    const hour = applyMeridiem(Number(bare[1]), bare[2]);
    return hour === null ? null : { hour, minute: 0, second: 0, millisecond: 0 };
  }
  return null;
}
