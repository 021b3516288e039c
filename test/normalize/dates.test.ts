import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/normalize/index.js";

// Fetch time for every row: 2024-03-15 12:00 in Shanghai (04:00 UTC).
const now = new Date("2024-03-15T04:00:00.000Z");
const SH = "Asia/Shanghai";

type Row = [input: string, timezone: string, expected: string | null];

const rfcAndIso: Row[] = [
  // RFC 822 / 1123 / 2822 with every named zone
  ["Thu, 30 May 2019 14:00:00 GMT", SH, "2019-05-30T14:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 +0000", SH, "2019-05-30T14:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 UT", SH, "2019-05-30T14:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 UTC", SH, "2019-05-30T14:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 Z", SH, "2019-05-30T14:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 EST", SH, "2019-05-30T19:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 EDT", SH, "2019-05-30T18:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 CST", "America/Chicago", "2019-05-30T20:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 CDT", SH, "2019-05-30T19:00:00.000Z"],
  // CST from a UTC+8 source is China Standard Time (Java's Date.toString), elsewhere US Central
  ["Thu May 30 14:00:00 CST 2019", SH, "2019-05-30T06:00:00.000Z"],
  ["Thu May 30 14:00:00 CST 2019", "UTC", "2019-05-30T20:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 MST", SH, "2019-05-30T21:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 MDT", SH, "2019-05-30T20:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 PST", SH, "2019-05-30T22:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 PDT", SH, "2019-05-30T21:00:00.000Z"],
  // military letters other than Z: RFC 822 gave them the wrong sign, RFC 5322 §4.3 says "unknown": unparsed
  ["Thu, 30 May 2019 14:00:00 A", SH, null],
  ["Thu, 30 May 2019 14:00:00 N", SH, null],
  ["Thu, 30 May 2019 14:00:00 M", SH, null],
  ["Thu, 30 May 2019 14:00:00 Y", SH, null],
  // numeric offsets
  ["Thu, 30 May 2019 14:00:00 +0800", SH, "2019-05-30T06:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 +08:00", SH, "2019-05-30T06:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 -0330", SH, "2019-05-30T17:30:00.000Z"],
  ["30 May 2019 14:00:00 GMT+0800", SH, "2019-05-30T06:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 -0700 (PDT)", SH, "2019-05-30T21:00:00.000Z"],
  // missing parts, sloppy spacing, case, two-digit years
  ["Thu, 30 May 2019 14:00 GMT", SH, "2019-05-30T14:00:00.000Z"],
  ["30 May 2019 14:00:00 GMT", SH, "2019-05-30T14:00:00.000Z"],
  ["Thu 30 May 2019 14:00:00 GMT", SH, "2019-05-30T14:00:00.000Z"],
  ["Thu,, 30  May 2019   14:00:00 GMT", SH, "2019-05-30T14:00:00.000Z"],
  ["  thu, 30 may 2019 14:00:00 gmt ", SH, "2019-05-30T14:00:00.000Z"],
  ["THU, 30 MAY 2019 14:00:00 GMT", SH, "2019-05-30T14:00:00.000Z"],
  ["Thu, 30 May 19 14:00:00 GMT", SH, "2019-05-30T14:00:00.000Z"],
  ["Sun, 30 May 99 14:00:00 GMT", SH, "1999-05-30T14:00:00.000Z"],
  ["Thursday, 30-May-19 14:00:00 GMT", SH, "2019-05-30T14:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00.250 GMT", SH, "2019-05-30T14:00:00.250Z"],
  ["Thu May 30 14:00:00 2019", SH, "2019-05-30T06:00:00.000Z"],
  ["May 30, 2019 2:30 PM", "America/New_York", "2019-05-30T18:30:00.000Z"],
  ["Thu, 30 May 2019 14:00:00", "UTC", "2019-05-30T14:00:00.000Z"],
  ["Thu, 30 May 2019 14:00:00", "America/New_York", "2019-05-30T18:00:00.000Z"],
  // other languages
  ["Do, 30 Mai 2019 14:00:00 +0200", SH, "2019-05-30T12:00:00.000Z"],
  ["Donnerstag, 30. Mai 2019 14:00 Uhr", "Europe/Berlin", "2019-05-30T12:00:00.000Z"],
  ["Mo, 02 Dez 2019 09:15:00 +0100", SH, "2019-12-02T08:15:00.000Z"],
  ["jeu., 30 mai 2019 14:00:00 +0200", SH, "2019-05-30T12:00:00.000Z"],
  ["jeudi 30 mai 2019 14h00", "Europe/Paris", "2019-05-30T12:00:00.000Z"],
  ["mer, 14 févr. 2024 10:00:00 GMT", SH, "2024-02-14T10:00:00.000Z"],
  ["mar, 12 mar 2019 10:00:00 GMT", SH, "2019-03-12T10:00:00.000Z"],
  ["jue, 30 may 2019 14:00:00 GMT", SH, "2019-05-30T14:00:00.000Z"],
  ["30 de mayo de 2019", "Europe/Madrid", "2019-05-29T22:00:00.000Z"],
  ["miércoles, 4 dic 2019 08:00:00 +0100", SH, "2019-12-04T07:00:00.000Z"],
  // ISO 8601 / RFC 3339
  ["2019-05-30T14:00:00Z", SH, "2019-05-30T14:00:00.000Z"],
  ["2019-05-30t14:00:00z", SH, "2019-05-30T14:00:00.000Z"],
  ["2019-05-30T14:00:00+08:00", SH, "2019-05-30T06:00:00.000Z"],
  ["2019-05-30T14:00:00-05:00", SH, "2019-05-30T19:00:00.000Z"],
  ["2019-05-30T14:00:00.123456+08:00", SH, "2019-05-30T06:00:00.123Z"],
  ["2019-05-30T14:00Z", SH, "2019-05-30T14:00:00.000Z"],
  ["2019-05-30T14:00:00", SH, "2019-05-30T06:00:00.000Z"],
  ["2019-05-30 14:00", SH, "2019-05-30T06:00:00.000Z"],
  ["2019-05-30 14:00:00 +0800", SH, "2019-05-30T06:00:00.000Z"],
  ["2019-05-30", SH, "2019-05-29T16:00:00.000Z"],
  ["2019-05-30", "UTC", "2019-05-30T00:00:00.000Z"],
  ["2019/5/30", SH, "2019-05-29T16:00:00.000Z"],
  ["2019.05.30", SH, "2019-05-29T16:00:00.000Z"],
  ["20190530", SH, "2019-05-29T16:00:00.000Z"],
  ["20190530T140000Z", SH, "2019-05-30T14:00:00.000Z"],
  ["2019-11-03T12:00:00", "America/New_York", "2019-11-03T17:00:00.000Z"],
  ["2019-07-01T12:00:00", "Europe/London", "2019-07-01T11:00:00.000Z"],
  ["30.05.2019", "Europe/Berlin", "2019-05-29T22:00:00.000Z"],
  ["30/05/2019", "UTC", "2019-05-30T00:00:00.000Z"],
  ["05/30/2019", "UTC", "2019-05-30T00:00:00.000Z"],
];

