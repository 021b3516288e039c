import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { filesSourceSchema } from "../../src/config/schema.js";
import { normalizeItems } from "../../src/normalize/index.js";
import { MAX_FRONT_MATTER_CHARS, parseFrontMatter } from "../../src/sources/files/frontMatter.js";
import { readFilesSource, readSingleFile } from "../../src/sources/files/index.js";
import { sourceContext } from "../fixtures/html/context.js";

// Front matter is YAML (`---`) or TOML (`+++`), read by real parsers: quoting, escapes, comments, block
// scalars and flow lists mean what they mean in Jekyll or Hugo.

const fixtures = fileURLToPath(new URL("../fixtures/files/front-matter/", import.meta.url));

let root: string;
let configDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "crier-frontmatter-"));
  configDir = path.join(root, "config");
  await mkdir(path.join(configDir, "notices"), { recursive: true });
  for (const name of await readdir(fixtures)) {
    await copyFile(path.join(fixtures, name), path.join(configDir, "notices", name));
  }
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const source = (glob: string) => filesSourceSchema.parse({ id: "local", type: "files", path: glob });
const read = (name: string) => readFilesSource(source(`notices/${name}`), sourceContext({ configDir }));
const item = async (name: string) => (await read(name)).feed.items[0]!;
/** Dates as normalize reads them: a date without a zone is local time in the source's timezone. */
const publishedIn = async (name: string, timezone: string) => {
  const result = await read(name);
  return normalizeItems(result.feed.items, {
    source: { id: "local", title: "local", url: null },
    documentUrl: null,
    timezone,
    now: new Date("2024-07-01T00:00:00Z"),
    transforms: [],
    language: null,
  })[0]?.published;
};

