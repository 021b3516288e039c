import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/** path → "inode:mtime:size" for every file under dir; an atomic rewrite changes the inode and mtime. */
export async function snapshotFiles(dir) {
  const files = new Map();
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if (error.code === "ENOENT") return files;
    throw error;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    const info = await stat(file, { bigint: true });
    files.set(path.relative(dir, file), `${info.ino}:${info.mtimeNs}:${info.size}`);
  }
  return files;
}

/** Files added, removed or rewritten between two snapshots. */
export function diffSnapshots(before, after) {
  const changed = [];
  for (const [file, sig] of after) if (before.get(file) !== sig) changed.push(file);
  for (const file of before.keys()) if (!after.has(file)) changed.push(`${file} (removed)`);
  return changed.sort();
}
