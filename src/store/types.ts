import type { Article } from "../model.js";

// Contract of the store stage: what crier remembers per source between runs.

export interface SourceState {
  id: string;
  etag: string | null;
  lastModified: string | null;
  /** The articles of the last successful fetch (normalized, dates already resolved). */
  articles: Article[];
  /**
   * How many articles are stored. Set when the state was loaded without its articles
   * (`loadSource(id, { articles: false })`: a build where the source answered 304 never parses them).
   */
  articleCount?: number;
  /** Article id → ISO time crier first saw it; undated/future-dated articles use it, forever. */
  firstSeen: Record<string, string>;
  /**
   * Article id → ISO time crier last saw it in the source (additive; absent in hand-made states). Lets
   * first-seen entries of vanished articles expire without ever dropping one that is still published.
   */
  lastSeen?: Record<string, string>;
  /**
   * Set on a state served from the sources index (`loadSource(id, { articles: false })` on a warm build):
   * its firstSeen/lastSeen are empty placeholders for the stored maps. `loadArticles` fills them and clears
   * this; `saveSource` keeps the stored maps; `assignFirstSeen` refuses such a state. Never written.
   */
  firstSeenPending?: true;
  lastAttempt: string | null;
  lastSuccess: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Failing since (ISO), while consecutiveFailures > 0. */
  failingSince: string | null;
  /** Do not fetch before this ISO time (Retry-After), kept across runs. */
  retryAfter: string | null;
  /**
   * A digest of the source's config when its validators and articles were stored (null: written before
   * crier kept one). Validators of another URL or another way of reading it are not sent.
   */
  configDigest?: string | null;
  /**
   * What the source said of itself at its last successful read: its feed's title and home page (null when
   * it names none). The pages and the OPML show them for a source none of whose articles is published.
   */
  sourceTitle?: string | null;
  sourceUrl?: string | null;
  /**
   * html sources: published items whose detail page failed → failed attempts so far. Their pages are asked
   * for again at the next runs, up to a limit (worker/detailRetries.ts).
   */
  detailRetries?: Record<string, number>;
  counters: { fetches: number; notModified: number; failures: number };
}

export interface SourceStatus {
  id: string;
  ok: boolean;
  /** True once consecutiveFailures reached state.failureThreshold. */
  dead: boolean;
  items: number;
  lastSuccess: string | null;
  failingSince: string | null;
  consecutiveFailures: number;
  lastError: string | null;
}

export interface BuildStatus {
  /** ISO time the last build finished. */
  builtAt: string;
  /** ISO time the published article set last changed (what index.html shows; no churn). */
  changedAt: string | null;
  durationMs: number;
  sources: SourceStatus[];
  /** Hash of crier's version, the config and the output folder: a build may skip rendering only if equal. */
  fingerprint?: string;
  /**
   * Per feed set (name null: the combined set): its article count, reported again when rendering is
   * skipped, and when its feeds last changed (its index.html shows that, so a change elsewhere does not
   * rewrite it).
   */
  outputs?: {
    name: string | null;
    items: number;
    changedAt?: string;
    pages?: string[];
    feeds?: string;
    /**
     * The articles the set published ("<source>\u0000<id>", the source's own id): when a story reaches
     * crier again from another source, the copy already published keeps its place, so its id never changes.
     */
    picks?: string[];
    /**
     * The dedupe keys of those articles, and of earlier ones no longer candidates that still hold back
     * another source's copy of their story (by "<source>\u0000<id>"): such a copy is no new item.
     */
    stories?: Record<string, string[]>;
  }[];
  /**
   * Source-local ids ("<source>\u0000<id>") written as urn:crier:<source>:guid:<id> because two sources
   * shared them: they keep that form in later builds, so an id never changes back.
   */
  namespacedIds?: string[];
  /**
   * Source-local ids written bare ("<source>\u0000<id>" → the dedupe keys of the item's story), most
   * recently published first: those published now and the last ones before (aggregate/ids.ts). Another
   * source's item of such an id is written namespaced, so a bare id readers have never names another item.
   */
  bareIds?: Record<string, string[]>;
}
