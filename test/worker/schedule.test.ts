import { describe, expect, it } from "vitest";
import { scheduleIntervalMinutes, validateSchedule } from "../../src/worker/schedule.js";

describe("validateSchedule", () => {
  it("accepts 5- and 6-field expressions and names what is wrong otherwise", () => {
    expect(validateSchedule("*/30 * * * *")).toBeNull();
    expect(validateSchedule("* * * * * *")).toBeNull();
    expect(validateSchedule("0 6 * * MON-FRI")).toBeNull();
    expect(validateSchedule("every hour")).toMatch(/5 or 6 fields|illegal/);
    expect(validateSchedule("0 25 * * *")).toMatch(/25 .*hour/);
    expect(validateSchedule("70 * * * *")).toMatch(/70 .*minute/);
  });
});

describe("scheduleIntervalMinutes", () => {
  it.each([
    ["*/30 * * * *", 30],
    ["0 * * * *", 60],
    ["0 6 * * *", 1440],
    ["0 */2 * * *", 120],
    ["5,35 * * * *", 30],
    ["*/15 9-17 * * *", 15],
    ["0 9 * * 1", 10080],
    ["0 9 * * 1-5", 1440],
    ["* * * * * *", 1],
    ["*/10 * * * * *", 1],
    ["0 0 1 * *", null],
    ["0 0 * 6 *", null],
    ["not cron", null],
  ])("%s → %s", (expression, minutes) => {
    expect(scheduleIntervalMinutes(expression)).toBe(minutes);
  });
});
