import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeProject, runCrier } from "../helpers/cli.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";
import { readOutputFiles } from "./outputFiles.js";

// A source URL may carry credentials (https://user:secret@host/feed.xml). crier fetches with them (Basic
// authorization, to that URL's origin only), but the files others read (feeds, pages, OPML, status.json)
// never show them.

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("credentials in source URLs", () => {
  it("appear in no output file and not in status.json, for a working and a failing source", async () => {
    const authorization = `Basic ${Buffer.from("reader:s3cr3t-token").toString("base64")}`;
    const server = await startServer((req, res) => {
      if (req.headers.authorization !== authorization) {
        return void res.writeHead(401, { "www-authenticate": 'Basic realm="feeds"' }).end();
      }
      if (req.url?.startsWith("/bad")) return void res.writeHead(500).end("down");
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(
          '<?xml version="1.0"?><rss version="2.0"><channel><title>C</title><description>d</description>' +
            "<item><title>one</title><guid>urn:x:1</guid></item></channel></rss>",
        );
    });
    servers.push(server);
    const withSecret = (p: string) => server.url(p).replace("http://", "http://reader:s3cr3t-token@");
    const dir = await makeProject({
      site: { title: "C", url: "https://feeds.example.org/" },
      fetch: { retries: 0 },
      sources: [
        { id: "good", type: "feed", url: withSecret("/feed.xml") },
        { id: "bad", type: "feed", url: withSecret("/bad.xml") },
      ],
    });
    const result = await runCrier(["build", "--config", path.join(dir, "feeds.config.json"), "--json"], {
      cwd: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    // The credentials were used (the server refuses requests without them): the good source was read.
    expect(JSON.parse(result.stdout).sources).toMatchObject([
      { id: "good", ok: true, items: 1 },
      { id: "bad", ok: false, error: expect.stringContaining("500") },
    ]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([authorization, authorization]);
    expect(result.stderr).not.toContain("s3cr3t-token");
    const files = await readOutputFiles(path.join(dir, "output"));
    files.set("status.json", await readFile(path.join(dir, ".crier", "status.json"), "utf8"));
    const leaking = [...files].filter(([, text]) => text.includes("s3cr3t-token")).map(([name]) => name);
    expect(leaking).toEqual([]);
    // The failure is still reported, with the URL minus its credentials.
    expect(files.get("index.html")).toContain(`${server.url("/bad.xml")}`);
  });
});
