import { z } from "zod";
import { isEmailAddress } from "../email.js";
import { normalizeCharset } from "../fetch/charsetLabels.js";
import { languageTag } from "../languageTag.js";
import { checkRegexSafety, filterRegexFlags } from "../normalize/regexSafety.js";
import { validateSchedule } from "../worker/schedule.js";
import { cssSelectorProblem } from "./cssSelector.js";
import { DEFAULT_STATE_DIR } from "./defaults.js";
import { isHttpUrl } from "./urls.js";

// The config contract of design §4. Every object is strict: an unknown key is a typo until proven otherwise.
// Descriptions here are copied into feeds.schema.json (see scripts/write-schema.ts and its test).

const httpUrl = z
  .string()
  .refine((value) => isHttpUrl(value), { message: "expected an http(s) URL" })
  .describe("An absolute http:// or https:// URL.");

/** feed/html sources may point at a local file (relative to the config file) so examples work offline. */
const sourceLocation = z
  .string()
  .min(1)
  .refine((value) => isHttpUrl(value) || isLocalReference(value), {
    message: "expected an http(s) URL, a file: URL or a path relative to the config file",
  })
  .describe("An http(s) URL, or a file path / file: URL relative to the config file (for local examples).");

const language = z
  .string()
  .min(1)
  .refine((value) => languageTag(value) !== null, {
    message: "expected a language tag such as en, zh-Hant, zh-CN or ja (BCP 47, an ISO 639 language)",
  });

const ianaZone = z
  .string()
  .refine((value) => isIanaZone(value), {
    message: "expected an IANA time zone such as Asia/Shanghai or UTC",
  })
  .describe("IANA time zone name used for dates that carry no zone.");

/**
 * What undici sends as a header value (it refuses anything else, and the request fails): Latin-1, without
 * control characters. Tabs and C1 controls pass undici but have no place in a User-Agent.
 */
const HEADER_VALUE = /^[\x20-\x7e\xa0-\xff]+$/;

/**
 * The longest delay Node.js timers take (2^31 − 1 ms, about 24.8 days): a longer one fires after 1 ms, so
 * a generous timeout would fail every request at once. Every timer derived from a config duration fits.
 */
const MAX_TIMER_MS = 2_147_483_647;
/** The client caps a whole attempt at 3 × timeoutMs (src/fetch/client.ts). */
const MAX_TIMEOUT_MS = Math.floor(MAX_TIMER_MS / 3);

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, {
  message:
    "expected 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit (it becomes a file name)",
});

