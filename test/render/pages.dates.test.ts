import { describe, expect, it } from "vitest";
import { formatLocalDate, formatLocalDateTime } from "../../src/render/pages/formatLocalDate.js";

describe("formatLocalDate", () => {
  it.each([
    // Late evening UTC is already the next day in East Asia.
    ["2019-05-30T16:30:00Z", "zh-Hans", "Asia/Shanghai", "2019年5月31日"],
    ["2019-05-30T16:30:00Z", "zh-CN", "Asia/Shanghai", "2019年5月31日"],
    ["2019-05-30T16:30:00Z", "zh-Hant", "Asia/Taipei", "2019年5月31日"],
    ["2019-05-30T16:30:00Z", "ja", "Asia/Tokyo", "2019年5月31日"],
    ["2019-05-30T16:30:00Z", "ko", "Asia/Seoul", "2019년 5월 31일"],
    ["2019-05-30T16:30:00Z", "en", "UTC", "30 May 2019"],
    ["2019-05-30T16:30:00Z", "en", "Asia/Shanghai", "31 May 2019"],
    ["2019-05-31T02:00:00Z", "en", "America/New_York", "30 May 2019"],
    ["2019-05-30T16:30:00Z", "en-US", "UTC", "May 30, 2019"],
    ["2019-05-30T16:30:00Z", "de", "Europe/Berlin", "30. Mai 2019"],
    ["2019-05-30T16:30:00Z", "zh-Hans", "UTC", "2019年5月30日"],
  ])("%s in %s / %s is %s", (iso, language, zone, expected) => {
    expect(formatLocalDate(iso, language, zone)).toEqual({
      datetime: new Date(iso).toISOString(),
      text: expected,
    });
  });

  it("adds the local time for the health table", () => {
    expect(formatLocalDateTime("2019-05-30T16:30:00Z", "zh-Hans", "Asia/Shanghai")?.text).toBe(
      "2019年5月31日 00:30",
    );
  });

  it("returns null for missing or unparsable dates and survives a malformed language tag", () => {
    expect(formatLocalDate(null, "en", "UTC")).toBeNull();
    expect(formatLocalDate("not a date", "en", "UTC")).toBeNull();
    expect(formatLocalDate("2019-05-30T16:30:00Z", "not a tag!", "UTC")?.text).toBe("30 May 2019");
  });
});
