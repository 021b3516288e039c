import { parseDate } from "../../normalize/dates/index.js";
import { isPublicationLabel, labelledParts } from "../../normalize/dates/labelled.js";

/**
 * The date in a line of labelled fields — "来源：市公安局 发布时间：2019-05-30 14:30 浏览次数：12" →
 * "发布时间：2019-05-30 14:30" — so normalize sees only the date (it strips the leading label itself): the
 * first part labelled as the publication date (`发布日期`, not `成文日期` or `更新时间`) that reads as a
 * date, else the first part that reads as one, wherever it stands. A line with none is kept whole.
 */
export function trimDateNoise(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  // Only whether a part is a date matters here, not its instant: any zone and reference time do.
  const opts = { timezone: "UTC", now: new Date() };
  const dates = labelledParts(trimmed).filter((part) => parseDate(part.text, opts) !== null);
  return (dates.find((part) => isPublicationLabel(part.label)) ?? dates[0])?.text ?? trimmed;
}

const DAY_MS = 86_400_000;
/** Two reference times this far apart tell the date forms apart (not a whole number of years). */
const PROBE_SHIFT_MS = 1000 * DAY_MS;

/**
 * The item's date once its detail page is read. The detail date refines the list's rather than replacing
 * it blindly: a full date (or a relative one, which counts from the fetch) is taken as it is; a year-less
 * one ("05-30 14:30") takes its year from the list date when it falls on about the list's day; one that
 * does not parse ("2019年5月", a bare label) leaves the list's. Zone-less dates stay zone-less, so
 * normalize reads them in the source's zone.
 */
export function refineDate(listDate: string | undefined, detailDate: string | undefined, now: Date) {
  if (!detailDate) return listDate;
  if (!listDate) return detailDate;
  // Parsed in UTC throughout: only the form and the wall-clock fields matter here, not the instant.
  const at = (text: string, reference: Date, timezone = "UTC") =>
    parseDate(text, { timezone, now: reference });
  const detailForm = formOf(detailDate, now);
  if (detailForm === null) return listDate;
  if (detailForm !== "year-less") return detailDate;
  // Year-less: the latest such day not after the list's day (a day's slack for zones).
  const list = at(listDate, now);
  if (!list) return detailDate;
  const reference = new Date(list.getTime() + DAY_MS);
  const refined = at(detailDate, reference);
  // Days away from the list's day, it is some other date on the page: the list's stands.
  if (!refined || Math.abs(refined.getTime() - list.getTime()) > 2 * DAY_MS) return listDate;
  // A year-less list date ("06-15") has no year to give: its year is the latest not after the fetch, in
  // the source's zone, which normalize finds for the detail date as it would for the list's. (Read here in
  // UTC, "06-15" fetched at 01:00 on 06-15 in Shanghai, still 06-14 in UTC, went back a year.)
  if (formOf(listDate, now) === "year-less") return detailDate;
  // "05-30 14:30 +0800" names its zone: the instant is exact. Otherwise its wall time, zone-less.
  const zoned = at(detailDate, reference, "Asia/Tokyo")?.getTime() === refined.getTime();
  return zoned ? refined.toISOString() : refined.toISOString().slice(0, 19).replace("T", " ");
}

/**
 * Whether a date reads the same whatever the reference time ("full"), moves with it ("relative",
 * `3小时前`) or moves by whole years ("year-less", `05-30`); null when it does not parse.
 */
function formOf(text: string, now: Date): "full" | "relative" | "year-less" | null {
  const probe = parseDate(text, { timezone: "UTC", now });
  const earlier = parseDate(text, { timezone: "UTC", now: new Date(now.getTime() - PROBE_SHIFT_MS) });
  if (!probe || !earlier) return null;
  const shift = probe.getTime() - earlier.getTime();
  return shift === 0 ? "full" : shift === PROBE_SHIFT_MS ? "relative" : "year-less";
}
