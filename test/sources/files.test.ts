import { mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { filesSourceSchema } from "../../src/config/schema.js";
import { normalizeItems } from "../../src/normalize/index.js";
import { MAX_FILE_BYTES, markdownToHtml, readFilesSource } from "../../src/sources/files/index.js";
import { titleFromMarkdown } from "../../src/sources/files/textMetadata.js";
import { SourcePathError } from "../../src/sources/load.js";
import { sourceContext } from "../fixtures/html/context.js";

const announcement = await readFile(new URL("../fixtures/html/announcement-zh.txt", import.meta.url), "utf8");

let root: string;
let configDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "crier-files-"));
  configDir = path.join(root, "config");
  await mkdir(path.join(configDir, "notices"), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const source = (glob: string) => filesSourceSchema.parse({ id: "local", type: "files", path: glob });
/** The articles of one read of the "local" source, normalized in UTC as of `now`. */
const normalizeRead = (result: Awaited<ReturnType<typeof readFilesSource>>, now: string) =>
  normalizeItems(result.feed.items, {
    source: { id: "local", title: "local", url: null },
    documentUrl: result.documentUrl,
    timezone: "UTC",
    now: new Date(now),
    transforms: [],
    language: null,
  });
const write = (relative: string, content: string | Buffer) =>
  writeFile(path.join(configDir, relative), content);

describe("readFilesSource", () => {
  it("turns .txt, .md and .html files into one item each, sorted by path", async () => {
    await write("notices/2019-05-30-security-meeting.txt", announcement);
    await write(
      "notices/closure.txt",
      "關於戶政大廳暫停辦理業務的通知\n\n發布時間：2019年6月3日 10:00\n\n因系統升級，6月5日暫停辦理。\n",
    );
    await write(
      "notices/holiday.md",
      [
        "---",
        "title: 端午節放假安排",
        'date: "2019-06-01 09:00"',
        "author: 辦公室",
        "tags: [holiday, notice]",
        "---",
        "# 端午節放假安排",
        "",
        "根據**國務院辦公廳**通知，放假安排如下：",
        "",
        "- 6月7日至9日放假",
        "- 詳見[通知原文](https://www.gov.example/notice.html)",
        "",
        "<script>alert(1)</script> *注意*安全。",
      ].join("\n"),
    );
    await write(
      "notices/page.html",
      `<html lang="zh-Hant"><head><meta charset="utf-8"><title>停水通知</title>
       <meta name="date" content="2019-06-02T08:00:00+08:00"></head>
       <body><h1>停水通知</h1><p>6月4日停水。</p></body></html>`,
    );
    await write("notices/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47]));

    const result = await readFilesSource(source("notices/*"), sourceContext({ configDir }));
    expect(result.notModified).toBe(false);
    expect(result.feed.warnings).toEqual([]);
    const items = result.feed.items;
    expect(items.map((item) => item.guid)).toEqual([
      "urn:crier:files:local:notices/2019-05-30-security-meeting.txt",
      "urn:crier:files:local:notices/closure.txt",
      "urn:crier:files:local:notices/holiday.md",
      "urn:crier:files:local:notices/page.html",
    ]);
    const [meeting, closure, holiday, page] = items;
    // A long first line is a paragraph: no title (normalize derives one); the date comes from the file name.
    expect(meeting?.title).toBeUndefined();
    expect(meeting?.published).toBe("2019-05-30");
    expect(meeting?.contentText).toBe(announcement.trim());

    expect(closure).toMatchObject({
      title: "關於戶政大廳暫停辦理業務的通知",
      published: "2019年6月3日 10:00",
    });
    expect(closure?.contentText).toBe("發布時間：2019年6月3日 10:00\n\n因系統升級，6月5日暫停辦理。");

    expect(holiday).toMatchObject({
      title: "端午節放假安排",
      published: "2019-06-01 09:00",
      authors: [{ name: "辦公室" }],
      categories: ["holiday", "notice"],
    });
    expect(holiday?.contentHtml).toBe(
      [
        "<p>根據<strong>國務院辦公廳</strong>通知，放假安排如下：</p>",
        '<ul><li>6月7日至9日放假</li><li>詳見<a href="https://www.gov.example/notice.html">通知原文</a></li></ul>',
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; <em>注意</em>安全。</p>",
      ].join("\n"),
    );

    expect(page).toMatchObject({
      title: "停水通知",
      published: "2019-06-02T08:00:00+08:00",
      language: "zh-Hant",
    });
    expect(page?.contentHtml).toBe("<p>6月4日停水。</p>");
  });

  it("leaves an undated file undated, not dated by its mtime, and the title to normalize", async () => {
    await write("notices/note.txt", "沒有標題也沒有日期的一段話，直接開始正文。\n第二行。");
    await write("notices/page.html", "<title>停水通知</title><p>6月4日停水。</p>");
    const mtime = new Date("2019-05-31T02:03:04.000Z");
    await utimes(path.join(configDir, "notices/note.txt"), mtime, mtime);
    await utimes(path.join(configDir, "notices/page.html"), mtime, mtime);
    const { feed } = await readFilesSource(source("notices/*"), sourceContext({ configDir }));
    // Aggregate dates them by their persisted first-seen time.
    expect(feed.items.map((item) => item.published)).toEqual([undefined, undefined]);
    expect(feed.items[0]?.title).toBeUndefined();
  });

  it("reads every author a front matter lists, and one name with a comma as one", async () => {
    await write("notices/a.md", "---\nauthor: [Ann, Bob]\n---\n# A\n\ntext");
    await write("notices/b.md", "---\nauthors:\n- Cy\n- Di\n---\n# B\n\ntext");
    await write("notices/c.md", "---\nauthor: Doe, Jane\n---\n# C\n\ntext");
    const { feed } = await readFilesSource(source("notices/*.md"), sourceContext({ configDir }));
    expect(feed.items.map((item) => item.authors)).toEqual([
      [{ name: "Ann" }, { name: "Bob" }],
      [{ name: "Cy" }, { name: "Di" }],
      [{ name: "Doe, Jane" }],
    ]);
  });

  it("decodes GBK files: html by its meta, text with the source's encoding", async () => {
    await write("notices/gbk.txt", iconv.encode("穩定工作通知\n\n全市安全穩定工作會議。", "gbk"));
    await write(
      "notices/gbk.html",
      iconv.encode(`<meta charset="gbk"><title>會議通知</title><p>穩(wěn)定</p>`, "gbk"),
    );
    const { feed } = await readFilesSource(
      source("notices/gbk.*"),
      sourceContext({ configDir, encoding: "gbk" }),
    );
    expect(feed.items.map((item) => item.title)).toEqual(["會議通知", "穩定工作通知"]);
    expect(feed.items[1]?.contentText).toBe("全市安全穩定工作會議。");
  });

  it("titles an html file without <title> by its <h1> text, script text dropped", async () => {
    await write(
      "notices/page.html",
      `<html><body><h1>停水通知<script>document.write("（已更新）")</script></h1><p>6月4日停水。</p></body></html>`,
    );
    const [page] = (await readFilesSource(source("notices/*"), sourceContext({ configDir }))).feed.items;
    expect(page?.title).toBe("停水通知");
    // The <h1> repeating the title leaves the content.
    expect(page?.contentHtml).toBe("<p>6月4日停水。</p>");
  });

  it("dates a file by the first date that reads, in the README's order (file name before <meta>/<time>)", async () => {
    // A body <time> may be any date (a meeting, a deadline) and an unreadable one must not hide a good one.
    await write("notices/2024-06-04-a.html", '<p>hello</p><time datetime="garbage">t</time>');
    await write(
      "notices/2024-06-04-b.html",
      '<p>Meeting on <time datetime="2030-01-01">1 Jan 2030</time></p>',
    );
    await write(
      "notices/c.html",
      '<meta name="date" content="TBD"><p>x</p><time datetime="soon">s</time> <time datetime="2019-06-02">2 June</time>',
    );
    await write("notices/2019-05-30-d.md", "---\ndate: TBD\npublished: later\n---\n# D\n\ntext");
    await write("notices/2019-02-30-e.txt", "E\n\n發布時間：2019年6月3日 10:00\n\nbody");
    await write("notices/f.md", "---\ndate: never\n---\n# F\n\ntext");
    const result = await readFilesSource(source("notices/*"), sourceContext({ configDir }));
    expect(result.feed.items.map((item) => [item.guid?.split("/").pop(), item.published])).toEqual([
      ["2019-02-30-e.txt", "2019年6月3日 10:00"],
      ["2019-05-30-d.md", "2019-05-30"],
      ["2024-06-04-a.html", "2024-06-04"],
      ["2024-06-04-b.html", "2024-06-04"],
      ["c.html", "2019-06-02"],
      // Nothing reads: the value stays for the record and normalize leaves the article undated.
      ["f.md", "never"],
    ]);
    const articles = normalizeRead(result, "2024-07-01T00:00:00Z");
    expect(articles.map((article) => article.published)).toEqual([
      "2019-06-03T10:00:00.000Z",
      "2019-05-30T00:00:00.000Z",
      "2024-06-04T00:00:00.000Z",
      "2024-06-04T00:00:00.000Z",
      "2019-06-02T00:00:00.000Z",
      null,
    ]);
  });

  it("derives the title of a numbered notice past its list number", async () => {
    await write(
      "notices/parking.txt",
      "1. All residents must register their vehicles with the parking office before the deadline on Friday, 31 May.\n" +
        "2. Visitors park in lot B.\n",
    );
    const result = await readFilesSource(source("notices/*"), sourceContext({ configDir }));
    const [article] = normalizeRead(result, "2019-06-01T00:00:00Z");
    expect(article?.title).toBe(
      "1. All residents must register their vehicles with the parking office before…",
    );
  });

  it("accepts an absolute pattern inside the config folder", async () => {
    await write("notices/a.txt", "A\n\nbody");
    const { feed } = await readFilesSource(
      source(path.join(configDir, "notices", "*.txt")),
      sourceContext({ configDir }),
    );
    expect(feed.items.map((item) => item.guid)).toEqual(["urn:crier:files:local:notices/a.txt"]);
  });

  it("reads lone CR line breaks (classic Mac files) like LF: title, date line and front matter", async () => {
    await write("notices/cr.txt", "停水通知\r\r发布时间：2024-03-05 10:00\r明天全市停水。\r");
    await write(
      "notices/cr.md",
      "---\rauthor: 水务局\r---\r# 停电通知\r\r发布时间：2024-03-06 09:00\r\r明天停电。\r",
    );
    await write("notices/crlf.txt", "停气通知\r\n\r\n发布时间：2024-03-07 08:00\r\n明天停气。\r\n");
    const result = await readFilesSource(source("notices/*"), sourceContext({ configDir }));
    expect(result.feed.items.map((item) => [item.title, item.published, item.authors?.[0]?.name])).toEqual([
      ["停电通知", "2024-03-06 09:00", "水务局"],
      ["停水通知", "2024-03-05 10:00", undefined],
      ["停气通知", "2024-03-07 08:00", undefined],
    ]);
    const articles = normalizeRead(result, "2024-07-01T00:00:00Z");
    expect(articles.map((article) => article.published)).toEqual([
      "2024-03-06T09:00:00.000Z",
      "2024-03-05T10:00:00.000Z",
      "2024-03-07T08:00:00.000Z",
    ]);
    expect(articles[1]?.content).not.toContain("停水通知");
  });

  it("fails when nothing matches (a moved folder or a broken pattern), so the source keeps what it published", async () => {
    await expect(readFilesSource(source("nothing/*.txt"), sourceContext({ configDir }))).rejects.toThrow(
      'no .txt, .md or .html files match "nothing/*.txt"',
    );
  });
});

describe("readFilesSource refuses to leave the config folder", () => {
  beforeEach(async () => {
    await writeFile(path.join(root, "secret.txt"), "TOP SECRET");
  });

  it("refuses .. in the pattern", async () => {
    const error = await readFilesSource(source("../*.txt"), sourceContext({ configDir })).catch((e) => e);
    expect(error).toBeInstanceOf(SourcePathError);
    expect(error.message).toContain('".." is not allowed');
    const nested = await readFilesSource(source("notices/../../*.txt"), sourceContext({ configDir })).catch(
      (e) => e,
    );
    expect(nested).toBeInstanceOf(SourcePathError);
  });

  it("refuses an absolute pattern outside the folder", async () => {
    const error = await readFilesSource(source(path.join(root, "*.txt")), sourceContext({ configDir })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(SourcePathError);
    expect(error.message).toContain("absolute path outside the config folder");
  });

  it("skips one bad file with a warning naming it and keeps the others: a symlink out is never read", async () => {
    await write("notices/good.txt", "好的通知\n\n內容。");
    await symlink(path.join(root, "secret.txt"), path.join(configDir, "notices", "link.txt"));
    await write("notices/deep.html", `${"<div>".repeat(1200)}x`);
    const { feed } = await readFilesSource(source("notices/*"), sourceContext({ configDir }));
    expect(feed.items.map((item) => item.guid)).toEqual(["urn:crier:files:local:notices/good.txt"]);
    expect(JSON.stringify(feed.items)).not.toContain("TOP SECRET");
    expect(feed.warnings).toHaveLength(2);
    expect(feed.warnings[0]).toMatch(
      /^notices\/deep\.html: HTML file is nested deeper than 1000 elements.*; skipped$/,
    );
    expect(feed.warnings[1]).toMatch(/^notices\/link\.txt: resolves outside the config folder .*; skipped$/);
  });

  it("fails when every file is refused: a symlink that points outside, file or folder", async () => {
    await symlink(path.join(root, "secret.txt"), path.join(configDir, "notices", "link.txt"));
    const error = await readFilesSource(source("notices/*.txt"), sourceContext({ configDir })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(SourcePathError);
    expect(error.message).toMatch(/notices\/link\.txt: resolves outside the config folder/);

    await rm(path.join(configDir, "notices", "link.txt"));
    await symlink(root, path.join(configDir, "escape"));
    const viaDir = await readFilesSource(source("escape/*.txt"), sourceContext({ configDir })).catch(
      (e) => e,
    );
    expect(viaDir).toBeInstanceOf(SourcePathError);
  });

  it("fails when its only file is over the size limit, and skips it with a warning beside a good one", async () => {
    await mkdir(path.join(configDir, "big"));
    await write("big/huge.txt", "大".repeat(Math.ceil(MAX_FILE_BYTES / 3) + 1));
    const error = await readFilesSource(source("big/*.txt"), sourceContext({ configDir })).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/^big\/huge\.txt: \d+ bytes is over the \d+-byte limit$/);
    await write("big/small.txt", "小通知\n\n內容。");
    const { feed } = await readFilesSource(source("big/*.txt"), sourceContext({ configDir }));
    expect(feed.items.map((item) => item.title)).toEqual(["小通知"]);
    expect(feed.warnings).toEqual([expect.stringMatching(/^big\/huge\.txt: .*-byte limit; skipped$/)]);
  });

  it("skips an empty or whitespace-only file with a warning naming it, and fails when no other file is left", async () => {
    await mkdir(path.join(configDir, "blank"));
    await write("blank/empty.txt", "");
    await write("blank/spaces.txt", "  \n\n\t\r\n");
    await write("blank/bom.md", "\ufeff---\ndate: 2024-03-05\n---\n \n");
    await write("blank/page.html", "<html><body> <p> </p></body></html>");
    const error = await readFilesSource(source("blank/*"), sourceContext({ configDir })).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe("blank/bom.md: the file has no title and no text");
    await write("blank/real.txt", "停水通知\n\n明天停水。");
    const { feed } = await readFilesSource(source("blank/*"), sourceContext({ configDir }));
    expect(feed.items.map((item) => item.title)).toEqual(["停水通知"]);
    expect(feed.warnings).toEqual(
      ["bom.md", "empty.txt", "page.html", "spaces.txt"].map(
        (name) => `blank/${name}: the file has no title and no text; skipped`,
      ),
    );
  });
});

describe("markdownToHtml", () => {
  it.each([
    ["## Heading", "<h2>Heading</h2>"],
    ["a\nb", "<p>a\nb</p>"],
    ["1. one\n2. two", "<ol><li>one</li><li>two</li></ol>"],
    ["> quoted", "<blockquote><p>quoted</p></blockquote>"],
    ["```\n<b>x</b>\n```", "<pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>"],
    ["`a*b*c` and *em*", "<p><code>a*b*c</code> and <em>em</em></p>"],
    ["[x](javascript:alert(1))", "<p>x</p>"],
    // A destination is escaped once, and its entity references are decoded first (CommonMark).
    ["[q](http://ok.example/?a=1&b=2)", '<p><a href="http://ok.example/?a=1&amp;b=2">q</a></p>'],
    ["[u](http://ok.example/?x=&amp;y)", '<p><a href="http://ok.example/?x=&amp;y">u</a></p>'],
    ['[r](http://ok.example/a"b)', '<p><a href="http://ok.example/a&quot;b">r</a></p>'],
    ["[s](http://ok.example/a<b>c)", '<p><a href="http://ok.example/a&lt;b&gt;c">s</a></p>'],
    ["[c](/a?b=1&copy=2)", '<p><a href="/a?b=1&amp;copy=2">c</a></p>'],
    // The scheme is checked on the decoded URL, as a browser reads it.
    ["[j](&#106;avascript:alert(1))", "<p>j</p>"],
    ["[t](java&#9;script:alert(1))", "<p>t</p>"],
    ["[n](&#x20;javascript:alert(1))", "<p>n</p>"],
    ["<https://a.example/x>", '<p><a href="https://a.example/x">https://a.example/x</a></p>'],
    ["---", "<hr>"],
  ])("%j", (input, expected) => {
    expect(markdownToHtml(input)).toBe(expected);
  });
});

describe("markdown links in a files source", () => {
  it("reach the article with their URL escaped once", async () => {
    await write(
      "notices/e.md",
      '# T\n\nSee [q](http://ok.example/?a=1&b=2), [r](http://ok.example/a"b) and [u](http://ok.example/caf%C3%A9?x=&amp;y).\n',
    );
    const result = await readFilesSource(source("notices/*.md"), sourceContext({ configDir }));
    const [article] = normalizeRead(result, "2024-07-01T00:00:00Z");
    const hrefs = [...(article?.content ?? "").matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual([
      "http://ok.example/?a=1&amp;b=2",
      "http://ok.example/a%22b",
      "http://ok.example/caf%C3%A9?x=&amp;y",
    ]);
  });
});

describe("relative markdown links in a files source", () => {
  it("keep their text but lose the link: the article has no base URL to resolve them against", async () => {
    await write(
      "notices/r.md",
      "# T\n\nSee [the map](map.md), [the form](/forms/a?x=1&amp;y=2) and [home](https://a.example/).\n",
    );
    const result = await readFilesSource(source("notices/*.md"), sourceContext({ configDir }));
    expect(result.documentUrl).toBeNull();
    const [article] = normalizeRead(result, "2024-07-01T00:00:00Z");
    expect(article?.content).toBe(
      '<p>See <a>the map</a>, <a>the form</a> and <a href="https://a.example/" rel="noopener noreferrer">home</a>.</p>',
    );
  });

  it("resolve against the front matter's link when it gives the article a URL", async () => {
    await write(
      "notices/l.md",
      "---\nlink: https://a.example/news/1.html\n---\n# T\n\nSee [the map](map.md).\n",
    );
    const result = await readFilesSource(source("notices/*.md"), sourceContext({ configDir }));
    const [article] = normalizeRead(result, "2024-07-01T00:00:00Z");
    expect(article?.content).toContain('<a href="https://a.example/news/map.md"');
  });
});

describe("titleFromMarkdown", () => {
  it.each([
    [
      "# **重要** 通知：关于 [交通管制](http://example.gov.cn/a) 的 _说明_",
      "重要 通知：关于 交通管制 的 说明",
    ],
    ["## `crier` *v2* released ##", "crier v2 released"],
    ["# ![logo](/logo.png) __Notice__ & 1 < 2", "logo Notice & 1 < 2"],
    ["**Setext** [title](https://a.example/)\n===", "Setext title"],
    // As the body renders it: an intraword * is literal, code is literal.
    ["# a*b*c `x*y*z`", "a*b*c x*y*z"],
  ])("%j → %j", (markdown, title) => {
    const split = titleFromMarkdown(`${markdown}\n\nbody`);
    expect(split.title).toBe(title);
    expect(split.body.trim()).toBe("body");
  });

  it("gives a files-source item the plain title, and drops a heading that repeats the front matter's", async () => {
    await write(
      "notices/a.md",
      "# **重要** 通知：关于 [交通管制](http://example.gov.cn/a) 的 _说明_\n\n正文。\n",
    );
    await write("notices/b.md", "---\ntitle: 停水通知\n---\n# *停水*通知\n\n正文。\n");
    const { feed } = await readFilesSource(source("notices/*.md"), sourceContext({ configDir }));
    expect(feed.items.map((item) => item.title)).toEqual(["重要 通知：关于 交通管制 的 说明", "停水通知"]);
    expect(feed.items[1]?.contentHtml).toBe("<p>正文。</p>");
  });
});
