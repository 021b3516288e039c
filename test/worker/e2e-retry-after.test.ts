import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { runBuild } from "../../src/worker/index.js";
import { noticeList, noticePage, project, rssFeed, site } from "../fixtures/worker/kit.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

// Issue 5, test 4: a 429/503 with Retry-After silences the source until that time — across builds (the
// time is stored) — and it is fetched again afterwards. Later builds run with an injected clock.

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const MINUTE = 60_000;

describe("Retry-After honoured across builds (runBuild with an injected clock)", () => {
  it("429 with delta-seconds, then 503 with an HTTP date: skipped before the time, fetched after", async () => {
    let answer: { status: number; retryAfter?: string } = { status: 200 };
    const server = await startServer((req, res) => {
      if (req.url === "/other.xml" || answer.status === 200) {
        const id = req.url === "/other.xml" ? "Other" : "Busy";
        res.writeHead(200, { "content-type": "application/rss+xml" }).end(
          rssFeed(id, [
            {
              guid: `${id}-1`,
              title: `${id} notice`,
              link: `https://${id.toLowerCase()}.example/1`,
              pubDate: "Mon, 06 May 2024 10:00:00 GMT",
            },
          ]),
        );
        return;
      }
      res
        .writeHead(answer.status, answer.retryAfter ? { "retry-after": answer.retryAfter } : {})
        .end("slow down");
    });
    servers.push(server);
    const p = await project({
      site,
      // Retries are on: a rate-limit answer must still not be retried within the build.
      fetch: { retries: 2 },
      sources: [
        { id: "busy", type: "feed", url: server.url("/busy.xml") },
        { id: "other", type: "feed", url: server.url("/other.xml") },
      ],
    });
    const loaded = await loadConfig(p.config);
    const busyRequests = () => server.requests.filter((r) => r.url === "/busy.xml").length;
    const otherRequests = () => server.requests.filter((r) => r.url === "/other.xml").length;
    const logs: string[] = [];
    const build = async (at: Date) => {
      const report = await runBuild({ loaded, now: () => at, log: (line) => logs.push(line) });
      return {
        busy: report.sources.find((s) => s.id === "busy")!,
        other: report.sources.find((s) => s.id === "other")!,
      };
    };
    const storedRetryAfter = async () =>
      JSON.parse(await readFile(path.join(p.state, "sources", "busy.json"), "utf8")).retryAfter as
        | string
        | null;
    const publishedTitles = async () =>
      JSON.parse(await readFile(path.join(p.out, "feed.json"), "utf8"))
        .items.map((i: { title: string }) => i.title)
        .sort();

    const t0 = new Date();
    expect((await build(t0)).busy).toMatchObject({ ok: true, items: 1 });
    expect(busyRequests()).toBe(1);

    // 429 + Retry-After: 120 (seconds).
    answer = { status: 429, retryAfter: "120" };
    const limited = await build(new Date());
    expect(limited.busy).toMatchObject({ ok: false, items: 1 });
    expect(limited.busy.error).toMatch(/rate limited/);
    expect(busyRequests()).toBe(2); // not retried within the build
    const until = await storedRetryAfter();
    expect(until).not.toBeNull();
    const untilMs = Date.parse(until!);
    expect(untilMs - t0.getTime()).toBeGreaterThanOrEqual(119_000);
    expect(untilMs - Date.now()).toBeLessThanOrEqual(121_000);

    // One minute later: no request at all reaches the server for that source; the other source is fetched.
    answer = { status: 200 };
    const early = await build(new Date(t0.getTime() + MINUTE));
    expect(busyRequests()).toBe(2);
    // Reported with its stored health (the 429 was a failure), as status.json and the page show it.
    expect(early.busy).toMatchObject({ ok: false, items: 1, skipped: "retry-after" });
    expect(early.busy.error).toMatch(/rate limited/);
    expect(early.other).toMatchObject({ ok: true });
    expect(otherRequests()).toBe(3);
    expect(logs.some((l) => /source busy: skipped, server asked to wait until/.test(l))).toBe(true);
    expect(await publishedTitles()).toEqual(["Busy notice", "Other notice"]);

    // Past the Retry-After time it is fetched again, and the stored time is cleared.
    const after = await build(new Date(untilMs + 1000));
    expect(busyRequests()).toBe(3);
    expect(after.busy).toMatchObject({ ok: true, items: 1 });
    expect(after.busy.skipped).toBeUndefined();
    expect(await storedRetryAfter()).toBeNull();

    // 503 with an HTTP date one hour ahead (of real time, which is when the server answers).
    const httpDate = new Date(Math.ceil((Date.now() + 60 * MINUTE) / 1000) * 1000);
    answer = { status: 503, retryAfter: httpDate.toUTCString() };
    const unavailable = await build(new Date());
    expect(unavailable.busy).toMatchObject({ ok: false, items: 1 });
    expect(busyRequests()).toBe(4); // a 503 with Retry-After is not retried either
    expect(await storedRetryAfter()).toBe(httpDate.toISOString());

    answer = { status: 200 };
    expect((await build(new Date(httpDate.getTime() - 30 * MINUTE))).busy).toMatchObject({
      skipped: "retry-after",
    });
    expect((await build(new Date(httpDate.getTime() - 1000))).busy).toMatchObject({ skipped: "retry-after" });
    expect(busyRequests()).toBe(4);
    const recovered = await build(new Date(httpDate.getTime() + 1000));
    expect(busyRequests()).toBe(5);
    expect(recovered.busy).toMatchObject({ ok: true, items: 1 });
    expect(recovered.busy.skipped).toBeUndefined();
    const status = JSON.parse(await readFile(path.join(p.state, "status.json"), "utf8"));
    expect(status.sources.find((s: { id: string }) => s.id === "busy")).toMatchObject({
      ok: true,
      consecutiveFailures: 0,
    });
  }, 60_000);
});