const cjkAndNumeric: Row[] = [
  ["2019年5月30日", SH, "2019-05-29T16:00:00.000Z"],
  ["2019年05月30日", SH, "2019-05-29T16:00:00.000Z"],
  ["2019年05月30日 14:30", SH, "2019-05-30T06:30:00.000Z"],
  ["2019年5月30日14:30", SH, "2019-05-30T06:30:00.000Z"],
  ["2019年5月30日 14:30:15", SH, "2019-05-30T06:30:15.000Z"],
  ["2019年5月30日 下午2:30", SH, "2019-05-30T06:30:00.000Z"],
  ["2019年5月30日 上午9:05", SH, "2019-05-30T01:05:00.000Z"],
  ["2019年5月30日 晚上8:00", SH, "2019-05-30T12:00:00.000Z"],
  ["2019年5月30日 凌晨1:05", SH, "2019-05-29T17:05:00.000Z"],
  ["2019年5月30日 中午12:30", SH, "2019-05-30T04:30:00.000Z"],
  ["2019年5月30日 中午1点", SH, "2019-05-30T05:00:00.000Z"],
  ["2019年5月30日 下午2点30分", SH, "2019-05-30T06:30:00.000Z"],
  ["2019年5月30日 14时30分", SH, "2019-05-30T06:30:00.000Z"],
  ["2019年5月30日 下午3点半", SH, "2019-05-30T07:30:00.000Z"],
  ["２０１９年５月３０日", SH, "2019-05-29T16:00:00.000Z"],
  ["２０１９－０５－３０　１４：３０", SH, "2019-05-30T06:30:00.000Z"],
  ["2019年5月30号", SH, "2019-05-29T16:00:00.000Z"],
  ["19年5月30日", SH, "2019-05-29T16:00:00.000Z"],
  ["2019年5月30日（星期四）", SH, "2019-05-29T16:00:00.000Z"],
  ["2019年5月30日 星期四 14:30", SH, "2019-05-30T06:30:00.000Z"],
  ["2019年5月30日 (周四) 14:30", SH, "2019-05-30T06:30:00.000Z"],
  // a full date embedded in other words
  ["Posted by admin on 2019-05-30 14:30", SH, "2019-05-30T06:30:00.000Z"],
  ["发布时间：2019年5月30日 14:30 来源：市公安局", SH, "2019-05-30T06:30:00.000Z"],
  ["来源：市公安局 2019/05/30", SH, "2019-05-29T16:00:00.000Z"],
  ["发布时间：2019-05-30", SH, "2019-05-29T16:00:00.000Z"],
  ["發布日期:2019-05-30 14:30", SH, "2019-05-30T06:30:00.000Z"],
  ["发布时间：2019年5月30日 14:30", SH, "2019-05-30T06:30:00.000Z"],
  ["时间: 2019/05/30 14:30", SH, "2019-05-30T06:30:00.000Z"],
  ["2019.5.30 14:30", SH, "2019-05-30T06:30:00.000Z"],
  ["2019-05-30 下午2:30", SH, "2019-05-30T06:30:00.000Z"],
  ["二〇一九年五月三十日", SH, "2019-05-29T16:00:00.000Z"],
  ["二〇一九年十二月一日", SH, "2019-11-30T16:00:00.000Z"],
  ["2019年5月30日 北京时间 14:30", "UTC", "2019-05-30T06:30:00.000Z"],
  ["令和元年5月30日", "Asia/Tokyo", "2019-05-29T15:00:00.000Z"],
  ["平成31年4月30日", "Asia/Tokyo", "2019-04-29T15:00:00.000Z"],
  ["2019年5月30日(木)", "Asia/Tokyo", "2019-05-29T15:00:00.000Z"],
  ["2019년 5월 30일", "Asia/Seoul", "2019-05-29T15:00:00.000Z"],
  ["2019년 5월 30일 오후 2시 30분", "Asia/Seoul", "2019-05-30T05:30:00.000Z"],
  ["2019년 5월 30일 (목)", "Asia/Seoul", "2019-05-29T15:00:00.000Z"],
  // year-less: the latest such day not after now (2024-03-15 in Shanghai)
  ["[05-30]", SH, "2023-05-29T16:00:00.000Z"],
  ["05-30", SH, "2023-05-29T16:00:00.000Z"],
  ["5月30日", SH, "2023-05-29T16:00:00.000Z"],
  ["5/30", SH, "2023-05-29T16:00:00.000Z"],
  ["05-30 14:30", SH, "2023-05-30T06:30:00.000Z"],
  ["【03-15】", SH, "2024-03-14T16:00:00.000Z"],
  ["03-16", SH, "2023-03-15T16:00:00.000Z"],
  ["3月14日 18:00", SH, "2024-03-14T10:00:00.000Z"],
  ["12-31", SH, "2023-12-30T16:00:00.000Z"],
  ["02-29", SH, "2024-02-28T16:00:00.000Z"],
  // the day is judged in the source's zone: 03-15 has begun in Shanghai but not yet in Los Angeles
  ["03-15", "America/Los_Angeles", "2023-03-15T07:00:00.000Z"],
  // relative
  ["3小时前", SH, "2024-03-15T01:00:00.000Z"],
  ["3 小時前", SH, "2024-03-15T01:00:00.000Z"],
  ["5分钟前", SH, "2024-03-15T03:55:00.000Z"],
  ["5分鐘前", SH, "2024-03-15T03:55:00.000Z"],
  ["30秒前", SH, "2024-03-15T03:59:30.000Z"],
  ["刚刚", SH, "2024-03-15T04:00:00.000Z"],
  ["剛剛", SH, "2024-03-15T04:00:00.000Z"],
  ["昨天", SH, "2024-03-13T16:00:00.000Z"],
  ["昨天 14:30", SH, "2024-03-14T06:30:00.000Z"],
  ["前天", SH, "2024-03-12T16:00:00.000Z"],
  ["前天 09:00", SH, "2024-03-13T01:00:00.000Z"],
  ["今天 08:00", SH, "2024-03-15T00:00:00.000Z"],
  ["3天前", SH, "2024-03-12T04:00:00.000Z"],
  ["三天前", SH, "2024-03-12T04:00:00.000Z"],
  ["2周前", SH, "2024-03-01T04:00:00.000Z"],
  ["2 hours ago", SH, "2024-03-15T02:00:00.000Z"],
  ["an hour ago", SH, "2024-03-15T03:00:00.000Z"],
  ["5 minutes ago", SH, "2024-03-15T03:55:00.000Z"],
  ["yesterday", SH, "2024-03-13T16:00:00.000Z"],
  ["Yesterday 14:30", SH, "2024-03-14T06:30:00.000Z"],
  ["3시간 전", SH, "2024-03-15T01:00:00.000Z"],
  ["3時間前", SH, "2024-03-15T01:00:00.000Z"],
];

