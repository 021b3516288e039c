// Shared plumbing of the browser tests: find Chromium (or explain why not), serve a folder on 127.0.0.1,
// and write the synthetic site.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import {
  renderArticlePage,
  renderFeedXsl,
  renderIndexHtml,
  renderOpml,
} from "../../src/render/pages/index.js";
import { articlePagePath } from "../../src/render/paths.js";
import type { FeedMeta } from "../../src/render/types.js";
import { articles, meta, page } from "../fixtures/pages/site.js";
import { type LoopbackServer, startServer } from "../helpers/server.js";

export const CHROMIUM = "/usr/bin/chromium";

/** Skip only on request; a machine without Chromium otherwise fails loudly. */
export const skipBrowser = process.env.CRIER_SKIP_BROWSER === "1";
if (skipBrowser) {
  console.warn("Browser tests skipped: CRIER_SKIP_BROWSER=1 is set.");
}

export async function launchBrowser(executablePath = CHROMIUM): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it (apt-get install -y chromium) or set CRIER_SKIP_BROWSER=1 to skip the browser tests.`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".xsl": "text/xsl; charset=utf-8",
  ".json": "application/feed+json; charset=utf-8",
  ".opml": "text/x-opml; charset=utf-8",
  ".png": "image/png",
};

/** A static file server for one folder (no listing, no escaping the folder). */
export function serveFolder(root: string): Promise<LoopbackServer> {
  const base = path.resolve(root);
  return startServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    let file = path.resolve(base, `.${pathname}`);
    if (pathname.endsWith("/")) file = path.join(file, "index.html");
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": contentTypes[path.extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
}

export const siteMeta: FeedMeta = meta();

/**
 * Renders the synthetic site (fixtures/pages/site.ts) into dir: index.html, article pages, sources.opml,
 * feed.xsl, plus tiny stand-in feeds so the autodiscovery links resolve (the feed renderers are tested
 * elsewhere).
 */
export async function writeSyntheticSite(dir: string): Promise<void> {
  const context = page();
  await mkdir(path.join(dir, "articles"), { recursive: true });
  await writeFile(path.join(dir, "index.html"), renderIndexHtml(siteMeta, articles, context));
  for (const article of articles.filter((a) => a.url === null)) {
    await writeFile(path.join(dir, articlePagePath(article)), renderArticlePage(siteMeta, article, context));
  }
  await writeFile(
    path.join(dir, "sources.opml"),
    renderOpml(siteMeta, [{ id: "city", title: "City", type: "html", url: "https://city.example.gov/" }], []),
  );
  await writeFile(path.join(dir, "feed.xsl"), renderFeedXsl());
  await writeFile(path.join(dir, "feed.xml"), standInRss);
  await writeFile(path.join(dir, "atom.xml"), standInAtom);
  await writeFile(
    path.join(dir, "feed.json"),
    JSON.stringify({ version: "https://jsonfeed.org/version/1.1", title: siteMeta.title, items: [] }),
  );
}

// Minimal feeds in the shape the feed renderers write, with the stylesheet PI (output.xsl).
const standInRss = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="feed.xsl"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>上海市公告汇总</title>
<link>https://example.org/</link>
<description>政府公告</description>
<language>zh-Hans</language>
<atom:link rel="self" type="application/rss+xml" href="https://example.org/feed.xml"/>
<item><title>关于端午节放假安排的通知</title><link>https://city.example.gov/notices/2019/0531.html</link><pubDate>Thu, 30 May 2019 16:30:00 GMT</pubDate><source url="https://city.example.gov/">市政府通知公告</source></item>
<item><title>A &amp; B</title><link>https://news.example.com/a/1</link><pubDate>Wed, 29 May 2019 09:15:00 GMT</pubDate></item>
</channel>
</rss>
`;

const standInAtom = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="feed.xsl"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Crier example</title>
<id>https://example.org/atom.xml</id>
<updated>2019-05-30T16:30:00Z</updated>
<link rel="self" href="https://example.org/atom.xml"/>
<link href="https://example.org/"/>
<author><name>Crier Bot</name></author>
<entry><title>東京都、防災訓練を実施へ</title><id>urn:a2</id><link href="https://news.example.com/a/2"/><updated>2019-05-27T01:00:00Z</updated></entry>
</feed>
`;

/** Collects console errors, failed requests and uncaught exceptions of a page. */
export function collectErrors(page: import("playwright-core").Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "";
    // Chromium aborts its own duplicate stylesheet loads when an XML document is transformed; not a failure.
    if (reason !== "net::ERR_ABORTED") errors.push(`requestfailed: ${request.url()} ${reason}`);
  });
  return errors;
}
