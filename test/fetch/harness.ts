import { afterEach } from "vitest";
import { createFetcher, FetchError, type Fetcher, type FetchSettings } from "../../src/fetch/index.js";
import { type Handler, type LoopbackServer, startServer } from "../helpers/server.js";

export const baseSettings: FetchSettings = {
  timeoutMs: 2000,
  retries: 2,
  concurrency: 8,
  perHost: 2,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
  userAgent: "crier-test/1.0 (+http://example.test/)",
  backoffMs: 20,
};

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A loopback server closed after the test. */
export async function serve(handler: Handler): Promise<LoopbackServer> {
  const server = await startServer(handler);
  cleanups.push(() => server.close());
  return server;
}

/** A fetcher closed after the test. */
export function fetcher(overrides: Partial<FetchSettings> = {}): Fetcher {
  const client = createFetcher({ ...baseSettings, ...overrides });
  // Registered first, closed last: servers go down before the agent, so close() does not wait on sockets.
  cleanups.unshift(() => client.close());
  return client;
}

/** The FetchError a promise rejects with (fails the test when it resolves or throws something else). */
export async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw new Error(`expected a FetchError, got ${String(error)}`);
  }
  throw new Error("expected a FetchError, but the fetch succeeded");
}