const garbage: Row[] = [
  ["", SH, null],
  ["   ", SH, null],
  ["garbage", SH, null],
  ["hello 2019", SH, null],
  ["5 apples", SH, null],
  ["12345", SH, null],
  ["not a date 3小时前", SH, null],
  ["tomorrow maybe", SH, null],
  ["Thu, 30 Foo 2019 14:00:00 GMT", SH, null],
  ["Thu, 30 May 2019 14:00:00 XYZ", SH, null],
  // out of range
  ["2019-13-01", SH, null],
  ["2019-02-30", SH, null],
  ["2019-02-29", SH, null],
  ["2019-05-30T25:00:00Z", SH, null],
  ["2019-05-30T14:60:00Z", SH, null],
  ["2019年2月30日", SH, null],
  ["2019年13月1日", SH, null],
  ["Thu, 31 Apr 2019 14:00:00 GMT", SH, null],
  ["13-01", SH, null],
  ["02-30", SH, null],
  ["2019年5月30日 25:00", SH, null],
  ["ticket 12019-05-301", SH, null],
  ["see 2019-02-30 here", SH, null],
];

// A zone written after a numeric or CJK date and time is part of it; a malformed offset is not ignored.
const zonesAfterTime: Row[] = [
  ["2019-05-30T14:30:00 EDT", SH, "2019-05-30T18:30:00.000Z"],
  ["2019-05-30 14:30 EST", SH, "2019-05-30T19:30:00.000Z"],
  ["2019-05-30 14:30:00 +0800 CST", "UTC", "2019-05-30T06:30:00.000Z"],
  ["2019-05-30 14:30:00 -0500 CST", SH, "2019-05-30T19:30:00.000Z"],
  ["2019-05-30 14:30 CST", SH, "2019-05-30T06:30:00.000Z"],
  ["2019-05-30 14:30 CST", "UTC", "2019-05-30T20:30:00.000Z"],
  ["2019-05-30T14:30:00+08:00 (Beijing)", "UTC", "2019-05-30T06:30:00.000Z"],
  ["2019-05-30 14:30 (EDT)", SH, "2019-05-30T18:30:00.000Z"],
  ["2019-05-30 14:30 北京时间", "UTC", "2019-05-30T06:30:00.000Z"],
  ["2019-05-30 14:30（北京時間）", "America/New_York", "2019-05-30T06:30:00.000Z"],
  ["北京时间：2019-05-30 14:30", "UTC", "2019-05-30T06:30:00.000Z"],
  ["北京时间 5月30日 14:30", "UTC", "2023-05-30T06:30:00.000Z"],
  ["2019-05-30 14:30 GMT+8", "UTC", "2019-05-30T06:30:00.000Z"],
  ["30.05.2019 14:30 MESZ", SH, "2019-05-30T12:30:00.000Z"],
  ["05-30 14:30 EDT", SH, "2023-05-30T18:30:00.000Z"],
  ["2019年5月30日 14:30 EDT", SH, "2019-05-30T18:30:00.000Z"],
  ["2019年5月30日 下午2:30 +09:00", SH, "2019-05-30T05:30:00.000Z"],
  ["Thu, 30 May 2019 14:00:00 +0800 CST", "UTC", "2019-05-30T06:00:00.000Z"],
  ["posted on 2019-05-30 14:30 EDT by admin", SH, "2019-05-30T18:30:00.000Z"],
  ["posted on 2019-05-30 14:30 in News", "UTC", "2019-05-30T14:30:00.000Z"],
  // a time range is not an offset: its start counts; with T, "-10:00" is ISO 8601's offset
  ["2019-05-30 09:00-12:00", "UTC", "2019-05-30T09:00:00.000Z"],
  ["会议时间：2019-05-30 14:30~16:00 地点：三楼", "UTC", "2019-05-30T14:30:00.000Z"],
  ["2019-05-30 14:30 -05:00", "UTC", "2019-05-30T19:30:00.000Z"],
  ["2019-05-30T09:00-10:00", "UTC", "2019-05-30T19:00:00.000Z"],
  // malformed offsets: unparsed (→ first seen), as on the RFC 822 path, never read in the source's zone
  ["2019-05-30T14:30:00+24:00", SH, null],
  ["2019-05-30T14:30:00+08:60", SH, null],
  ["2019-05-30 14:30 +24:00", SH, null],
  ["posted on 2019-05-30 14:30 +24:00 by admin", SH, null],
  ["Thu, 30 May 2019 14:30:00 +2400", SH, null],
];

