import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/normalize/index.js";
import { extractDetail, extractList, mergeDetail } from "../../src/sources/html/index.js";

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
  // the publication date wins over other dates on the line (drafting, update, index numbers)
  [
    "成文日期：2024-05-20 发布日期：2024-05-30 10:00",
    "发布日期：2024-05-30 10:00",
    "2024-05-30T02:00:00.000Z",
  ],
  [
    "更新时间：2024-06-02 发布时间：2024-05-27 09:00",
    "发布时间：2024-05-27 09:00",
    "2024-05-27T01:00:00.000Z",
  ],
  [
    "索引号：11440100MB2C9/2024-00123 发布日期：2024-05-28",
    "发布日期：2024-05-28",
    "2024-05-27T16:00:00.000Z",
  ],
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

describe("a gov.cn metadata table as the detail date", () => {
  it("takes 发布日期, not the 成文日期 before it, and the list's date does not hide it", () => {
    const page = `<table class="bd1"><tr><td>索 引 号：</td><td>000014349/2024-00052</td></tr>
      <tr><td>发文机关：</td><td>国务院办公厅</td><td>成文日期：</td><td>2024年05月20日</td></tr>
      <tr><td>发文字号：</td><td>国办发〔2024〕23号</td><td>发布日期：</td><td>2024年05月30日</td></tr></table>
      <div id="zoom"><p>正文。</p></div>`;
    const raw = extractDetail(page, "https://x.example/1.html", { content: "#zoom", date: ".bd1" }).published;
    expect(parseDate(raw ?? "", { timezone: SH, now })?.toISOString()).toBe("2024-05-29T16:00:00.000Z");
  });
});

describe("a year-less detail date on a year-less list date", () => {
  // The list shows "06-15", the page "发布时间：06-15 00:30"; the year is the latest not after the fetch, in
  // the source's zone, also while UTC is still on the day before (00:00-08:00 in Shanghai) and at New Year.
  const rows: [list: string, detail: string, fetched: string, expected: string][] = [
    ["06-15", "发布时间：06-15 00:30", "2025-06-14T17:00:00Z", "2025-06-14T16:30:00.000Z"],
    ["06-15", "发布时间：06-15 00:30", "2025-06-15T02:00:00Z", "2025-06-14T16:30:00.000Z"],
    ["[01-01]", "01-01 00:20", "2024-12-31T16:30:00Z", "2024-12-31T16:20:00.000Z"],
    ["01-01", "12-31 23:50", "2024-12-31T16:30:00Z", "2024-12-31T15:50:00.000Z"],
    ["06-15", "06-15 00:30 +0800", "2025-06-14T17:00:00Z", "2025-06-14T16:30:00.000Z"],
  ];
  it.each(rows)("list %j, detail %j, fetched %s → %s", (list, detail, fetched, expected) => {
    const now = new Date(fetched);
    const merged = mergeDetail(
      { link: "https://x.example/1.html", published: list },
      { published: detail },
      now,
    );
    expect(parseDate(merged.published ?? "", { timezone: SH, now })?.toISOString()).toBe(expected);
  });
});
