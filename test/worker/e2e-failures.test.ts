import { readFile } from "node:fs/promises";
import path from "node:path";
import Parser from "rss-parser";
import { afterEach, describe, expect, it } from "vitest";
import { type BuildJson, project, rssFeed, site } from "../fixtures/worker/kit.js";
import { runCrier } from "../helpers/cli.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// Issue 5, test 2: a source that succeeds, then fails three different ways (500, timeout, 404), keeps its
// articles in every format, is reported failing (then dead at the threshold) and recovers when it heals.

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Mode = "ok" | "500" | "hang" | "404";

interface StatusEntry {
  id: string;
  ok: boolean;
  dead: boolean;
  items: number;
  consecutiveFailures: number;
  lastError: string | null;
  failingSince: string | null;
  lastSuccess: string | null;
}

describe("a failing source across builds (CLI)", () => {
  it("500 → timeout → 404: keeps its articles everywhere, counts failures, turns dead, then recovers", async () => {
    let mode: Mode = "ok";
    const server = await startServer((req, res) => {
      if (req.url === "/flaky.xml") {
        if (mode === "500") return void res.writeHead(500).end("internal error");
        if (mode === "404") return void res.writeHead(404).end("gone");
        if (mode === "hang") return; // never answers: the client's timeout must fire (server close ends it)
        res.writeHead(200, { "content-type": "application/rss+xml" });
        return void res.end(
          rssFeed("Flaky board", [
            {
              guid: "f1",
              title: "Flaky notice one",
              link: "https://flaky.example/1",
              pubDate: "Mon, 06 May 2024 10:00:00 GMT",
            },
            {
              guid: "f2",
              title: "Flaky notice two",
              link: "https://flaky.example/2",
              pubDate: "Sun, 05 May 2024 10:00:00 GMT",
            },
          ]),
        );
      }
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(
        rssFeed("Steady", [
          {
            guid: "s1",
            title: "Steady notice",
            link: "https://steady.example/1",
            pubDate: "Sat, 04 May 2024 10:00:00 GMT",
          },
        ]),
      );
    });
    servers.push(server);
    const p = await project({
      site,
      state: { failureThreshold: 3 },
      fetch: { retries: 0, timeoutMs: 1500, sourceDeadlineMs: 10_000 },
      sources: [
        { id: "flaky", type: "feed", url: server.url("/flaky.xml") },
        { id: "steady", type: "feed", url: server.url("/steady.xml") },
      ],
    });
    const build = async () => {
      const result = await runCrier(["build", "--config", p.config, "--json"], { timeoutMs: 30_000 });
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as BuildJson;
      const status = JSON.parse(await readFile(path.join(p.state, "status.json"), "utf8")) as {
        builtAt: string;
        sources: StatusEntry[];
      };
      return {
        stderr: result.stderr,
        flaky: report.sources.find((s) => s.id === "flaky")!,
        status: status.sources.find((s) => s.id === "flaky")!,
        builtAt: status.builtAt,
      };
    };
    const expectArticlesKept = async () => {
      const parser = new Parser();
      const rss = await parser.parseString(await readFile(path.join(p.out, "feed.xml"), "utf8"));
      const atom = await parser.parseString(await readFile(path.join(p.out, "atom.xml"), "utf8"));
      const json = JSON.parse(await readFile(path.join(p.out, "feed.json"), "utf8"));
      const html = await readFile(path.join(p.out, "index.html"), "utf8");
      const expected = ["Flaky notice one", "Flaky notice two", "Steady notice"];
      expect((rss.items ?? []).map((i) => i.title).sort()).toEqual(expected);
      expect((atom.items ?? []).map((i) => i.title).sort()).toEqual(expected);
      expect(json.items.map((i: { title: string }) => i.title).sort()).toEqual(expected);
      for (const title of expected) expect(html).toContain(title);
    };

    const healthy = await build();
    expect(healthy.status).toMatchObject({ ok: true, dead: false, consecutiveFailures: 0, items: 2 });
    const lastSuccess = healthy.status.lastSuccess;
    expect(lastSuccess).toBe(healthy.builtAt);

    mode = "500";
    const first = await build();
    expect(first.flaky).toMatchObject({ ok: false, items: 2 });
    expect(first.flaky.error).toMatch(/500/);
    expect(first.flaky.dead).toBeUndefined();
    expect(first.stderr).toMatch(/source flaky: FAILED: .*500/);
    expect(first.status).toMatchObject({
      ok: false,
      dead: false,
      consecutiveFailures: 1,
      lastSuccess,
      failingSince: first.builtAt,
    });
    expect(first.status.lastError).toMatch(/500/);
    await expectArticlesKept();

    mode = "hang";
    const second = await build();
    expect(second.flaky).toMatchObject({ ok: false, items: 2 });
    expect(second.flaky.error).toMatch(/time/i);
    expect(second.status).toMatchObject({
      ok: false,
      dead: false,
      consecutiveFailures: 2,
      lastSuccess,
      // Still failing since the first failure, not since this one.
      failingSince: first.builtAt,
    });
    expect(second.status.lastError).toMatch(/time/i);
    await expectArticlesKept();

    mode = "404";
    const third = await build();
    expect(third.flaky).toMatchObject({ ok: false, items: 2, dead: true });
    expect(third.flaky.error).toMatch(/404/);
    expect(third.stderr).toMatch(/source flaky: FAILED: .*\[DEAD\]/);
    expect(third.status).toMatchObject({
      ok: false,
      dead: true,
      consecutiveFailures: 3,
      lastSuccess,
      failingSince: first.builtAt,
    });
    expect(third.status.lastError).toMatch(/404/);
    await expectArticlesKept();
    // The dead source is shown as such on the index page.
    expect(await readFile(path.join(p.out, "index.html"), "utf8")).toMatch(
      /<tr class="dead" data-source="flaky">/,
    );

    mode = "ok";
    const healed = await build();
    expect(healed.flaky).toMatchObject({ ok: true, items: 2 });
    expect(healed.flaky.dead).toBeUndefined();
    expect(healed.status).toMatchObject({
      ok: true,
      dead: false,
      consecutiveFailures: 0,
      lastError: null,
      failingSince: null,
      lastSuccess: healed.builtAt,
    });
    await expectArticlesKept();
  }, 120_000);
});