describe("YAML front matter", () => {
  it("reads quoted values, escapes, comments and flow lists as YAML does", async () => {
    const result = await read("yaml-quoting.md");
    // `date: 2019-05-30 # the day …` is a comment its author meant ("# " and a space): no warning.
    expect(result.feed.warnings).toEqual([]);
    const { title, published, authors, categories, summary } = result.feed.items[0]!;
    expect({ title, published, authors, categories, summary }).toEqual({
      title: `It's here: the "new" timetable`,
      published: "2019-05-30",
      authors: [{ name: "O'Brien" }],
      categories: ["Health, Safety", "Roads", "c'd"],
      summary: 'Café "open" again',
    });
    // The heading repeating the title is dropped, as before.
    expect(result.feed.items[0]?.contentHtml).not.toContain("<h1");
  });

  it("says when a YAML comment cut an unquoted value short, and not for quoted values or C#", () => {
    const cut = parseFrontMatter("---\ntitle: Meeting #3 moved\ndate: 2019-05-30\n---\nBody");
    expect(cut.data.title).toBe("Meeting");
    expect(cut.warning).toMatch(/front matter title: the text after " #" is a YAML comment.*quote the value/);
    for (const block of [
      'title: "#1 notice" # a comment',
      "title: C# and F#",
      "tags: [a, b] # two",
      "title: Notice # a note",
    ]) {
      expect(parseFrontMatter(`---\n${block}\n---\nBody`).warning).toBeUndefined();
    }
  });

  it("reads folded and literal block scalars and block lists with comments", async () => {
    const { title, summary, categories } = await item("yaml-block.md");
    expect({ title, summary, categories }).toEqual({
      title: "Water off on Main Street",
      summary: "Line one.\nLine two.",
      categories: ["Water", "#1 priority"],
    });
  });

  it("keeps numbers and booleans as written, a date as its text, and names an author mapping by its name", async () => {
    const { title, published, updated, authors, categories, summary, language } = await item("yaml-types.md");
    expect({ title, published, updated, authors, categories, summary, language }).toEqual({
      title: "1.50",
      published: "20190530",
      updated: "2019-06-01T10:00:00",
      authors: [{ name: "Ann" }],
      categories: ["2024", "true", "x"],
      summary: undefined,
      language: "en",
    });
  });

  it("gives an unzoned date the local meaning it had before: the source's timezone, not UTC", async () => {
    expect(await publishedIn("yaml-quoting.md", "Asia/Shanghai")).toBe("2019-05-29T16:00:00.000Z");
    expect(await publishedIn("yaml-quoting.md", "UTC")).toBe("2019-05-30T00:00:00.000Z");
  });

  it("reads a block YAML refuses line by line, with a warning naming the file and line", async () => {
    const result = await read("not-quite-yaml.md");
    const { title, published, categories } = result.feed.items[0]!;
    expect({ title, published, categories }).toEqual({
      title: "Update: new opening hours",
      published: "2019-06-04",
      categories: ["hours", "library"],
    });
    expect(result.feed.warnings).toHaveLength(1);
    expect(result.feed.warnings[0]).toMatch(
      /^notices\/not-quite-yaml\.md: front matter not read as YAML \(line 2: .+\); read line by line$/,
    );
  });

  it("refuses custom tags: the block is read line by line and keeps the value's text", async () => {
    const result = await read("custom-tag.md");
    expect(result.feed.items[0]?.title).toBe("!important notice");
    expect(result.feed.warnings[0]).toMatch(/custom-tag\.md: front matter not read as YAML \(line 2: .*tag/i);
  });

  it("limits aliases: a block expanding to thousands of values is read line by line instead", async () => {
    const result = await read("alias-bomb.md");
    expect(result.feed.items[0]?.title).toBe("Aliases");
    expect(result.feed.warnings[0]).toMatch(/alias-bomb\.md: front matter not read as YAML \(.*alias/i);
  });

  it("does not hand an oversized block to the parser", async () => {
    const filler = `notes: '${"x".repeat(MAX_FRONT_MATTER_CHARS)}'`;
    await writeFile(path.join(configDir, "notices/big.md"), `---\ntitle: 'Big'\n${filler}\n---\nBody.\n`);
    const result = await read("big.md");
    expect(result.feed.items[0]?.title).toBe("Big");
    expect(result.feed.warnings[0]).toMatch(/big\.md: front matter not read as YAML \(over \d+ characters\)/);
  });

  it("a __proto__ key sets no prototype", async () => {
    await writeFile(path.join(configDir, "notices/proto.md"), "---\n__proto__: [a]\ntitle: T\n---\nBody.\n");
    await writeFile(
      path.join(configDir, "notices/proto2.md"),
      "---\n__proto__: [a]\ntitle: T: U\n---\nBody.\n",
    );
    const { feed } = await readFilesSource(source("notices/proto*.md"), sourceContext({ configDir }));
    expect(feed.items.map((entry) => entry.title)).toEqual(["T", "T: U"]);
    expect(feed.items.map((entry) => entry.categories)).toEqual([undefined, undefined]);
  });

  it("crier inspect shows the warning too", async () => {
    const result = await readSingleFile(
      source("notices/*.md"),
      "notices/not-quite-yaml.md",
      sourceContext({ configDir }),
    );
    expect(result.feed.items[0]?.title).toBe("Update: new opening hours");
    expect(result.feed.warnings).toEqual([expect.stringContaining("front matter not read as YAML")]);
  });
});

describe("TOML front matter (+++)", () => {
  it("reads title, date, author, tags and categories", async () => {
    const result = await read("hugo.md");
    expect(result.feed.warnings).toEqual([]);
    const { title, published, authors, categories, summary, contentHtml } = result.feed.items[0]!;
    expect({ title, published, authors, categories, summary }).toEqual({
      title: "TOML front matter",
      published: "2019-06-03T10:00:00.000",
      authors: [{ name: "Hugo Team" }],
      categories: ["release", "notes, misc"],
      summary: "Literal \\n string",
    });
    expect(contentHtml).toBe("<p>Release body.</p>");
    // A local date-time is local time in the source's timezone, as a YAML one is.
    expect(await publishedIn("hugo.md", "Asia/Shanghai")).toBe("2019-06-03T02:00:00.000Z");
  });

  it("skips a block TOML refuses, with a warning: it is never the title or the text", async () => {
    const result = await read("bad-toml.md");
    const { title, contentHtml } = result.feed.items[0]!;
    expect(title).toBe("Heading title");
    expect(contentHtml).toBe("<p>Body text.</p>");
    expect(result.feed.warnings).toEqual([
      expect.stringMatching(/^notices\/bad-toml\.md: front matter not read as TOML \(line 2: .+\); ignored$/),
    ]);
  });
});
