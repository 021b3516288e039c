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

describe("files: an .html notice's date line", () => {
  it("dates a saved page by its 发布时间 line before any <meta>/<time>, after the file name", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-files-html-"));
    try {
      await mkdir(path.join(dir, "n"));
      const page = (extra: string) =>
        `<!doctype html><html><head><meta charset="utf-8"><title>关于开展消防安全检查的通知</title>${extra}</head><body>
<h1>关于开展消防安全检查的通知</h1>
<div class="info">来源：市消防救援支队 发布时间：2024-05-20 09:00</div>
<div id="zoom"><p>各单位：请于5月31日前完成自查。</p><p><time datetime="2024-06-30">6月30日</time>截止。</p></div></body></html>`;
      await writeFile(path.join(dir, "n", "saved.html"), page(""));
      await writeFile(path.join(dir, "n", "meta.html"), page('<meta name="date" content="2024-01-01">'));
      await writeFile(path.join(dir, "n", "2024-05-18-named.html"), page(""));
      const source = filesSourceSchema.parse({ id: "local", type: "files", path: "n/*.html" });
      const { feed } = await readFilesSource(source, sourceContext({ configDir: dir }));
      const byGuid = Object.fromEntries(
        feed.items.map((item) => [item.guid?.split(":").pop(), item.published]),
      );
      expect(byGuid).toEqual({
        "n/saved.html": "2024-05-20 09:00",
        "n/meta.html": "2024-05-20 09:00",
        "n/2024-05-18-named.html": "2024-05-18",
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("files: a first line that is only a date", () => {
  it("is the date, not the title: the title is the next line", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-files-dateline-"));
    try {
      await mkdir(path.join(dir, "n"));
      const files: Record<string, string> = {
        "a.txt": "2024-03-05\n\n停水通知\n\n明天全市停水。\n",
        "b.txt": "2024年3月5日\n停电通知\n\n明天全市停电。\n",
        "c.md": "２０２４年３月５日\n\n# 停气通知\n\n明天全市停气。\n",
        // A date line alone: no title (normalize derives one from the text).
        "d.txt": "2024-03-05\n\n明天全市停水。\n请居民提前储水。\n",
      };
      for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, "n", name), text);
      const source = filesSourceSchema.parse({ id: "local", type: "files", path: "n/*" });
      const { feed } = await readFilesSource(source, sourceContext({ configDir: dir }));
      expect(feed.items.map((item) => [item.title, item.published])).toEqual([
        ["停水通知", "2024-03-05"],
        ["停电通知", "2024年3月5日"],
        ["停气通知", "２０２４年３月５日"],
        [undefined, "2024-03-05"],
      ]);
      // The date line stays in the text, the title leaves it.
      expect(feed.items[0]?.contentText).toBe("2024-03-05\n\n明天全市停水。");
      expect(feed.items[2]?.contentHtml).toBe("<p>２０２４年３月５日</p>\n<p>明天全市停气。</p>");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
