import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";

// css-what reads `li@data-id` as the tags `li` and `@data-id` and css-select runs it, matching nothing (a
// browser throws); a blank list.item matches nothing either. `crier check` passed both, and every build
// then failed with "list.item … matched no entries".

async function issuesOf(sources: unknown[]): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "crier-selectors-"));
  const file = path.join(dir, "feeds.config.json");
  await writeFile(file, JSON.stringify({ site: { title: "S", url: "https://f.example.org/" }, sources }));
  const error = await loadConfig(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
}

const html = (id: string, list: Record<string, unknown>, detail?: Record<string, unknown>) => ({
  id,
  type: "html",
  url: "site/list.html",
  list,
  ...(detail ? { detail } : {}),
});

describe("html selectors that can never match", () => {
  it("refuses an @attr and a blank selector in list.item, which selects the entries", async () => {
    expect(
      await issuesOf([
        html("attr", { item: "ul.list li@data-id", title: "a" }),
        html("blank", { item: "   ", title: "a" }),
        html("nested", { item: "li:not(@x)", title: "a" }),
      ]),
    ).toEqual([
      'sources[0].list.item: invalid CSS selector "ul.list li@data-id" ("@data-id" is not CSS: this field selects elements, so it takes no @attr)',
      'sources[1].list.item: blank selector; expected CSS such as "ul.list li"',
      'sources[2].list.item: invalid CSS selector "li:not(@x)" ("@x" is not CSS: this field selects elements, so it takes no @attr)',
    ]);
  });

  it("refuses blank selectors and a second @ in the fields that take css@attr", async () => {
    expect(
      await issuesOf([
        html(
          "a",
          { item: "li", title: " ", link: "a@b@href", date: "\t" },
          { content: "  ", author: "p@x span" },
        ),
      ]),
    ).toEqual([
      'sources[0].list.title: blank selector; expected CSS such as "a", "span.date" or "a@href"',
      'sources[0].list.link: invalid CSS selector "a@b" ("@b" is not CSS: only one @attr may follow the CSS, at its very end)',
      'sources[0].list.date: blank selector; expected CSS such as "a", "span.date" or "a@href"',
      'sources[0].detail.content: blank selector; expected CSS such as "a", "span.date" or "a@href"',
      'sources[0].detail.author: invalid CSS selector "p@x span" ("@x" is not CSS: only one @attr may follow the CSS, at its very end)',
    ]);
  });

  it("still accepts @attr at the end, an @ inside quotes or :contains(), and @attr of the entry itself", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-selectors-"));
    const file = path.join(dir, "feeds.config.json");
    const source = html(
      "ok",
      { item: 'li[data-mail*="@"], li:contains(a@b)', title: "a@title", link: "@href", date: " span.date " },
      { author: 'p[title="@"]@title' },
    );
    await writeFile(
      file,
      JSON.stringify({ site: { title: "S", url: "https://f.example.org/" }, sources: [source] }),
    );
    expect((await loadConfig(file)).config.sources[0]).toMatchObject({ list: { link: "@href" } });
  });
});
