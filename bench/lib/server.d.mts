import type { Corpus } from "./corpus.mjs";
export interface CorpusServer {
  origin: string;
  counts(): { total: number; ok: number; notModified: number; notFound: number; bytes: number };
  resetCounts(): void;
  close(): Promise<void>;
}
export function startCorpusServer(
  getCorpus: () => Corpus | null,
  options?: { lifetimeMs?: number; maxRequests?: number },
): Promise<CorpusServer>;