// Offsets and zones the parser cannot read leave the date unparsed; RFC 9557's bracketed zone is a hint.
const offsetsAndZones: Row[] = [
  ["2019-05-30T14:30:00.123+08:00[Asia/Shanghai]", "UTC", "2019-05-30T06:30:00.123Z"],
  ["2019-05-30T14:30+08:00[Asia/Shanghai]", "UTC", "2019-05-30T06:30:00.000Z"],
  ["2019-05-30T14:30:00+09:00[Asia/Shanghai]", "UTC", "2019-05-30T05:30:00.000Z"],
  ["2019-05-30T14:30:00[Asia/Shanghai]", "UTC", "2019-05-30T06:30:00.000Z"],
  ["2019-05-30T14:30:00Z[u-ca=japanese]", SH, "2019-05-30T14:30:00.000Z"],
  ["2019-05-30T14:30:00[Mars/Olympus]", "UTC", null],
  ["posted on 2019-05-30 14:30:00.123+08:00[Asia/Shanghai] by admin", "UTC", "2019-05-30T06:30:00.123Z"],
  ["2019-05-30T14:30:00+08:00:00", "UTC", "2019-05-30T06:30:00.000Z"],
  ["2019-05-30T14:30:00+08:00:30", "UTC", null],
  ["2019-05-30 14:30:00 +08:0", "UTC", null],
  ["posted on 2019-05-30 14:30 +08:0 by admin", "UTC", null],
  ["2019-05-30 14:30 MYT", "UTC", null],
  ["posted on 2019-05-30 14:30 XYZ by admin", "UTC", null],
  ["2013-01-28T09:xx:00Z", "UTC", null],
  ["posted on 2019-05-30 2:30 PM by admin", "UTC", "2019-05-30T14:30:00.000Z"],
  // beyond ±14 hours an offset is malformed, as +24:00 is (Miniflux reads +15:00 as UTC)
  ["2023-05-29 00:00:00+15:00", "UTC", null],
  ["2023-05-29 00:00:00-13:00", "UTC", "2023-05-29T13:00:00.000Z"],
  // IANA zone names, as Miniflux reads them; a zone with no time
  ["Fri, 31 Mar 2023 20:19:00 America/Los_Angeles", SH, "2023-04-01T03:19:00.000Z"],
  ["Thu, 25 Feb 2016 00:00:00 Europe/Brussels", SH, "2016-02-24T23:00:00.000Z"],
  ["Thu, 01 Jan 2004 00:00:00 Etc/GMT", SH, "2004-01-01T00:00:00.000Z"],
  ["2023-03-31 20:19:00 America/Los_Angeles", SH, "2023-04-01T03:19:00.000Z"],
  ["05-30 14:30 America/New_York", SH, "2023-05-30T18:30:00.000Z"],
  ["Fri, 31 Mar 2023 20:19:00 Mars/Olympus", SH, null],
  ["26 Sep 2022 GMT", SH, "2022-09-26T00:00:00.000Z"],
  // abbreviations Miniflux knows
  ["Thu, 30 May 2019 14:30 WIB", SH, "2019-05-30T07:30:00.000Z"],
  ["Thu, 30 May 2019 14:30 PKT", SH, "2019-05-30T09:30:00.000Z"],
  ["Thu, 30 May 2019 14:30 WEST", SH, "2019-05-30T13:30:00.000Z"],
  ["Thu, 30 May 2019 14:30 ADT", SH, "2019-05-30T17:30:00.000Z"],
  ["Thu, 30 May 2019 14:30 BRT", SH, "2019-05-30T17:30:00.000Z"],
  ["Thu, 30 May 2019 14:30 ART", SH, "2019-05-30T17:30:00.000Z"],
  // Unix seconds, when the whole input is one from 1995 to a year after the fetch
  ["1520932969", SH, "2018-03-13T09:22:49.000Z"],
  ["788918400", SH, "1995-01-01T00:00:00.000Z"],
  ["788918399", SH, null],
  ["1760000000", SH, null],
  ["id 1520932969", SH, null],
  // a letter after the time is no zone: Spanish and French "h" is the hour, others unparsed; "AT" is no "at"
  ["30 de mayo de 2019, 14:30 h", "Europe/Madrid", "2019-05-30T12:30:00.000Z"],
  ["30 mai 2019 14:30 h", "Europe/Paris", "2019-05-30T12:30:00.000Z"],
  ["30/05/2019 14:30 h", "Europe/Madrid", "2019-05-30T12:30:00.000Z"],
  ["May 30, 2019 2:30 p", "America/New_York", null],
  ["Thursday 30 May 2019 14:30 T", "Europe/London", null],
  ["Mon, 26 January 2004 16:31:00 AT", "UTC", null],
  ["Thu, 30 May 2019 14:30:00 HST", SH, "2019-05-31T00:30:00.000Z"],
  ["May 30, 2019 at 2:30 PM", "UTC", "2019-05-30T14:30:00.000Z"],
  // numeric forms Miniflux reads: a weekday before, two-digit years, Drupal's " - "
  ["Fri, 26/06/2020", "UTC", "2020-06-26T00:00:00.000Z"],
  ["Mon, 03/30/2020 - 19:19", "UTC", "2020-03-30T19:19:00.000Z"],
  ["10/30/23 21:55:58", "UTC", "2023-10-30T21:55:58.000Z"],
  ["30.10.23", "UTC", "2023-10-30T00:00:00.000Z"],
  ["30/5", "UTC", "2023-05-30T00:00:00.000Z"],
  // 晚上12点 is midnight at the end of the day, not noon; 12 pm and 中午12点 stay noon
  ["2019年5月30日 晚上12:00", SH, "2019-05-30T16:00:00.000Z"],
  ["2019年5月30日 晚上12点半", SH, "2019-05-30T16:30:00.000Z"],
  ["2019年2月28日 夜里12点", SH, "2019-02-28T16:00:00.000Z"],
  ["2019年5月30日 晚上11:00", SH, "2019-05-30T15:00:00.000Z"],
  ["2019年5月30日 中午12:00", SH, "2019-05-30T04:00:00.000Z"],
  ["May 30, 2019 12:00 PM", SH, "2019-05-30T04:00:00.000Z"],
  ["2019-05-30 24:00", "UTC", null],
  ["20190530T240000", "UTC", null],
];

