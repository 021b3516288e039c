// The order a language writes a numeric date in, as CLDR (Node's ICU) has it: en-US 6/5/2019, en-GB
// 05/06/2019, zh-HK 5/6/2019 (day first), ja 2019/06/05. It decides an ambiguous slash date.

export type DayOrder = "dmy" | "mdy" | "ymd";

const orders = new Map<string, DayOrder>();
const SAMPLE = new Date(Date.UTC(2019, 5, 5, 12));

/** The order `language` (a BCP 47 tag) writes day, month and year in; month first when unknown. */
export function dayOrder(language: string | null | undefined): DayOrder {
  if (!language) return "mdy";
  let order = orders.get(language);
  if (order === undefined) {
    order = orderOf(language);
    orders.set(language, order);
  }
  return order;
}

function orderOf(language: string): DayOrder {
  try {
    const types = new Intl.DateTimeFormat(language, { timeZone: "UTC", dateStyle: "short" })
      .formatToParts(SAMPLE)
      .map((part) => part.type);
    const [day, month, year] = [types.indexOf("day"), types.indexOf("month"), types.indexOf("year")];
    if (day < 0 || month < 0) return "mdy";
    if (year >= 0 && year < month) return "ymd";
    return day < month ? "dmy" : "mdy";
  } catch {
    return "mdy";
  }
}
