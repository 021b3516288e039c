// Types for the bench's plain-JS corpus, so test/bench can import it under strict TypeScript.
export interface CorpusDocument {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: string;
}
export interface CorpusSource {
  id: string;
  kind: "rss" | "atom" | "html";
  s: number;
  path: string;
  window: number;
  count: number;
  generation: number;
}
export interface CorpusView {
  origin: string;
  sources: CorpusSource[];
  feedSources: CorpusSource[];
  htmlSources: CorpusSource[];
  change(options?: { every?: number; offset?: number }): string[];
}
export interface Corpus {
  origin: string;
  get(path: string): CorpusDocument | null;
  mainBytes(list?: CorpusSource[]): number;
  select(count: number): CorpusView;
}
export function createCorpus(options: {
  feeds: number;
  items: number;
  html: number;
  htmlItems?: number;
  origin: string;
}): Corpus;
