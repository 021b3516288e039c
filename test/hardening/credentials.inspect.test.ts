import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeProject, runCrier } from "../helpers/cli.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// `crier inspect` prints a failing source's URL in its error, like build: without the credentials.

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("credentials in inspect's output", () => {
  it("are sent but not printed, for --source ID and for a URL", async () => {
    const server = await startServer((_req, res) => void res.writeHead(404).end("gone"));
    servers.push(server);
    const url = server.url("/feed.xml").replace("http://", "http://reader:s3cr3t-token@");
    const dir = await makeProject({
      site: { title: "C", url: "https://feeds.example.org/" },
      fetch: { retries: 0 },
      sources: [{ id: "private", type: "feed", url }],
    });
    const config = path.join(dir, "feeds.config.json");
    for (const args of [
      ["inspect", "--source", "private", "--config", config],
      ["inspect", url],
    ]) {
      const result = await runCrier(args, { cwd: dir });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`crier: ${server.url("/feed.xml")}: gone: the server answered 404`);
      expect(result.stderr + result.stdout).not.toContain("s3cr3t-token");
    }
    const sent = `Basic ${Buffer.from("reader:s3cr3t-token").toString("base64")}`;
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([sent, sent]);
  });
});