// An ambiguous slash date follows the source's language (CLDR's order); a day over 12 decides alone.
const slashOrder: [input: string, language: string | null, expected: string | null][] = [
  ["05/06/2019", null, "2019-05-06T00:00:00.000Z"],
  ["05/06/2019", "en-US", "2019-05-06T00:00:00.000Z"],
  ["05/06/2019", "en-GB", "2019-06-05T00:00:00.000Z"],
  ["05/06/2019", "en-AU", "2019-06-05T00:00:00.000Z"],
  ["05/06/2019", "zh-HK", "2019-06-05T00:00:00.000Z"],
  ["05/06/2019", "fr", "2019-06-05T00:00:00.000Z"],
  ["05/06/2019", "zh-CN", "2019-05-06T00:00:00.000Z"],
  ["05/06/2019", "not a tag", "2019-05-06T00:00:00.000Z"],
  ["26/06/2020", null, "2020-06-26T00:00:00.000Z"],
  ["10/30/2023", "en-GB", "2023-10-30T00:00:00.000Z"],
  ["10/30/23", "en-GB", "2023-10-30T00:00:00.000Z"],
  ["05/06/19", "en-GB", "2019-06-05T00:00:00.000Z"],
  ["19/05/30", "ja", "2019-05-30T00:00:00.000Z"],
  ["5/6", "en-GB", "2023-06-05T00:00:00.000Z"],
  ["5/6", null, "2023-05-06T00:00:00.000Z"],
  // dots are day first and hyphens (05-06) month first, whatever the language
  ["05.06.2019", "en-US", "2019-06-05T00:00:00.000Z"],
  ["05-06", "en-GB", "2023-05-06T00:00:00.000Z"],
];

