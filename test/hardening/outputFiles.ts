import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Every file under `dir` (recursive), as text, keyed by its path relative to `dir`. */
export async function readOutputFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), await readFile(file, "utf8"));
  }
  return files;
}

/** Which of `needles` occur in which files: [] when none does (case-insensitive). */
export function findNeedles(files: Map<string, string>, needles: string[]): string[] {
  const found: string[] = [];
  for (const [name, text] of files) {
    const lower = text.toLowerCase();
    for (const needle of needles)
      if (lower.includes(needle.toLowerCase())) found.push(`${needle} in ${name}`);
  }
  return found;
}

/** A source's stored articles: `<id>.articles.json` (state format 2), else inside `<id>.json` (format 1). */
export async function storedArticles(stateDir: string, id: string): Promise<{ title: string }[]> {
  const sources = path.join(stateDir, "sources");
  try {
    return JSON.parse(await readFile(path.join(sources, `${id}.articles.json`), "utf8")).articles;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return JSON.parse(await readFile(path.join(sources, `${id}.json`), "utf8")).articles ?? [];
  }
}
