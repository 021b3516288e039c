import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { Agent as PublicAgent, request as publicRequest } from "undici";
import { describe, expect, it } from "vitest";
import { Agent, request } from "../../src/fetch/undiciRequest.js";
import { ROOT } from "../helpers/cli.js";
import { serve } from "./harness.js";

// crier loads two of undici's internal modules instead of its index (see src/fetch/undiciRequest.ts): the
// result must be what undici's public request() gives, and the index must stay unloaded.

describe("fetch: undici's request() without its index", () => {
  it("sends the same request and reads the same response as undici's public request()", async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.headers["if-none-match"] === '"v1"' ? 304 : 200, {
        etag: '"v1"',
        "x-seen": req.url ?? "",
      });
      res.end(req.headers["if-none-match"] ? undefined : `hello ${req.method} ${req.url}`);
    });
    const ours = new Agent();
    const theirs = new PublicAgent();
    try {
      for (const target of ["/a/b?x=1&y=%E4%B8%AD", "/plain", "/"]) {
        for (const headers of [{ accept: "text/plain" }, { "if-none-match": '"v1"' }] as Record<
          string,
          string
        >[]) {
          const a = await request(server.url(target), {
            dispatcher: ours,
            method: "GET",
            headers,
            signal: new AbortController().signal,
          });
          const b = await publicRequest(server.url(target), { dispatcher: theirs, method: "GET", headers });
          const [bodyA, bodyB] = [await a.body.text(), await b.body.text()];
          expect(a.statusCode).toBe(b.statusCode);
          expect(a.headers["x-seen"]).toBe(target);
          expect(a.headers["x-seen"]).toBe(b.headers["x-seen"]);
          expect(bodyA).toBe(bodyB);
        }
      }
      expect(server.requests.length).toBe(12);
    } finally {
      await Promise.all([ours.close(), theirs.close()]);
    }
  });

  it("aborts through the signal", async () => {
    const server = await serve(() => {
      // never answers
    });
    const agent = new Agent();
    const controller = new AbortController();
    try {
      const pending = request(server.url("/slow"), {
        dispatcher: agent,
        method: "GET",
        headers: {},
        signal: controller.signal,
      });
      controller.abort(new Error("stop"));
      await expect(pending).rejects.toThrow("stop");
    } finally {
      await agent.destroy();
    }
  });

  it("does not load undici's index (its fetch, WebSocket and cache modules)", async () => {
    // dist is built by pretest; a child process has a module cache of its own.
    const script = `
      await import(${JSON.stringify(path.join(ROOT, "dist/fetch/undiciRequest.js"))});
      const { createRequire } = await import("node:module");
      const cache = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify(cache.filter((f) => f.includes("undici"))));`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script]);
    const loaded: string[] = JSON.parse(stdout);
    expect(loaded.some((f) => f.endsWith(path.join("undici", "lib", "dispatcher", "agent.js")))).toBe(true);
    expect(loaded.some((f) => f.endsWith(path.join("undici", "index.js")))).toBe(false);
    expect(loaded.some((f) => f.includes(path.join("lib", "web", "fetch")))).toBe(false);
  });
});