// Years before 1000 are typos or placeholders: undated (RSS readers take "0099" for 1999).
const implausibleYears: Row[] = [
  ["0099-06-01T00:00:00Z", SH, null],
  ["Mon, 01 Jun 0099 00:00:00 GMT", SH, null],
  ["0999-12-31", "UTC", null],
  ["0001-01-01T00:00:00Z", SH, null],
  ["0000-00-00 00:00:00", SH, null],
  ["0999年5月30日", "UTC", null],
  ["1000-01-01T00:00:00Z", SH, "1000-01-01T00:00:00.000Z"],
  ["1899-12-31", "UTC", "1899-12-31T00:00:00.000Z"],
  // Judged in UTC, after the zone: 999 and 10000 (which toISOString writes "+010000-…") are undated alike.
  ["1000-01-01T00:00:00+01:00", "UTC", null],
  ["1000-01-01 00:30", SH, null],
  ["9999-12-31T23:59:59-12:00", "UTC", null],
  ["Fri, 31 Dec 9999 23:59:59 -1200", "UTC", null],
  ["9999-12-31 23:59", "America/New_York", null],
  ["9999-12-31T23:59:59Z", SH, "9999-12-31T23:59:59.000Z"],
  ["9999-12-31T23:59:59+14:00", "UTC", "9999-12-31T09:59:59.000Z"],
];

