import path from "node:path";
import type { z } from "zod";
import { stateDirIssues } from "./dirs.js";
import { findDuplicateKeys } from "./duplicateKeys.js";
import { ConfigError, type ConfigIssue } from "./errors.js";
import { describeJsonError } from "./jsonPosition.js";
import { localPathIssues } from "./localPaths.js";
import { type Config, configSchema, crossFieldIssues } from "./schema.js";

// Config text → validated Config (zod). Loaded only when a config must be checked: see load.ts.

export interface ValidateOptions {
  /**
   * The config folder as written and its real path: absolute local source paths are checked against them
   * as the build does. Default: the folder of `file` when one is given; without either, absolute paths are
   * not judged (relative ones that climb out are refused anyway).
   */
  configDirs?: readonly string[];
}

export function parseConfigText(text: string, file?: string, options: ValidateOptions = {}): Config {
  let json: unknown;
  const body = text.replace(/^\uFEFF/, "");
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new ConfigError(file ?? DEFAULT_FILE, [
      { path: "", message: describeJsonError(body, error as Error) },
    ]);
  }
  const duplicates: ConfigIssue[] = findDuplicateKeys(body).map((d) => ({
    path: formatPath(d.path),
    message: `the key appears twice (lines ${d.firstLine} and ${d.line}); JSON keeps only the last value and drops the other: merge them into one`,
  }));
  if (duplicates.length === 0) return validateConfig(json, file, options);
  try {
    validateConfig(json, file, options);
  } catch (error) {
    if (error instanceof ConfigError) duplicates.push(...error.issues);
    else throw error;
  }
  throw new ConfigError(file ?? DEFAULT_FILE, duplicates);
}

const DEFAULT_FILE = "feeds.config.json";

export function validateConfig(json: unknown, file?: string, options: ValidateOptions = {}): Config {
  const result = configSchema.safeParse(json);
  const issues = result.success ? [] : formatIssues(result.error.issues, json);
  const dirs = options.configDirs ?? (file === undefined ? null : [path.dirname(path.resolve(file))]);
  for (const issue of [
    ...crossFieldIssues(json),
    ...localPathIssues(json, dirs),
    ...stateDirIssues(json, dirs),
  ])
    issues.push({ path: formatPath(issue.path), message: issue.message });
  if (issues.length > 0 || !result.success) throw new ConfigError(file ?? DEFAULT_FILE, issues);
  return result.data;
}

export function formatIssues(issues: z.core.$ZodIssue[], input: unknown): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    out.push({ path: formatPath(issue.path), message: describeIssue(issue, input) });
  }
  return out;
}

export function formatPath(parts: readonly PropertyKey[]): string {
  let out = "";
  for (const part of parts) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

// A bound the schema words itself ("must be at least 1: …") says why it is there and is kept as written.
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}; remove ${issue.keys.length > 1 ? "them" : "it"} or check the spelling`;
    case "invalid_type": {
      const actual = valueAt(input, issue.path);
      if (actual === undefined) return `required: expected ${expectedType(issue.expected)}`;
      return `expected ${expectedType(issue.expected)}, got ${describeValue(actual)}`;
    }
    case "invalid_union": {
      const actual = valueAt(input, issue.path);
      if (issue.path.at(-1) === "type" || (actual && typeof actual === "object" && "type" in actual)) {
        const type = issue.path.at(-1) === "type" ? actual : (actual as { type?: unknown }).type;
        if (type === undefined) return 'required: the source type, one of "feed", "html" or "files"';
        return `unknown source type ${JSON.stringify(type)}; expected "feed", "html" or "files"`;
      }
      return issue.message;
    }
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      // The schema's own words (a bound that says why it is there) are kept; zod's "Too small: …" is not.
      if (!issue.message.startsWith("Too small")) return issue.message;
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "must not be empty";
      // positive() is an exclusive minimum of 0: "at least 0" would accept the 0 it refuses.
      return issue.inclusive === false
        ? `must be greater than ${issue.minimum}`
        : `must be at least ${issue.minimum}`;
    case "too_big":
      if (!issue.message.startsWith("Too big")) return issue.message;
      return issue.inclusive === false
        ? `must be less than ${issue.maximum}`
        : `must be at most ${issue.maximum}`;
    default:
      return issue.message;
  }
}

function valueAt(input: unknown, parts: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of parts) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string")
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  // JSON.parse reads 1e400 as Infinity: too large for any setting.
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "a number too large to use";
  return typeof value;
}

/** zod's type names in words. */
function expectedType(expected: string): string {
  if (expected === "int") return "a whole number";
  if (expected === "number") return "a number";
  return expected;
}