describe("Retry-After on an html source's detail pages", () => {
  it("stops fetching detail pages, defers their items and waits before reading the source again", async () => {
    let limited = true;
    const server = await startServer((req, res) => {
      if (req.url === "/list.html") {
        const entries = Array.from({ length: 10 }, (_, n) => ({
          path: `/d/${n}.html`,
          title: `Notice ${n}`,
          date: `2024-05-${String(n + 1).padStart(2, "0")}`,
        }));
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(noticeList(entries));
        return;
      }
      if (limited) return void res.writeHead(429, { "retry-after": "120" }).end("slow down");
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(noticePage("Notice", "Full text of the notice."));
    });
    servers.push(server);
    const p = await project({
      site,
      sources: [
        {
          id: "board",
          type: "html",
          url: server.url("/list.html"),
          list: { item: "ul.list li", title: "a", link: "a@href", date: "span.date" },
          detail: { content: "p" },
        },
      ],
    });
    const loaded = await loadConfig(p.config);
    const detailRequests = () => server.requests.filter((r) => r.url.startsWith("/d/")).length;
    // The fetcher dates Retry-After by the real clock, so the builds run at real times.
    const t0 = new Date();
    const logs: string[] = [];

    const first = await runBuild({ loaded, now: () => t0, log: (line) => logs.push(line) });
    // After the first 429 no further detail page is asked for in this run: only those already in flight
    // (4 at a time) were sent.
    expect(detailRequests()).toBeLessThanOrEqual(4);
    expect(logs.join("\n")).toMatch(
      /detail pages rate-limited: 10 new items deferred until \S+ \(Retry-After\)/,
    );
    expect(first.sources[0]).toMatchObject({ ok: true, items: 0 });
    const state = JSON.parse(await readFile(path.join(p.state, "sources", "board.json"), "utf8"));
    const waitMs = Date.parse(state.retryAfter) - t0.getTime();
    expect(waitMs).toBeGreaterThan(100_000);
    expect(waitMs).toBeLessThan(180_000);

    const before = server.requests.length;
    const early = await runBuild({ loaded, now: () => new Date(t0.getTime() + MINUTE), log: () => {} });
    expect(early.sources[0]).toMatchObject({ skipped: "retry-after" });
    expect(server.requests.length).toBe(before);

    limited = false;
    const later = await runBuild({ loaded, now: () => new Date(t0.getTime() + 3 * MINUTE), log: () => {} });
    expect(later.sources[0]).toMatchObject({ ok: true, items: 10 });
  }, 60_000);
});
