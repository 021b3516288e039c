import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../bench/lib/prng.mjs";
import { parseCommonDate } from "../../src/normalize/dates/common.js";
import { parseDate } from "../../src/normalize/index.js";

// parseCommonDate is a fast path in front of the general date parsers: on every input it takes, parseDate
// must answer exactly what the general parsers answer. A leading space sends the same date down the
// general path (the clean-up trims it; the fast path only takes exact forms), so the two can be compared.

const now = new Date("2024-03-15T04:00:00.000Z");
const ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin"];
const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
const WEEKDAYS = "Mon Tue Wed Thu Fri Sat Sun".split(" ");

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("parseCommonDate", () => {
  it("takes the RSS and Atom forms and leaves other spellings to the general parsers", () => {
    expect(parseCommonDate("Sun, 01 Jun 2025 08:00:00 GMT")).toMatchObject({
      year: 2025,
      month: 6,
      day: 1,
      hour: 8,
      offsetMinutes: 0,
    });
    expect(parseCommonDate("2025-06-01T07:58:59.250+08:00")).toMatchObject({
      month: 6,
      second: 59,
      millisecond: 250,
      offsetMinutes: 480,
    });
    expect(parseCommonDate("2025-06-01T07:58:59")?.offsetMinutes).toBeUndefined();
    for (const other of [
      " Sun, 01 Jun 2025 08:00:00 GMT",
      "Sun, 01 Jun 2025 08:00:00 CST",
      "sun, 01 jun 2025 08:00:00 gmt",
      "2025-06-01 07:58:59Z",
      "2025-06-01T07:58:59+15:00",
      "Sun, 01 Jun 2025 08:00:00 +1500",
      "2025年6月1日",
    ]) {
      expect(parseCommonDate(other), other).toBeUndefined();
    }
  });

  it("agrees with the general parsers on random RFC 822 and RFC 3339 dates, valid or not", () => {
    const random = mulberry32(822_3339);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const num = (max: number, width: number) => String(Math.floor(random() * max)).padStart(width, "0");
    const zone = (colon: boolean) => {
      const r = random();
      if (r < 0.2) return colon ? "Z" : pick(["GMT", "UT", "UTC"]);
      return `${pick(["+", "-"])}${num(17, 2)}${colon ? ":" : ""}${pick(["00", "30", "45", num(70, 2)])}`;
    };
    let taken = 0;
    for (let i = 0; i < 3000; i++) {
      const year = pick(["2025", "2024", "1999", "0000", "0999", num(10000, 4)]);
      const seconds = random() < 0.2 ? "" : `:${num(62, 2)}`;
      const input =
        random() < 0.5
          ? `${random() < 0.8 ? `${pick(WEEKDAYS)}, ` : ""}${num(33, random() < 0.5 ? 1 : 2)} ${pick(MONTHS)} ${year} ${num(26, 2)}:${num(61, 2)}${seconds} ${zone(false)}`
          : `${year}-${num(14, 2)}-${num(33, 2)}T${num(26, 2)}:${num(61, 2)}${seconds}${seconds && random() < 0.5 ? `.${num(1000, 1 + Math.floor(random() * 3))}` : ""}${random() < 0.2 ? "" : zone(true)}`;
      if (parseCommonDate(input)) taken++;
      for (const timezone of [pick(ZONES)]) {
        const opts = { timezone, now };
        expect(iso(parseDate(input, opts)), input).toBe(iso(parseDate(` ${input}`, opts)));
      }
    }
    // Most generated inputs are in the fast path's forms: the comparison is not vacuous.
    expect(taken).toBeGreaterThan(2000);
  });
});
