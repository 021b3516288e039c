import { describe, expect, it } from "vitest";
import { type WallTime, wallTimeIn, wallTimeToInstant } from "../../src/normalize/dates/zone.js";
import { parseDate } from "../../src/normalize/index.js";

// Zone-less dates around DST changes resolve as Temporal's "compatible" disambiguation (and browsers'
// `new Date(y, m, d, h, mi)`): a skipped wall time moves forward by the gap, a repeated one is the earlier
// instant. A date-only notice is then always on its own day, even where the change skips midnight.

const now = new Date("2027-01-01T00:00:00Z");

type Row = [zone: string, input: string, expected: string, why: string];

const gaps: Row[] = [
  [
    "America/Santiago",
    "2026-09-06",
    "2026-09-06T04:00:00.000Z",
    "midnight skipped: 01:00 -03, not 23:00 the day before",
  ],
  ["America/Santiago", "2026-09-06 00:30", "2026-09-06T04:30:00.000Z", "01:30 -03"],
  ["America/New_York", "2026-03-08 02:30", "2026-03-08T07:30:00.000Z", "03:30 EDT"],
  [
    "America/New_York",
    "2026-03-08 02:00",
    "2026-03-08T07:00:00.000Z",
    "03:00 EDT, the first instant after the gap",
  ],
  ["Europe/London", "2026-03-29 01:30", "2026-03-29T01:30:00.000Z", "02:30 BST"],
  [
    "Asia/Tehran",
    "2021-03-22",
    "2021-03-21T20:30:00.000Z",
    "midnight skipped (Iran's DST until 2022): 01:00 +0430",
  ],
  ["Australia/Lord_Howe", "2026-10-04 02:15", "2026-10-03T15:45:00.000Z", "a 30-minute gap: 02:45 +11"],
];

const overlaps: Row[] = [
  ["America/Santiago", "2026-04-04 23:30", "2026-04-05T02:30:00.000Z", "the first 23:30, at -03"],
  ["America/New_York", "2026-11-01 01:30", "2026-11-01T05:30:00.000Z", "01:30 EDT, not EST"],
  ["Europe/London", "2026-10-25 01:30", "2026-10-25T00:30:00.000Z", "01:30 BST, not GMT"],
  ["Asia/Tehran", "2021-09-21 23:30", "2021-09-21T19:00:00.000Z", "23:30 +0430, not +0330"],
  ["Australia/Lord_Howe", "2026-04-05 01:45", "2026-04-04T14:45:00.000Z", "01:45 +11, not +1030"],
];

const ordinary: Row[] = [
  ["America/Santiago", "2026-09-05", "2026-09-05T04:00:00.000Z", "the day before the change"],
  ["America/New_York", "2026-07-01 12:00", "2026-07-01T16:00:00.000Z", "summer"],
  ["Europe/London", "2026-03-29 02:30", "2026-03-29T01:30:00.000Z", "just after the gap"],
  ["Europe/London", "2026-10-25 02:00", "2026-10-25T02:00:00.000Z", "just after the overlap"],
  ["Australia/Lord_Howe", "2026-04-05 02:00", "2026-04-04T15:30:00.000Z", "just after the overlap"],
  ["Asia/Shanghai", "2019-05-30 14:30", "2019-05-30T06:30:00.000Z", "no DST"],
];

describe("zone-less dates at DST changes", () => {
  it.each([...gaps, ...overlaps, ...ordinary])("%s %s → %s (%s)", (zone, input, expected) => {
    expect(parseDate(input, { timezone: zone, now })?.toISOString()).toBe(expected);
  });

  it("maps every wall time of a change day to an instant showing it, or in a gap to the time the gap later", () => {
    const days: [zone: string, date: string, gapMinutes: number][] = [
      ["America/Santiago", "2026-09-05", 0],
      ["America/Santiago", "2026-09-06", 60],
      ["America/Santiago", "2026-04-04", 0],
      ["America/New_York", "2026-03-08", 60],
      ["America/New_York", "2026-11-01", 0],
      ["Europe/London", "2026-03-29", 60],
      ["Europe/London", "2026-10-25", 0],
      ["Asia/Tehran", "2021-03-22", 60],
      ["Asia/Tehran", "2021-09-21", 0],
      ["Australia/Lord_Howe", "2026-10-04", 30],
      ["Australia/Lord_Howe", "2026-04-05", 0],
    ];
    const asMinutes = (t: WallTime) => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) / 60_000;
    for (const [zone, date, gap] of days) {
      const [year, month, day] = date.split("-").map(Number) as [number, number, number];
      const drifts = new Set<number>();
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const wall = {
          year,
          month,
          day,
          hour: Math.floor(minutes / 60),
          minute: minutes % 60,
          second: 0,
          millisecond: 0,
        };
        const instant = wallTimeToInstant(wall, zone);
        const drift = asMinutes(wallTimeIn(new Date(instant), zone)) - asMinutes(wall);
        expect([0, gap], `${zone} ${date} +${minutes}min`).toContain(drift);
        drifts.add(drift);
        // In an overlap the earlier instant: an hour or half before, the clock showed another time.
        if (drift === 0)
          expect(asMinutes(wallTimeIn(new Date(instant - 3_600_000), zone))).toBeLessThan(asMinutes(wall));
      }
      expect(drifts.has(gap), `${zone} ${date} has a gap of ${gap} minutes`).toBe(true);
    }
  });
});