const regexSource = z
  .string()
  .min(1)
  .superRefine((value, ctx) => {
    const flags = filterRegexFlags(value);
    const problem = compiles(value, flags)
      ? checkRegexSafety(value, flags)
      : "expected a valid JavaScript regular expression";
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** An html source selector: CSS, or `css@attr` unless `plainCss`; checked as the build parses it. */
function selector(plainCss = false) {
  return z
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      const problem = cssSelectorProblem(value, plainCss);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** A name shown to readers (a title, an author): spaces alone would publish a blank one. */
/** Text a reader sees: at least one character that is neither a space nor a control or invisible one. */
const displayText = () =>
  z
    .string()
    .min(1)
    .regex(/\S/, { message: "must not be blank (spaces only)" })
    .refine((value) => /[^\s\p{Cc}\p{Cf}\p{Z}]/u.test(value), {
      message:
        "must have visible text: control and invisible characters (U+0001, U+200B …) alone count as blank",
    });

const author = z
  .object({
    name: displayText(),
    email: z
      .string()
      .refine(isEmailAddress, {
        message: "expected an e-mail address such as news@example.org (no name, no mailto:)",
      })
      .optional(),
    url: httpUrl.optional(),
  })
  .strict();

export const transformSchema = z
  .object({
    pattern: z.string().min(1).describe("JavaScript regular expression source (no slashes)."),
    flags: z
      .string()
      .regex(/^[gimsuy]*$/, { message: "expected regex flags from g, i, m, s, u, y" })
      .superRefine((value, ctx) => {
        const twice = [...value].find((flag, index) => value.indexOf(flag) !== index);
        if (twice) {
          ctx.addIssue({
            code: "custom",
            message: `flag "${twice}" is given twice; each of g, i, m, s, u, y may appear once`,
          });
        }
      })
      .default("g")
      .describe("Regex flags; default g."),
    replace: z.string().default("").describe("Replacement ($1 etc. allowed); default empty."),
    field: z
      .enum(["title", "content", "all"])
      .default("all")
      .describe("What the transform applies to: title, content (text and HTML text) or all."),
  })
  .strict()
  .superRefine((t, ctx) => {
    // Bad flags are reported at `flags`; the pattern is judged with the valid ones.
    const flags = [...new Set(t.flags.replace(/[^gimsuy]/g, ""))].join("");
    const problem = compiles(t.pattern, flags)
      ? checkRegexSafety(t.pattern, flags)
      : "expected a valid JavaScript regular expression";
    if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: problem });
  });

export const filterSchema = z
  .object({
    title: regexSource.optional().describe("Regex tested against the title (case-insensitive)."),
    content: regexSource.optional().describe("Regex tested against the plain text of the content."),
    tags: z
      .array(z.string().min(1))
      .optional()
      .describe("Matches when the article carries any of these tags."),
  })
  .strict()
  // An empty filter matches nothing: as `include` it would silently drop every article.
  .refine((filter) => filter.title !== undefined || filter.content !== undefined || filter.tags?.length, {
    message:
      'expected at least one of "title", "content" or "tags" (a non-empty list); an empty filter matches nothing',
  })
  .describe("An article matches when any given condition matches.");

const sourceCommon = {
  id: slug.describe("Unique source id; used in state file names and reports."),
  title: displayText().optional().describe("Display name; default: the feed's own title, else the id."),
  tags: z.array(z.string().min(1)).default([]).describe("Tags for outputs and filters."),
  enabled: z.boolean().default(true).describe("Set false to skip the source without deleting it."),
  timezone: ianaZone.optional(),
  language: language.optional().describe("BCP 47 language of the source's articles."),
  encoding: z
    .string()
    .min(1)
    .refine((value) => normalizeCharset(value) !== null, {
      message: "unknown charset; expected e.g. utf-8, gbk, gb18030, big5, shift_jis, euc-kr, windows-1252",
    })
    .optional()
    .describe("Force a charset (gbk, big5, shift_jis, …) over detection."),
  transforms: z.array(transformSchema).default([]).describe("Regex replacements applied to titles and text."),
  include: filterSchema.optional().describe("Keep only articles matching this filter."),
  exclude: filterSchema.optional().describe("Drop articles matching this filter."),
  maxItems: z
    .number()
    .int()
    .positive()
    .max(10000)
    .optional()
    .describe("Keep at most this many newest articles."),
};

export const feedSourceSchema = z
  .object({
    type: z.literal("feed"),
    url: sourceLocation,
    ...sourceCommon,
  })
  .strict();

export const htmlSourceSchema = z
  .object({
    type: z.literal("html"),
    url: sourceLocation,
    ...sourceCommon,
    list: z
      .object({
        item: selector(true).describe("CSS selector of one list entry."),
        title: selector().describe("Selector (text) or css@attr within the entry."),
        link: selector().optional().describe("Selector within the entry; default its href. e.g. a@href"),
        date: selector().optional(),
        summary: selector().optional(),
        next: selector().optional().describe("Selector of the next-page link (pagination)."),
        maxPages: z.number().int().min(1).max(50).default(1).describe("Pages followed at most."),
      })
      .strict(),
    detail: z
      .object({
        content: selector().optional(),
        date: selector().optional(),
        title: selector().optional(),
        author: selector().optional(),
        maxFetches: z
          .number()
          .int()
          // New items wait for their page: with 0, a source would publish nothing, ever, and report ok.
          .min(1, {
            message:
              'must be at least 1: new items wait for their detail page, so 0 would publish none of them, ever; to publish list entries without their pages, remove "detail"',
          })
          .max(1000)
          .optional()
          .describe("New detail pages fetched per run at most (default 50); the rest wait for the next run."),
      })
      .strict()
      .optional()
      .describe("Selectors on each new item's own page; known items are never re-fetched."),
  })
  .strict();

export const filesSourceSchema = z
  .object({
    type: z.literal("files"),
    path: z
      .string()
      .min(1)
      .describe(
        "Glob of .txt/.md/.html files relative to the config file; it may not leave that folder. A backslash escapes a glob character (notice \\(1\\).txt); a path naming an existing file as written reads it too.",
      ),
    ...sourceCommon,
  })
  .strict();

export const sourceSchema = z.discriminatedUnion("type", [
  feedSourceSchema,
  htmlSourceSchema,
  filesSourceSchema,
]);

export const outputSchema = z
  .object({
    name: slug.describe("Sub-folder of the output dir for this feed set."),
    title: displayText(),
    description: z.string().optional(),
    sources: z
      .array(z.string())
      .min(1, {
        message: "an empty list selects nothing: name at least one source id, or leave it out for all",
      })
      .optional()
      .describe("Source ids to include; default all."),
    tags: z
      .array(z.string().min(1))
      .min(1, { message: "an empty list selects nothing: name at least one tag, or leave it out" })
      .optional()
      .describe("Include articles from sources with any of these tags."),
    include: filterSchema.optional(),
    exclude: filterSchema.optional(),
    maxItems: z.number().int().positive().max(10000).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    site: z
      .object({
        title: displayText(),
        url: httpUrl
          .refine((value) => !hasCredentials(value), {
            message:
              "must not contain a user name or password (user:password@): site.url is published in every feed and page and sent in the User-Agent",
          })
          .describe("Public URL where the output folder is served; feed self links derive from it."),
        description: z.string().default(""),
        language: language.default("en").describe("BCP 47 tag, e.g. zh-Hant; becomes xml:lang."),
        author: author.optional().describe("Feed-level author; Atom requires one. Default: the site title."),
      })
      .strict(),
    output: z
      .object({
        dir: z.string().min(1).default("output"),
        maxItems: z.number().int().positive().max(10000).default(100),
        xsl: z.boolean().default(false).describe("Write feed.xsl so feeds opened in a browser are readable."),
      })
      .strict()
      .default({ dir: "output", maxItems: 100, xsl: false }),
    state: z
      .object({
        dir: z.string().min(1).default(DEFAULT_STATE_DIR),
        failureThreshold: z
          .number()
          .int()
          .positive()
          .default(5)
          .describe("Consecutive failures after which a source is reported as dead."),
      })
      .strict()
      .default({ dir: DEFAULT_STATE_DIR, failureThreshold: 5 }),
    schedule: z
      .string()
      .superRefine((value, ctx) => {
        // node-cron's own reason (the worker runs it), e.g. which field is out of range.
        const problem = validateSchedule(value);
        if (problem === null) return;
        const reason = value.trim() === "" ? "empty" : problem.replace(/ is a invalid /, " is an invalid ");
        ctx.addIssue({
          code: "custom",
          message: `${reason}; expected a cron expression of 5 or 6 fields ([second] minute hour day-of-month month day-of-week), e.g. "*/30 * * * *"`,
        });
      })
      .default("*/30 * * * *")
      .describe("Cron expression for crier watch (5 or 6 fields)."),
    timezone: ianaZone.default("UTC"),
    fetch: z
      .object({
        timeoutMs: z
          .number()
          .int()
          .positive()
          .max(MAX_TIMEOUT_MS, {
            message: `must be at most ${MAX_TIMEOUT_MS} (about 8.3 days): a whole attempt may take 3 × timeoutMs, and Node.js cannot wait longer than ${MAX_TIMER_MS} ms (a longer timer fires at once)`,
          })
          .default(15000)
          .describe("Per request: connect, headers, body idle."),
        sourceDeadlineMs: z
          .number()
          .int()
          .positive()
          .max(MAX_TIMER_MS, {
            message: `must be at most ${MAX_TIMER_MS} (about 24.8 days): Node.js cannot wait longer (a longer timer fires at once)`,
          })
          .default(60000)
          .describe("Overall time one source may take, detail pages and retries included."),
        retries: z.number().int().min(0).max(10).default(2),
        concurrency: z.number().int().positive().max(256).default(8),
        perHost: z.number().int().positive().max(64).default(2),
        maxBytes: z
          .number()
          .int()
          .positive()
          .default(10 * 1024 * 1024),
        maxRedirects: z.number().int().min(0).max(20).default(5),
        userAgent: z
          .string()
          .min(1)
          .regex(HEADER_VALUE, {
            message:
              "expected a valid HTTP header value: printable ASCII or Latin-1 characters only (U+0020–U+007E, U+00A0–U+00FF); no line breaks, tabs or other control characters, and nothing beyond U+00FF such as Chinese text (write it in Latin letters or percent-encode it)",
          })
          .regex(/[!-~\xa1-\xff]/, {
            message:
              "must not be blank: name the client and a contact, e.g. crier/1.0 (+https://example.org/), or leave it out for the default",
          })
          .optional()
          .describe("Default: crier/<version> (+<site.url>)."),
      })
      .strict()
      .default({
        timeoutMs: 15000,
        sourceDeadlineMs: 60000,
        retries: 2,
        concurrency: 8,
        perHost: 2,
        maxBytes: 10 * 1024 * 1024,
        maxRedirects: 5,
      }),
    sources: z.array(sourceSchema).describe("Where announcements come from."),
    outputs: z.array(outputSchema).default([]).describe("Extra feed sets under <output.dir>/<name>/."),
  })
  .strict();

/**
 * Checks across fields (unique ids, known output sources). They run on the raw JSON as well, so that a
 * duplicate id is reported together with every other problem instead of after they are fixed.
 */
export function crossFieldIssues(input: unknown): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const root = (input ?? {}) as { sources?: unknown; outputs?: unknown };
  const seen = new Map<string, number>();
  if (Array.isArray(root.sources)) {
    root.sources.forEach((source: unknown, index) => {
      const id = (source as { id?: unknown } | null)?.id;
      if (typeof id !== "string") return;
      const first = seen.get(id);
      if (first !== undefined) {
        issues.push({
          path: ["sources", index, "id"],
          message: `duplicate source id "${id}" (also sources[${first}].id); ids must be unique`,
        });
      } else {
        seen.set(id, index);
      }
    });
  }
  if (Array.isArray(root.outputs)) {
    const names = new Set<string>();
    root.outputs.forEach((output: unknown, index) => {
      const o = (output ?? {}) as { name?: unknown; sources?: unknown };
      if (typeof o.name === "string") {
        if (names.has(o.name)) {
          issues.push({ path: ["outputs", index, "name"], message: `duplicate output name "${o.name}"` });
        }
        names.add(o.name);
      }
      if (!Array.isArray(o.sources)) return;
      o.sources.forEach((id: unknown, j) => {
        if (typeof id === "string" && !seen.has(id)) {
          issues.push({
            path: ["outputs", index, "sources", j],
            message: `unknown source id "${id}"; expected one of: ${[...seen.keys()].join(", ")}`,
          });
        }
      });
    });
  }
  return issues;
}

export type Config = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type FeedSourceConfig = z.infer<typeof feedSourceSchema>;
export type HtmlSourceConfig = z.infer<typeof htmlSourceSchema>;
export type FilesSourceConfig = z.infer<typeof filesSourceSchema>;
export type OutputConfig = z.infer<typeof outputSchema>;
export type TransformConfig = z.infer<typeof transformSchema>;
export type FilterConfig = z.infer<typeof filterSchema>;
export type FetchConfig = Config["fetch"];

function isLocalReference(value: string): boolean {
  if (value.startsWith("file:")) return true;
  // A bare path: no scheme (Windows drive letters aside, which crier does not target).
  return !/^[a-z][a-z0-9+.-]*:/i.test(value);
}

// A config of 1000 sources names a handful of zones; building a DateTimeFormat per source cost ~40 ms.
const knownZones = new Map<string, boolean>();

function isIanaZone(value: string): boolean {
  let known = knownZones.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(value, known);
  }
  return known;
}

/** site.url is public: a `user:password@` in it would be published and sent to every source. */
function hasCredentials(value: string): boolean {
  try {
    const url = new URL(value);
    return url.username !== "" || url.password !== "";
  } catch {
    return false;
  }
}

function compiles(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}
