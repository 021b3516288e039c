import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCrier } from "../helpers/cli.js";

// `crier inspect FILE` on text files: the argument is a path, never a glob, and a file that cannot be read
// exits 2 (README exit table: "inspect: the source could not be read").

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "crier-inspect-files-"));
  const files: Record<string, string> = {
    "notice (1).txt": "Notice one\n\nbody",
    "report(final).txt": "Final report\n\nbody",
    "!important.txt": "Important\n\nbody",
    "{a,b}.txt": "Braces\n\nbody",
    "a.txt": "Plain a\n\nbody",
    "st*ar.txt": "Star\n\nbody",
    "stXar.txt": "Not the star\n\nbody",
    "notice.text": "停水通知\n\n发布时间：2024-03-05 10:00\n明天停水。",
    NOTICE: "Without extension\n\nbody",
    "empty.txt": "  \n\n",
  };
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
});

const inspect = (...args: string[]) => runCrier(["inspect", ...args], { cwd: dir });
const titles = (stdout: string) => JSON.parse(stdout).map((article: { title: string }) => article.title);

describe("crier inspect FILE (text)", () => {
  it.each([
    ["notice (1).txt", "Notice one"],
    ["report(final).txt", "Final report"],
    ["!important.txt", "Important"],
    ["{a,b}.txt", "Braces"],
    ["st*ar.txt", "Star"],
  ])("reads exactly %j, glob characters and all", async (name, title) => {
    for (const target of [name, path.join(dir, name)]) {
      const result = await inspect(target, "--json");
      expect(result.code, result.stderr).toBe(0);
      expect(titles(result.stdout)).toEqual([title]);
      expect(result.stderr).toBe("");
    }
  });

  it("reads a file with another extension, or none, as text with --type text", async () => {
    const result = await inspect("notice.text", "--type", "text", "--timezone", "Asia/Shanghai", "--json");
    expect(result.code, result.stderr).toBe(0);
    const [article] = JSON.parse(result.stdout);
    expect(article).toMatchObject({ title: "停水通知", published: "2024-03-05T02:00:00.000Z" });
    const bare = await inspect("NOTICE", "--type", "text", "--json");
    expect(bare.code, bare.stderr).toBe(0);
    expect(titles(bare.stdout)).toEqual(["Without extension"]);
  });

  it.each([
    [
      ["/nonexistent-crier.txt"],
      /^crier: nonexistent-crier\.txt: no such file \(resolved to \/nonexistent-crier\.txt\)\n$/,
    ],
    [["/nonexistent-crier.txt", "--type", "text"], /^crier: nonexistent-crier\.txt: no such file/],
    [["missing.text", "--type", "text"], /^crier: missing\.text: no such file/],
    [["empty.txt"], /^crier: empty\.txt: the file has no title and no text\n$/],
    [[".", "--type", "text"], /: not a regular file\n$/],
  ])("exits 2 when the file cannot be read: %j", async (args, message) => {
    const result = await inspect(...args, "--json");
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });
});
