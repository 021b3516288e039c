import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/index.js";
import type { RawItem } from "../../src/model.js";
import { type NormalizeContext, normalizeItems } from "../../src/normalize/index.js";
import { readSource } from "../../src/sources/index.js";
import { normalizeSourceItems } from "../../src/worker/normalizeSource.js";
import { sourceContext } from "../fixtures/html/context.js";

// Design §3: ids are stable across runs. A link-less item's id is a hash of its title and date; a date
// counted back from the fetch (3小时前, 昨天, 2 days ago) is hashed by its day in the source's zone, so a
// fresh read (crier inspect, or a lost state) the same day gives the same id.

// 10:00:00.123 in Shanghai.
const T = Date.parse("2026-11-26T02:00:00.123Z");

function context(now: number): NormalizeContext {
  return {
    source: { id: "board", title: "Board", url: null },
    documentUrl: null,
    timezone: "Asia/Shanghai",
    now: new Date(now),
    transforms: [],
    language: null,
  };
}

const ids = (raws: RawItem[], now: number) => normalizeItems(raws, context(now)).map((a) => a.id);

describe("ids of link-less items with relative dates", () => {
  it("stay the same through re-reads of one day, however the text is rewritten", () => {
    const first = ids([{ title: "停水通知", published: "3小时前" }], T);
    expect(ids([{ title: "停水通知", published: "3小时前" }], T + 1200)).toEqual(first);
    expect(ids([{ title: "停水通知", published: "4小时前" }], T + 3_600_000)).toEqual(first);
    expect(ids([{ title: "停水通知", published: "3 hours ago" }], T + 5000)).toEqual(first);
    expect(ids([{ title: "停水通知", published: "今天 07:00" }], T + 7_200_000)).toEqual(first);
    // 昨天 and N天前 name one day too.
    const yesterday = ids([{ title: "停电通知", published: "昨天 14:30" }], T);
    expect(ids([{ title: "停电通知", published: "1天前" }], T + 60_000)).toEqual(yesterday);
    expect(ids([{ title: "停电通知", published: "yesterday" }], T + 3_600_000)).toEqual(yesterday);
    // The same title on another day is another notice.
    expect(ids([{ title: "停水通知", published: "3小时前" }], T + 86_400_000)).not.toEqual(first);
    expect(yesterday).not.toEqual(first);
  });

  it("count the day in the source's zone, and keep the instant as the published date", () => {
    // 00:30 in Shanghai on the 27th is 16:30 UTC on the 26th: "20分钟前" is the 27th there.
    const late = Date.parse("2026-11-26T16:50:00Z");
    const [article] = normalizeItems([{ title: "夜间通知", published: "20分钟前" }], context(late));
    expect(article?.published).toBe("2026-11-26T16:30:00.000Z");
    const [sameDay] = normalizeItems(
      [{ title: "夜间通知", published: "1小时前" }],
      context(late + 3_000_000),
    );
    expect(sameDay?.id).toBe(article?.id);
    // 23:50 on the 26th in Shanghai, though the same UTC day as the 00:30 above.
    const [dayBefore] = normalizeItems([{ title: "夜间通知", published: "1小时前" }], context(late));
    expect(dayBefore?.id).not.toBe(article?.id);
  });

  it("keep same-titled notices of one day apart: the last listed keeps the plain id", () => {
    const alone = ids([{ title: "停水通知", summary: "东区停水", published: "5小时前" }], T);
    const both = ids(
      [
        { title: "停水通知", summary: "北区停水", published: "1小时前" },
        { title: "停水通知", summary: "北区停水", published: "2小时前" },
        { title: "停水通知", summary: "东区停水", published: "5小时前" },
      ],
      T,
    );
    expect(both[2]).toBe(alone[0]);
    expect(both[1]).toMatch(/^urn:crier:board:[0-9a-f]{16}$/);
    expect(both[0]).toBe(`${both[1]}-2`);
    expect(
      ids(
        [
          { title: "停水通知", summary: "北区停水", published: "2小时前" },
          { title: "停水通知", summary: "北区停水", published: "3小时前" },
          { title: "停水通知", summary: "东区停水", published: "6小时前" },
        ],
        T + 3_600_000,
      ),
    ).toEqual(both);
  });

  it("leave ids minted from absolute dates byte-identical to crier's before the change", () => {
    const raws: RawItem[] = [
      { title: "停水通知", published: "2026-11-26 09:00", summary: "东区停水" },
      { title: "停电通知", published: "2026-11-26" },
      { title: "值班提示" },
      { title: "春季防火提示", published: "03-18" },
      { title: "Notice", updated: "2026-11-25T08:00:00Z" },
    ];
    // Computed with the build the audit froze (/tmp/audit6/crier), before relative dates counted by day.
    expect(ids(raws, T)).toEqual([
      "urn:crier:board:e422424df6cc1d3e",
      "urn:crier:board:2d8a56b0fb6685f1",
      "urn:crier:board:7a610d5837fa32c1",
      "urn:crier:board:3efe0b8d58aca743",
      "urn:crier:board:0536788a06921a8d",
    ]);
    // Same-titled notices of one date, kept apart as before (then by src/worker/normalizeSource.ts).
    const source = validateConfig({
      site: { title: "T", url: "https://site.example/" },
      sources: [
        {
          id: "board",
          type: "html",
          url: "http://x.example/list.html",
          title: "Board",
          list: { item: "li", title: "b" },
        },
      ],
    }).sources[0]!;
    const same: RawItem[] = [
      { title: "停水通知", published: "2026-11-26", summary: "北区停水" },
      { title: "停水通知", published: "2026-11-26", summary: "北区停水" },
      { title: "停水通知", published: "2026-11-26", summary: "东区停水" },
    ];
    const articles = normalizeSourceItems(
      source,
      { feed: { items: same, warnings: [] }, documentUrl: null },
      { defaultTimezone: "Asia/Shanghai", now: new Date(T), stored: [] },
    );
    expect(articles.map((a) => a.id)).toEqual([
      "urn:crier:board:ae66d90ba2a01ad0-2",
      "urn:crier:board:ae66d90ba2a01ad0",
      "urn:crier:board:bc63d27efff22268",
    ]);
  });

  it("of a list read twice a second apart with no stored state (crier inspect) are the same", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-relative-ids-"));
    try {
      await writeFile(
        path.join(dir, "list.html"),
        `<!doctype html><html><head><meta charset="utf-8"><title>L</title></head><body><ul class="list">
<li><span class="t">停水通知</span><span class="date">3小时前</span></li>
<li><span class="t">停电通知</span><span class="date">昨天</span></li>
</ul></body></html>`,
      );
      const source = validateConfig(
        {
          site: { title: "T", url: "https://site.example/" },
          sources: [
            {
              id: "board",
              type: "html",
              url: "list.html",
              timezone: "Asia/Shanghai",
              list: { item: "ul.list li", title: "span.t", date: "span.date" },
            },
          ],
        },
        undefined,
        { configDirs: [dir] },
      ).sources[0]!;
      const read = await readSource(source, sourceContext({ configDir: dir }));
      const inspect = (now: number) =>
        normalizeSourceItems(source, read, { defaultTimezone: "UTC", now: new Date(now), stored: [] }).map(
          (a) => a.id,
        );
      const first = inspect(T);
      expect(first).toHaveLength(2);
      expect(inspect(T + 1200)).toEqual(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
