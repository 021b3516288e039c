import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeProject, runCrier } from "../helpers/cli.js";

// crier reads its own feeds back: a text title naming a tag ("The <dialog> element") is written to feed.xml
// as `&#x3C;dialog&gt;`, which any XML parser reads as "<dialog>"; crier inspect must not take it for markup.
// (A tag that would be active as HTML, "<script>", is the exception: RSS cannot say whether it is text, so
// feed.xml reads back without it; atom.xml and feed.json say it is text.)

const TITLES = [
  "The <dialog> element is ready",
  "Vec<T> vs &[T] in Rust",
  "Stop using <br> for layout",
  "AT&T: 1 < 2 & 3 > 2",
];

describe("crier inspect on crier's own output", () => {
  it("reads every text title back unchanged from feed.xml, atom.xml and feed.json", async () => {
    const dir = await makeProject({
      site: { title: "T", url: "https://example.org/" },
      output: { dir: "out" },
      state: { dir: "state" },
      sources: [{ id: "src", type: "feed", url: "src.json" }],
    });
    // JSON Feed titles are text: the source gives exactly these strings.
    await writeFile(
      path.join(dir, "src.json"),
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "Source",
        items: TITLES.map((title, i) => ({
          id: `urn:x:${i}`,
          url: `https://example.org/${i}`,
          title,
          content_text: "body",
          date_published: `2024-01-0${i + 1}T00:00:00Z`,
        })),
      }),
    );
    const build = await runCrier(["build"], { cwd: dir });
    expect(build.code, build.stderr).toBe(0);
    for (const file of ["feed.xml", "atom.xml", "feed.json"]) {
      const result = await runCrier(["inspect", path.join(dir, "out", file), "--json"]);
      expect(result.code, result.stderr).toBe(0);
      const titles = JSON.parse(result.stdout).map((article: { title: string }) => article.title);
      expect([...titles].sort(), file).toEqual([...TITLES].sort());
    }
  }, 60_000);

  it("reads a title naming an active tag back whole from atom.xml and feed.json, without the tag from feed.xml", async () => {
    const dir = await makeProject({
      site: { title: "T", url: "https://example.org/" },
      output: { dir: "out" },
      state: { dir: "state" },
      sources: [{ id: "src", type: "feed", url: "src.json" }],
    });
    const title = "Why <script> tags block rendering";
    await writeFile(
      path.join(dir, "src.json"),
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "Source",
        items: [{ id: "urn:x:1", url: "https://example.org/1", title, content_text: "body" }],
      }),
    );
    const build = await runCrier(["build"], { cwd: dir });
    expect(build.code, build.stderr).toBe(0);
    const read = async (file: string) => {
      const result = await runCrier(["inspect", path.join(dir, "out", file), "--json"]);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout)[0].title;
    };
    expect(await read("atom.xml")).toBe(title);
    expect(await read("feed.json")).toBe(title);
    expect(await read("feed.xml")).toBe("Why tags block rendering");
  }, 60_000);
});
