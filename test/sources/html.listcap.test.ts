import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { htmlSourceSchema } from "../../src/config/schema.js";
import { readHtmlSource } from "../../src/sources/html/index.js";
import { MAX_LIST_ENTRIES } from "../../src/sources/html/readHtmlSource.js";
import { sourceContext } from "../fixtures/html/context.js";

// Like a feed document, an html source's list pages give at most MAX_LIST_ENTRIES entries: a page of
// 125,000 <li> was normalized and stored whole (944 MB, 55 MB of state).

let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

it(`keeps the first ${MAX_LIST_ENTRIES} entries of a huge list page and says so`, async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crier-html-listcap-"));
  const entries = Array.from({ length: 5000 }, (_, i) => `<li><a href="n/${i}.html">Notice ${i}</a></li>`);
  await writeFile(
    path.join(dir, "list.html"),
    `<!doctype html><html><body><ul class="list">${entries.join("")}</ul></body></html>`,
  );
  const source = htmlSourceSchema.parse({
    id: "big",
    type: "html",
    url: "list.html",
    list: { item: "ul.list li", title: "a", link: "a@href" },
  });
  const read = await readHtmlSource(source, sourceContext({ configDir: dir }));
  expect(read.feed.items).toHaveLength(MAX_LIST_ENTRIES);
  expect(read.feed.items.at(-1)?.title).toBe(`Notice ${MAX_LIST_ENTRIES - 1}`);
  expect(read.feed.warnings).toContain(
    `kept the first ${MAX_LIST_ENTRIES} list entries; the rest of page 1 and later pages are not read`,
  );
});