// Taiwan's Minguo (ROC) calendar: year + 1911. Three-digit years (000-199) and any year after 民國 are
// Minguo; a bare two-digit year stays Gregorian ("98年" is 1998), as it was.
const TP = "Asia/Taipei";
const minguo: Row[] = [
  ["108年5月30日", TP, "2019-05-29T16:00:00.000Z"],
  ["108年05月30日 14:30", TP, "2019-05-30T06:30:00.000Z"],
  ["民國108年5月30日", TP, "2019-05-29T16:00:00.000Z"],
  ["民国108年5月30日", TP, "2019-05-29T16:00:00.000Z"],
  ["中華民國108年5月30日", TP, "2019-05-29T16:00:00.000Z"],
  ["中華民國 108 年 5 月 30 日", TP, "2019-05-29T16:00:00.000Z"],
  ["民國98年5月30日", TP, "2009-05-29T16:00:00.000Z"],
  ["民國元年1月1日", TP, "1911-12-31T16:00:00.000Z"],
  ["１０８年５月３０日", TP, "2019-05-29T16:00:00.000Z"],
  ["108/05/30", TP, "2019-05-29T16:00:00.000Z"],
  ["108-05-30", TP, "2019-05-29T16:00:00.000Z"],
  ["108.05.30", TP, "2019-05-29T16:00:00.000Z"],
  ["108/5/30 下午 02:30:00", TP, "2019-05-30T06:30:00.000Z"],
  ["098/05/30", TP, "2009-05-29T16:00:00.000Z"],
  ["民國98/05/30", TP, "2009-05-29T16:00:00.000Z"],
  ["發布日期：108-05-30", TP, "2019-05-29T16:00:00.000Z"],
  ["公告日期 中華民國108年5月30日 10:00 資料來源", TP, "2019-05-30T02:00:00.000Z"],
  // unchanged: two digits are a Gregorian year; a Gregorian date in the text wins; others stay garbage
  ["98年5月30日", TP, "1998-05-29T16:00:00.000Z"],
  ["19年5月30日", TP, "2019-05-29T16:00:00.000Z"],
  ["2019年5月30日（108年）", TP, "2019-05-29T16:00:00.000Z"],
  ["999年5月30日", TP, null],
  ["1080530", TP, null],
  ["108年", TP, null],
];

