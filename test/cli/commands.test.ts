import { mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import { makeProject, ROOT, runCrier } from "../helpers/cli.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("crier --help / --version / usage", () => {
  it("prints help listing every command and exit code", async () => {
    const result = await runCrier(["--help"]);
    expect(result.code).toBe(0);
    for (const word of [
      "build",
      "inspect",
      "check",
      "watch",
      "--strict",
      "--offline",
      "--json",
      "Exit codes",
    ]) {
      expect(result.stdout).toContain(word);
    }
  });

  it("prints the package version", async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8"));
    const result = await runCrier(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it("exits 1 on an unknown command or an option the command does not take", async () => {
    const unknown = await runCrier(["publish"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown command "publish"');
    const wrong = await runCrier(["check", "--strict"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("check does not take --strict");
  });

  it("exits 1 naming CRIER_PARSE_THREADS when it is not a count, before anything is written", async () => {
    const dir = await makeProject({ site: { title: "T", url: "https://t.example/" }, sources: [] });
    const result = await runCrier(["build"], { cwd: dir, env: { CRIER_PARSE_THREADS: "many" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CRIER_PARSE_THREADS must be an integer from 0 to 64, got "many"');
    await expect(readFile(path.join(dir, "output", "feed.xml"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("crier check", () => {
  it("accepts the bundled config", async () => {
    const result = await runCrier(["check"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/ok \(\d+ sources\)/);
  });

  it("keeps a library's console.log off stdout, which holds the --json report only", async () => {
    const chatty = path.join(ROOT, "test", "fixtures", "cli", "chatty-library.mjs");
    const result = await runCrier(["check", "--json"], { env: { NODE_OPTIONS: `--import=${chatty}` } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, issues: [] });
    expect(result.stderr).toContain("library chatter");
  });

  it("prints every problem with its JSON path and exits 1; --json gives them as data", async () => {
    const dir = await makeProject({
      site: { title: "T", url: "https://x.example/" },
      sources: [
        { id: "a", type: "feed", url: "https://a.example/rss" },
        { id: "a", type: "feed", url: "https://b.example/rss" },
        { id: "c", type: "feed", url: "ftp://c.example/rss", colour: "red" },
      ],
    });
    const config = path.join(dir, "feeds.config.json");
    const result = await runCrier(["check", "--config", config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('sources[1].id: duplicate source id "a"');
    expect(result.stderr).toContain('sources[2]: unknown key "colour"');
    expect(result.stderr).toContain("sources[2].url: expected an http(s) URL");
    const json = await runCrier(["check", "--config", config, "--json"]);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.ok).toBe(false);
    expect(parsed.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["sources[1].id", "sources[2]", "sources[2].url"]),
    );
  });
});

describe("crier inspect", () => {
  /** `crier inspect URL --json` of an RSS channel served over loopback. */
  const inspectRss = async (channel: string) => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel>${channel}</channel></rss>`);
    });
    servers.push(server);
    const result = await runCrier(["inspect", server.url("/feed.xml"), "--json"]);
    expect(result.code, result.stderr).toBe(0);
    return { server, result, articles: JSON.parse(result.stdout) };
  };

  it("never writes terminal control characters from a feed to the terminal", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-terminal-"));
    await writeFile(
      path.join(dir, "feed.json"),
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "T\u001b]0;owned\u0007",
        items: [
          {
            id: "1",
            title: "red\u009b31m alert\u001b[2J",
            content_text: "body \u009b0m text",
            date_published: "2024-05-01T00:00:00Z",
          },
        ],
      }),
    );
    const result = await runCrier(["inspect", path.join(dir, "feed.json")]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("red31m alert[2J");
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it("prints a feed URL's normalized articles as JSON", async () => {
    const { server, articles } = await inspectRss(
      "<title>Inspect me</title><link>https://i.example/</link>" +
        '<item><title>First &amp; only</title><link>/posts/1?utm_source=x</link><guid isPermaLink="false">p-1</guid>' +
        "<pubDate>Thu, 30 May 2019 14:30:00 +0800</pubDate><description>&lt;b&gt;Hi&lt;/b&gt;</description></item>",
    );
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      id: "p-1",
      title: "First & only",
      url: `${server.origin}/posts/1`,
      published: "2019-05-30T06:30:00.000Z",
      summary: "Hi",
    });
    expect(articles[0].content).toContain("<b>Hi</b>");
  });

  it("puts a link in place of an embedded player and drops a feed's tracking pixel", async () => {
    const { server, articles } = await inspectRss(
      "<title>Clips</title><link>https://i.example/</link>" +
        "<item><title>Livestream</title><link>/clips/1</link><description>" +
        '&lt;iframe width="560" height="315" src="//www.youtube-nocookie.com/embed/YLTOSZYCOx8"&gt;&lt;/iframe&gt;' +
        "</description></item>" +
        "<item><title>Map</title><link>/clips/2</link><description>" +
        '&lt;p&gt;Route &lt;iframe src="/maps/embed?r=2"&gt;&lt;/iframe&gt;&lt;/p&gt;' +
        '&lt;img src="https://media.npr.org/include/images/tracking/npr-rss-pixel.png?story=2"&gt;' +
        "</description></item>",
    );
    const watch = "https://www.youtube.com/watch?v=YLTOSZYCOx8";
    expect(articles[0]).toMatchObject({
      content: `<a href="${watch}" rel="noopener noreferrer">${watch}</a>`,
      summary: watch,
    });
    const map = `${server.origin}/maps/embed?r=2`;
    expect(articles[1]).toMatchObject({
      content: `<p>Route <a href="${map}" rel="noopener noreferrer">${map}</a></p>`,
      summary: `Route ${map}`,
    });
  });

  it("keeps --json output parseable when an image's srcset has invalid descriptors", async () => {
    // sanitize-html's srcset parser prints each invalid descriptor with console.log, i.e. on stdout.
    const { server, result, articles } = await inspectRss(
      "<title>Images</title><link>https://i.example/</link><item><title>Pictures</title><link>/p/1</link>" +
        '<description>&lt;p&gt;&lt;img src="a.png" srcset="a.png 2X, b.png 0w, c.png 1.2.3x, d.png 2x"&gt;' +
        "&lt;/p&gt;</description></item>",
    );
    expect(articles[0].content).toContain(`srcset="${server.origin}/d.png 2x"`);
    expect(result.stdout).not.toContain("Invalid srcset");
  });

  it("tries html selectors on a GBK notice list, with the zone for zone-less dates", async () => {
    const page = iconv.encode(
      '<html><head><meta charset="gbk"><title>通知公告</title></head><body><ul class="list">' +
        '<li><a href="/n/1.html">关于端午节放假的通知</a><span class="date">2019年6月3日 09:00</span></li>' +
        '<li><a href="n/2.html">市公安局召开安全稳定工作会议</a><span class="date">2019-05-30</span></li>' +
        "</ul></body></html>",
      "gbk",
    );
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(page);
    });
    servers.push(server);
    const result = await runCrier([
      "inspect",
      server.url("/news/list.html"),
      "--type",
      "html",
      "--item",
      "ul.list li",
      "--title",
      "a",
      "--link",
      "a@href",
      "--date",
      "span.date",
      "--timezone",
      "Asia/Shanghai",
      "--json",
    ]);
    expect(result.stderr).not.toContain("internal error");
    expect(result.code).toBe(0);
    const articles = JSON.parse(result.stdout);
    expect(articles.map((a: { title: string }) => a.title)).toEqual([
      "关于端午节放假的通知",
      "市公安局召开安全稳定工作会议",
    ]);
    expect(articles.map((a: { url: string }) => a.url)).toEqual([
      `${server.origin}/n/1.html`,
      `${server.origin}/news/n/2.html`,
    ]);
    expect(articles.map((a: { published: string }) => a.published)).toEqual([
      "2019-06-03T01:00:00.000Z",
      "2019-05-29T16:00:00.000Z",
    ]);
  });

  it("shows the configured source's clean text (transform applied) with --source", async () => {
    const result = await runCrier(["inspect", "--source", "notices", "--json"]);
    expect(result.code).toBe(0);
    const [article] = JSON.parse(result.stdout);
    expect(article.title).toContain("全省安全穩定工作視頻會議");
    expect(article.content).toContain("堅決維護國家政治安全");
    expect(article.content).not.toMatch(/\((?:wěn|fù|zé)\)/);
  });

  it("reads a file given as a file: URL, or through a symlink to another folder, like the file itself", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "crier-inspect-"));
    await mkdir(path.join(root, "elsewhere"));
    await mkdir(path.join(root, "here"));
    const feed = path.join(root, "elsewhere", "feed 1.xml");
    await writeFile(
      feed,
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><link>https://l.example/</link>' +
        "<item><title>From a file</title><link>https://l.example/1</link></item></channel></rss>",
    );
    const link = path.join(root, "here", "link.xml");
    await symlink(feed, link);
    for (const target of [pathToFileURL(feed).href, link, "../elsewhere/feed 1.xml"]) {
      const result = await runCrier(["inspect", target, "--json"], { cwd: path.join(root, "here") });
      expect(result.code, `${target}: ${result.stderr}`).toBe(0);
      expect(JSON.parse(result.stdout).map((a: { title: string }) => a.title)).toEqual(["From a file"]);
    }
  });

  it.each([
    [
      ["inspect", "ftp://x.example/feed.xml"],
      /inspect reads http\(s\) URLs, file: URLs and local files, not "ftp:"/,
    ],
    [["inspect", "file://host/feed.xml"], /not a usable file: URL \(File URL host must be "localhost"/],
    [
      ["inspect", "--source", "notices", "https://x.example/"],
      /inspect --source ID takes the source from the config: .*\(got "https:\/\/x\.example\/"\)/,
    ],
    [
      ["inspect", "--source", "notices", "--type", "html"],
      /inspect --source ID takes the source from the config: .*\(got --type\)/,
    ],
    [
      ["inspect", "--source", "notices", "--transform", "x", "--timezone", "UTC"],
      /\(got --timezone, --transform\)/,
    ],
    [
      ["inspect", "https://x.example/", "--config", "feeds.config.json"],
      /inspect reads --config only with --source ID/,
    ],
    [
      ["inspect", "https://x.example/", "--type", "feed", "--date", "span"],
      /--date only applies to --type html \(got --type feed\)/,
    ],
    [["check", "--config="], /--config needs a value \(got an empty one\)/],
    [["build", "--out", ""], /--out needs a value \(got an empty one\)/],
    [
      ["inspect", "https://x.example/", "--title", "a"],
      /--title only applies to an html list: add --item SEL \(or --type html\)/,
    ],
  ])("is a usage error, not a read failure: %j", async (args, message) => {
    const result = await runCrier(args);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Run "crier --help" for usage.');
  });

  it("reads a local text file with --type text", async () => {
    const file = path.join(ROOT, "examples", "announcements", "2019-05-30-security-meeting.txt");
    const result = await runCrier([
      "inspect",
      file,
      "--json",
      "--transform",
      "\\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\\)",
    ]);
    expect(result.code).toBe(0);
    const [article] = JSON.parse(result.stdout);
    expect(article.summary).not.toContain("(wěn)");
    expect(article.summary.length).toBeLessThanOrEqual(300);
  });
});
