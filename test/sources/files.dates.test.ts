import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesSourceSchema } from "../../src/config/schema.js";
import { parseDate } from "../../src/normalize/index.js";
import { readFilesSource } from "../../src/sources/files/index.js";
import { sourceContext } from "../fixtures/html/context.js";

// A plain announcement file dated by a line near its top: the date label may follow another field on
// the line, digits may be full-width, and the next label ends the date.

const now = new Date("2024-03-15T04:00:00.000Z");
const SH = "Asia/Shanghai";

type Row = [line: string, raw: string | undefined, instant: string | null];

const rows: Row[] = [
  ["发布时间：２０１９年５月３０日", "２０１９年５月３０日", "2019-05-29T16:00:00.000Z"],
  ["２０１９年５月３０日", "２０１９年５月３０日", "2019-05-29T16:00:00.000Z"],
  ["发布时间：2019-05-30　１４：３０", "2019-05-30 １４：３０", "2019-05-30T06:30:00.000Z"],
  ["来源：市公安局　发布时间：2019年5月30日", "2019年5月30日", "2019-05-29T16:00:00.000Z"],
  ["发 布 日 期：2019-05-30 浏览次数：3", "2019-05-30", "2019-05-29T16:00:00.000Z"],
  ["发布时间：2019-05-30 14:30 来源：市公安局", "2019-05-30 14:30", "2019-05-30T06:30:00.000Z"],
  ["Date: May 30, 2019", "May 30, 2019", "2019-05-29T16:00:00.000Z"],
  ["2019-05-30 14:30", "2019-05-30 14:30", "2019-05-30T06:30:00.000Z"],
  ["中華民國108年5月30日", "中華民國108年5月30日", "2019-05-29T16:00:00.000Z"],
  // not date lines: running text that starts with a date, a deadline, a phone number
  ["5月30日，市政府召开全市安全工作会议。", undefined, null],
  ["截止日期：2019-06-30", undefined, null],
  ["联系电话：12345", undefined, null],
];

let root: string;
const names = rows.map((_, i) => `n${String(i).padStart(2, "0")}.txt`);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "crier-files-dates-"));
  await mkdir(path.join(root, "notices"));
  for (const [i, [line]] of rows.entries()) {
    await writeFile(path.join(root, "notices", names[i]!), `停水通知\n\n${line}\n\n因管道检修，全区停水。\n`);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("files: a date line near the top", () => {
  it.each(rows.map((row, i) => [...row, i] as const))("%j → %j → %s", async (_line, raw, instant, i) => {
    const source = filesSourceSchema.parse({ id: "local", type: "files", path: `notices/${names[i]}` });
    const { feed } = await readFilesSource(source, sourceContext({ configDir: root }));
    const published = feed.items[0]?.published;
    expect(published).toBe(raw);
    expect(
      published === undefined ? null : (parseDate(published, { timezone: SH, now })?.toISOString() ?? null),
    ).toBe(instant);
  });
});
