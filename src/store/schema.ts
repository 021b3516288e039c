import { z } from "zod";
import type { BuildStatus, SourceState } from "./types.js";

// What a state file may contain. Loose on purpose where it is cheap (unknown keys are dropped, missing
// counters default) and strict where a wrong value would mislead a build (ids, dates, article shape).

export { STATE_FORMAT_VERSION } from "./format.js";

const isoDate = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), { message: "expected an ISO date" });
const nullableIso = isoDate.nullable();

export const articleSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  url: z.string().nullable(),
  content: z.string(),
  summary: z.string(),
  published: nullableIso,
  updated: nullableIso,
  authors: z.array(z.object({ name: z.string(), email: z.string().optional(), url: z.string().optional() })),
  categories: z.array(z.string()),
  enclosures: z.array(
    z.object({ url: z.string(), type: z.string().optional(), length: z.number().optional() }),
  ),
  image: z.string().nullable(),
  language: z.string().nullable(),
  source: z.object({ id: z.string(), title: z.string(), url: z.string().nullable() }),
});

const dateMap = z.record(z.string(), isoDate);

export const sourceStateSchema = z.object({
  id: z.string().min(1),
  etag: z.string().nullable().default(null),
  lastModified: z.string().nullable().default(null),
  // Format 2 keeps the articles in a file of their own (sources/<id>.articles.json); format 1 inline.
  articles: z.array(articleSchema).default([]),
  articleCount: z.number().int().min(0).optional(),
  firstSeen: dateMap.default({}),
  lastSeen: dateMap.default({}),
  lastAttempt: nullableIso.default(null),
  lastSuccess: nullableIso.default(null),
  lastError: z.string().nullable().default(null),
  consecutiveFailures: z.number().int().min(0).default(0),
  failingSince: nullableIso.default(null),
  retryAfter: nullableIso.default(null),
  configDigest: z.string().nullable().optional(),
  sourceTitle: z.string().nullable().optional(),
  sourceUrl: z.string().nullable().optional(),
  detailRetries: z.record(z.string(), z.number().int().min(1)).optional(),
  counters: z
    .object({
      fetches: z.number().int().min(0).default(0),
      notModified: z.number().int().min(0).default(0),
      failures: z.number().int().min(0).default(0),
    })
    .default({ fetches: 0, notModified: 0, failures: 0 }),
}) satisfies z.ZodType<SourceState, unknown>;

export const articlesFileSchema = z.object({
  id: z.string().min(1),
  articles: z.array(articleSchema),
});

export const stateFileSchema = z.object({
  version: z.number().int().min(1),
});

const sourceStatusSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  dead: z.boolean(),
  items: z.number(),
  lastSuccess: z.string().nullable(),
  failingSince: z.string().nullable(),
  consecutiveFailures: z.number(),
  lastError: z.string().nullable(),
});

export const buildStatusSchema = z.object({
  builtAt: z.string(),
  changedAt: z.string().nullable(),
  durationMs: z.number(),
  sources: z.array(sourceStatusSchema),
  fingerprint: z.string().optional(),
  outputs: z
    .array(
      z.object({
        name: z.string().nullable(),
        items: z.number(),
        changedAt: z.string().optional(),
        pages: z.array(z.string()).optional(),
        feeds: z.string().optional(),
        picks: z.array(z.string()).optional(),
        stories: z.record(z.string(), z.array(z.string())).optional(),
      }),
    )
    .optional(),
  namespacedIds: z.array(z.string()).optional(),
  bareIds: z.record(z.string(), z.array(z.string())).optional(),
}) satisfies z.ZodType<BuildStatus, unknown>;

/** "articles[3].published: expected an ISO date" — the first few issues, for the operator. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path
      .map((key, index) =>
        typeof key === "number" ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`,
      )
      .join("");
    return `${path || "(root)"}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? ` (+${error.issues.length - limit} more)` : "";
  return parts.join("; ") + more;
}
