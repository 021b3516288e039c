import { createRequire } from "node:module";
import type { Dispatcher, Agent as UndiciAgent } from "undici";
import type { AttemptAbort } from "./abortHandles.js";

// Only the parts of undici crier uses. `import "undici"` evaluates ~110 modules (fetch, WebSocket, caches,
// mocks, SQLite store): about 0.1 s of every run, a fifth of a no-change build. The version is pinned in
// package.json; test/fetch/undiciRequest.test.ts fails if these paths move.
const require = createRequire(import.meta.url);
const AgentClass: typeof UndiciAgent = require("undici/lib/dispatcher/agent.js");
const apiRequest: (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData> =
  require("undici/lib/api/api-request.js");

export const Agent = AgentClass;
export type Agent = UndiciAgent;

export interface RequestOptions {
  dispatcher: Dispatcher;
  method: Dispatcher.HttpMethod;
  headers: Record<string, string>;
  /** An AbortSignal, or an EventEmitter-shaped one (undici accepts both; see abortHandles.ts). */
  signal: AbortSignal | AttemptAbort;
}

/** undici's `request(url, options)` (what its index.js wraps around the same function), for http(s) URLs. */
export function request(url: URL | string, options: RequestOptions): Promise<Dispatcher.ResponseData> {
  const parsed = typeof url === "string" ? new URL(url) : url;
  const { dispatcher, ...rest } = options;
  return apiRequest.call(dispatcher, {
    ...rest,
    // undici's types list AbortSignal | EventEmitter; its code needs only on/once/removeListener.
    signal: rest.signal as Dispatcher.RequestOptions["signal"],
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
  });
}
