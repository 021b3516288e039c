import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { emptySourceState, openStateStore, recordSuccess, sourceStatus } from "../../src/store/index.js";
import { makeArticle } from "../fixtures/article.js";

const article = (id: string) =>
  makeArticle(id, { title: id, url: `https://a.example/${id}`, published: "2024-05-01T00:00:00.000Z" });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "crier-split-"));
});

describe("state files with articles kept apart", () => {
  const now = new Date("2024-05-30T08:00:00.000Z");
  const saved = () =>
    recordSuccess(emptySourceState("news"), {
      articles: [article("a"), article("b")],
      etag: '"e"',
      lastModified: null,
      now,
    });

  it("loads the small state without parsing the articles, and the articles on demand", async () => {
    const store = openStateStore(dir);
    await store.saveSource(saved());
    const { state, problem } = await store.loadSource("news", { articles: false });
    expect(problem).toBeNull();
    expect(state.articles).toEqual([]);
    expect(state.articleCount).toBe(2);
    expect(state.etag).toBe('"e"');
    expect(sourceStatus(state, 5).items).toBe(2);
    const full = await store.loadArticles(state);
    expect(full.state.articles.map((a) => a.id)).toEqual(["a", "b"]);
    expect((await store.loadSource("news")).state.articles).toHaveLength(2);
  });

  it("writes only the small file when told to, leaving the stored articles intact", async () => {
    const store = openStateStore(dir);
    await store.saveSource(saved());
    const before = await readFile(join(dir, "sources", "news.articles.json"), "utf8");
    const { state } = await store.loadSource("news", { articles: false });
    await store.saveSource({ ...state, lastError: null, etag: '"f"' }, { articles: false });
    expect(await readFile(join(dir, "sources", "news.articles.json"), "utf8")).toBe(before);
    const reloaded = await store.loadSource("news");
    expect(reloaded.state.etag).toBe('"f"');
    expect(reloaded.state.articles).toHaveLength(2);
  });

  it("reads format-1 files that kept the articles inline", async () => {
    const { articleCount: _count, ...legacy } = saved();
    await writeFile(join(dir, "sources.json"), "");
    const store = openStateStore(dir);
    await store.saveSource(emptySourceState("news"));
    await writeFile(join(dir, "sources", "news.json"), JSON.stringify({ version: 1, ...legacy }));
    const { state, problem } = await store.loadSource("news", { articles: false });
    expect(problem).toBeNull();
    expect(state.articles.map((a) => a.id)).toEqual(["a", "b"]);
    expect(state.articleCount).toBe(2);
  });

  it("reports a corrupt articles file and drops the validators so the next fetch downloads again", async () => {
    const store = openStateStore(dir, { now: () => now });
    await store.saveSource(saved());
    await writeFile(join(dir, "sources", "news.articles.json"), "{ truncated");
    const { state, problem } = await store.loadSource("news");
    expect(problem).toMatch(/articles file .* is not valid JSON/);
    expect(state.articles).toEqual([]);
    expect(state.etag).toBeNull();
    expect(state.firstSeen).toHaveProperty("a");
  });
});