describe("parseDate", () => {
  it("has the promised table sizes", () => {
    expect(rfcAndIso.length).toBeGreaterThanOrEqual(40);
    expect(cjkAndNumeric.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rfcAndIso)("RFC 822 / ISO %j in %s → %s", (input, timezone, expected) => {
    expect(parseDate(input, { timezone, now })?.toISOString() ?? null).toBe(expected);
  });

  it.each(cjkAndNumeric)("CJK / numeric / relative %j in %s → %s", (input, timezone, expected) => {
    expect(parseDate(input, { timezone, now })?.toISOString() ?? null).toBe(expected);
  });

  it.each(zonesAfterTime)("zone after the time %j in %s → %s", (input, timezone, expected) => {
    expect(parseDate(input, { timezone, now })?.toISOString() ?? null).toBe(expected);
  });

  it.each(offsetsAndZones)("offset or zone %j in %s → %s", (input, timezone, expected) => {
    expect(parseDate(input, { timezone, now })?.toISOString() ?? null).toBe(expected);
  });

  it.each(slashOrder)("slash date %j in language %s → %s", (input, language, expected) => {
    expect(parseDate(input, { timezone: "UTC", now, language })?.toISOString() ?? null).toBe(expected);
  });

  it.each(minguo)("Minguo year %j in %s → %s", (input, timezone, expected) => {
    expect(parseDate(input, { timezone, now })?.toISOString() ?? null).toBe(expected);
  });

  it.each(implausibleYears)("year %j in %s → %s", (input, timezone, expected) => {
    expect(parseDate(input, { timezone, now })?.toISOString() ?? null).toBe(expected);
  });

  it.each(garbage)("garbage or impossible %j → null", (input, timezone, expected) => {
    expect(parseDate(input, { timezone, now })).toBe(expected);
  });

  it("resolves year-less 02-29 to the last leap year when this year has none", () => {
    const in2023 = new Date("2023-06-01T00:00:00Z");
    expect(parseDate("02-29", { timezone: "UTC", now: in2023 })?.toISOString()).toBe(
      "2020-02-29T00:00:00.000Z",
    );
  });

  it("never returns the fetch time for unparsable input", () => {
    for (const input of ["now-ish", "soon", "??", "2019", "May"]) {
      expect(parseDate(input, { timezone: SH, now })).toBeNull();
    }
  });
});
