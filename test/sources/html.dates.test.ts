import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/normalize/index.js";
import { extractDetail, extractList } from "../../src/sources/html/index.js";

// The date text of a list entry or detail page is an info line with other labelled fields; the date is
// the part that reads as one, wherever it stands, with its time (full-width digits included). Selected
// text has its whitespace collapsed (U+3000 too).

const now = new Date("2024-03-15T04:00:00.000Z");
const SH = "Asia/Shanghai";

type Row = [selected: string, raw: string, instant: string | null];

const rows: Row[] = [
  ["２０１９－０５－３０　１４：３０", "２０１９－０５－３０ １４：３０", "2019-05-30T06:30:00.000Z"],
  ["来源：市公安局 发布时间：2019-05-30 14:30", "发布时间：2019-05-30 14:30", "2019-05-30T06:30:00.000Z"],
  [
    "来源：市公安局　发布时间：2019-05-30 14:30　浏览次数：12",
    "发布时间：2019-05-30 14:30",
    "2019-05-30T06:30:00.000Z",
  ],
  ["发 布 日 期：2019-05-30", "发 布 日 期：2019-05-30", "2019-05-29T16:00:00.000Z"],
  ["Last updated: 2019-05-30", "Last updated: 2019-05-30", "2019-05-29T16:00:00.000Z"],
  ["Posted by: admin Date: May 30, 2019 2:30 PM", "Date: May 30, 2019 2:30 PM", "2019-05-30T06:30:00.000Z"],
  ["发布时间：2019-05-30 14:30 来源：市公安局", "发布时间：2019-05-30 14:30", "2019-05-30T06:30:00.000Z"],
  ["日期：2019-05-30 14:30 点击：12", "日期：2019-05-30 14:30", "2019-05-30T06:30:00.000Z"],
  ["2019-05-30 14:30 来源：市公安局", "2019-05-30 14:30", "2019-05-30T06:30:00.000Z"],
  ["[05-28] 浏览：3", "[05-28]", "2023-05-27T16:00:00.000Z"],
  [
    "发布时间：２０１９年５月３０日　１４：３０　来源：市政府",
    "发布时间：２０１９年５月３０日 １４：３０",
    "2019-05-30T06:30:00.000Z",
  ],
  ["來源：市政府 發布日期：108-05-30", "發布日期：108-05-30", "2019-05-29T16:00:00.000Z"],
  // no date in it: kept whole, unparsed
  ["浏览次数：12 来源：市公安局", "浏览次数：12 来源：市公安局", null],
];

describe("html date text", () => {
  it.each(rows)("list date %j → %j → %s", (selected, raw, instant) => {
    const html = `<ul><li><a href="1.html">A</a><span class="date">${selected}</span></li></ul>`;
    const { items } = extractList(html, "https://x.example/", {
      item: "li",
      title: "a",
      date: "span.date",
      maxPages: 1,
    });
    expect(items[0]?.published).toBe(raw);
    expect(parseDate(raw, { timezone: SH, now })?.toISOString() ?? null).toBe(instant);
  });

  it.each(rows)("detail date %j → %j", (selected, raw) => {
    const page = `<html><body><h1>A</h1><p class="info">${selected}</p><div id="zoom">x</div></body></html>`;
    expect(
      extractDetail(page, "https://x.example/1.html", { content: "#zoom", date: ".info" }).published,
    ).toBe(raw);
  });
});
