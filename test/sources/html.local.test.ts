import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { htmlSourceSchema } from "../../src/config/schema.js";
import { readHtmlSource } from "../../src/sources/html/index.js";
import { readSource } from "../../src/sources/index.js";
import { sourceContext } from "../fixtures/html/context.js";
import { policeExampleSource } from "../fixtures/html/policeExample.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

describe("the bundled offline example (examples/sites/police)", () => {
  it("reads both GBK list pages and the file: detail pages inside the config folder", async () => {
    const source = htmlSourceSchema.parse(policeExampleSource);
    const result = await readHtmlSource(source, sourceContext({ configDir: repoRoot }));
    expect(result.feed.warnings).toEqual([]);
    expect(result.documentUrl).toBe(pathToFileURL(await realpath(path.join(repoRoot, source.url))).href);
    expect(result.feed.link).toBeUndefined();
    const items = result.feed.items;
    expect(items.map((item) => [item.title, item.published])).toEqual([
      [
        "市公安局召開全市安全穩定工作續會 深入學習貫徹全省安全穩定工作視頻會議精神",
        "发布时间：2019年5月30日 14:30",
      ],
      ["關於端午節期間加強道路交通安全管理的通告", "发布时间：2019-05-28 09:00"],
      ["2019年高考期間考點周邊道路實行臨時交通管制的公告", "发布时间：2019-05-27"],
      ["市公安局戶政大廳端午節期間辦證時間調整的通知", "发布时间：2019-05-20 16:00"],
    ]);
    // Local pages never publish file: URLs; the guid is the path inside the config folder.
    expect(items.map((item) => item.link)).toEqual([undefined, undefined, undefined, undefined]);
    expect(items[0]?.guid).toBe(
      "urn:crier:html:police:examples/sites/police/detail/20190530-security-meeting.html",
    );
    expect(items[0]?.authors).toEqual([{ name: "市公安局政治部" }]);
    expect(items[0]?.contentHtml).toContain("在收聽收看全省安全穩(wěn)定工作視頻會議之后");
    expect(items[2]?.baseUrl).toMatch(
      /^file:\/\/.*\/examples\/sites\/police\/detail\/20190527-gaokao-traffic\.html$/,
    );
  });
});

describe("local list pages and the config folder", () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  it("reads every local detail page each run: the network cap (maxFetches) would defer them forever", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "crier-html-local-"));
    const configDir = path.join(dir, "config");
    await mkdir(path.join(configDir, "site"), { recursive: true });
    const names = ["a", "b", "c"];
    for (const name of names) {
      await writeFile(path.join(configDir, "site", `${name}.html`), `<div id="c">body ${name}</div>`);
    }
    await writeFile(
      path.join(configDir, "site", "list.html"),
      `<ul>${names.map((n) => `<li><a href="${n}.html">Notice ${n}</a></li>`).join("")}</ul>`,
    );
    const source = htmlSourceSchema.parse({
      id: "local",
      type: "html",
      url: "site/list.html",
      list: { item: "li", title: "a" },
      detail: { content: "#c", maxFetches: 1 },
    });
    const result = await readSource(source, sourceContext({ configDir }));
    expect(result.feed.items.map((item) => item.contentHtml)).toEqual(["body a", "body b", "body c"]);
    expect(result.feed.warnings).toEqual([]);
  });

  it("refuses detail links that leave the config folder, keeping the list entries", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "crier-html-local-"));
    const configDir = path.join(dir, "config");
    await mkdir(path.join(configDir, "site"), { recursive: true });
    const secret = path.join(dir, "secret.html");
    await writeFile(secret, `<div id="c">TOP SECRET</div>`);
    await writeFile(path.join(dir, "secret2.html"), `<div id="c">TOP SECRET 2</div>`);
    await writeFile(path.join(configDir, "site", "inside.html"), `<div id="c">inside body</div>`);
    await writeFile(
      path.join(configDir, "site", "list.html"),
      `<ul>
        <li><a href="inside.html">Inside</a></li>
        <li><a href="../../secret.html">Relative escape</a></li>
        <li><a href="${pathToFileURL(path.join(dir, "secret2.html")).href}">Absolute escape</a></li>
      </ul>`,
    );
    const source = htmlSourceSchema.parse({
      id: "local",
      type: "html",
      url: "site/list.html",
      list: { item: "li", title: "a" },
      detail: { content: "#c" },
    });
    const result = await readHtmlSource(source, sourceContext({ configDir }));
    expect(result.feed.items.map((item) => [item.title, item.contentHtml])).toEqual([
      ["Inside", "inside body"],
      ["Relative escape", undefined],
      ["Absolute escape", undefined],
    ]);
    expect(JSON.stringify(result.feed)).not.toContain("TOP SECRET");
    expect(result.feed.warnings).toHaveLength(2);
    for (const warning of result.feed.warnings) expect(warning).toContain("outside the config folder");
  });

  // On a file: page, "//host/x" means file://host/x: a file on another machine, which crier cannot read.
  it.each([
    ["without", undefined],
    ["with", { content: "#c" }],
  ])(
    "keeps entries whose link names a file on another host, without the link (%s detail pages)",
    async (_, detail) => {
      dir = await mkdtemp(path.join(tmpdir(), "crier-html-local-"));
      await writeFile(path.join(dir, "a.html"), `<div id="c">body a</div>`);
      await writeFile(
        path.join(dir, "list.html"),
        `<ul>
        <li><a href="a.html">Normal</a></li>
        <li><a href="//other.example/d3">Protocol-relative</a></li>
        <li><a href="file://other.example/share/d4.html">Remote file</a></li>
      </ul>`,
      );
      const source = htmlSourceSchema.parse({
        id: "local",
        type: "html",
        url: "list.html",
        list: { item: "li", title: "a" },
        ...(detail ? { detail } : {}),
      });
      const result = await readHtmlSource(source, sourceContext({ configDir: dir }));
      expect(result.feed.items.map((item) => [item.title, item.link, item.guid !== undefined])).toEqual([
        ["Normal", undefined, true],
        ["Protocol-relative", undefined, false],
        ["Remote file", undefined, false],
      ]);
      if (detail) expect(result.feed.items[0]!.contentHtml).toBe("body a");
      expect(result.feed.warnings).toEqual([]);
    },
  );
});
