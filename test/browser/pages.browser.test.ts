import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { articlePagePath } from "../../src/render/paths.js";
import { articles } from "../fixtures/pages/site.js";
import type { LoopbackServer } from "../helpers/server.js";
import { collectErrors, launchBrowser, serveFolder, skipBrowser, writeSyntheticSite } from "./harness.js";
import type { PageWindow } from "./pageGlobals.js";

describe.skipIf(skipBrowser)("index.html and article pages in Chromium", () => {
  let dir: string;
  let server: LoopbackServer;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "crier-pages-"));
    await writeSyntheticSite(dir);
    server = await serveFolder(dir);
    browser = await launchBrowser();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(
    pathname: string,
    options: { javaScriptEnabled?: boolean } = {},
  ): Promise<{ page: Page; errors: string[] }> {
    context = await browser.newContext({ viewport: { width: 1000, height: 800 }, ...options });
    const page = await context.newPage();
    const errors = collectErrors(page);
    const response = await page.goto(server.url(pathname));
    expect(response?.status()).toBe(200);
    return { page, errors };
  }

  const visibleTitles = (page: Page) => page.locator("#articles > li:visible h3").allTextContents();

  it("renders every article with its title, source and local date", async () => {
    const { page, errors } = await open("/index.html");
    expect(await page.title()).toBe("上海市公告汇总");
    expect(await visibleTitles(page)).toEqual(articles.map((a) => a.title));
    const first = page.locator("#articles > li").first();
    expect(await first.locator("time").textContent()).toBe("2019年5月31日");
    expect(await first.locator("time").getAttribute("datetime")).toBe("2019-05-30T16:30:00.000Z");
    expect(await first.locator(".source").textContent()).toBe("市政府通知公告");
    // The hostile title is text on screen; the only script on the page is ours.
    expect(await page.locator("#articles h3").nth(2).textContent()).toBe('<script>alert(1)</script> & "x"');
    expect(await page.locator("script").count()).toBe(1);
    // JavaScript revealed the controls.
    expect(await page.locator("#filters").isVisible()).toBe(true);
    expect(await page.locator("#count").textContent()).toBe("显示 6 / 6 篇");
    expect(errors).toEqual([]);
  });

  it("narrows the list with the source filter", async () => {
    const { page, errors } = await open("/index.html");
    await page.selectOption("#filter-source", "news");
    expect(await visibleTitles(page)).toEqual([articles[2]!.title, articles[4]!.title, articles[5]!.title]);
    expect(await page.locator("#count").textContent()).toBe("显示 3 / 6 篇");
    await page.selectOption("#filter-source", "police");
    expect(await visibleTitles(page)).toEqual([articles[3]!.title]);
    await page.selectOption("#filter-source", "");
    expect(await visibleTitles(page)).toHaveLength(6);
    expect(errors).toEqual([]);
  });

  it("narrows the list with the text search (CJK, case and width insensitive) and says when nothing matches", async () => {
    const { page, errors } = await open("/index.html");
    await page.fill("#filter-text", "地铁");
    expect(await visibleTitles(page)).toEqual([articles[1]!.title]);
    await page.fill("#filter-text", "ＷＯＲＬＤ news");
    expect(await visibleTitles(page)).toHaveLength(3);
    await page.selectOption("#filter-source", "news");
    await page.fill("#filter-text", "防災");
    expect(await visibleTitles(page)).toEqual([articles[4]!.title]);
    await page.fill("#filter-text", "没有这样的文章");
    expect(await visibleTitles(page)).toEqual([]);
    expect(await page.locator("#no-matches").isVisible()).toBe(true);
    expect(await page.locator("#count").textContent()).toBe("显示 0 / 6 篇");
    await page.fill("#filter-text", "");
    await page.selectOption("#filter-source", "");
    expect(await visibleTitles(page)).toHaveLength(6);
    expect(await page.locator("#no-matches").isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it("reaches the controls by keyboard with a visible focus ring", async () => {
    const { page, errors } = await open("/index.html");
    const focused = () =>
      page.evaluate(() => {
        const w = globalThis as unknown as PageWindow;
        const el = w.document.activeElement;
        return el ? { id: el.id, tag: el.tagName, outline: w.getComputedStyle(el).outlineStyle } : null;
      });
    await page.keyboard.press("Tab");
    expect((await focused())?.tag).toBe("A"); // the skip link comes first
    expect(await page.locator(".skip").isVisible()).toBe(true);
    let reached: Awaited<ReturnType<typeof focused>> = null;
    for (let i = 0; i < 20 && reached?.id !== "filter-text"; i++) {
      await page.keyboard.press("Tab");
      reached = await focused();
    }
    expect(reached).toEqual({ id: "filter-text", tag: "INPUT", outline: "solid" });
    await page.keyboard.type("警情");
    expect(await visibleTitles(page)).toEqual([articles[3]!.title]);
    await page.keyboard.press("Tab");
    expect((await focused())?.id).toBe("filter-source");
    expect((await focused())?.outline).toBe("solid");
    expect(errors).toEqual([]);
  });

  it("serves what the autodiscovery and subscribe links point at", async () => {
    const { page, errors } = await open("/index.html");
    const statuses = await page.evaluate(async () => {
      const { document } = globalThis as unknown as PageWindow;
      const links = [...document.querySelectorAll('link[rel="alternate"]')];
      const anchors = [...document.querySelectorAll(".feeds a")];
      return Promise.all(
        [...links, ...anchors].map(async (l) => [l.getAttribute("href"), (await fetch(l.href)).status]),
      );
    });
    expect(statuses).toEqual([
      ["feed.xml", 200],
      ["atom.xml", 200],
      ["feed.json", 200],
      ["feed.xml", 200],
      ["atom.xml", 200],
      ["feed.json", 200],
      ["sources.opml", 200],
    ]);
    expect(errors).toEqual([]);
  });

  it("opens an article page that links back and finds the feeds one level up", async () => {
    const { page, errors } = await open("/index.html");
    await page.click(`a[href="${articlePagePath(articles[1]!)}"]`);
    await page.waitForURL(/\/articles\/[0-9a-f]{16}\.html$/);
    expect(await page.locator("h1").textContent()).toBe(articles[1]!.title);
    expect(await page.locator(".content strong").textContent()).toBe("6月1日");
    const statuses = await page.evaluate(async () => {
      const { document } = globalThis as unknown as PageWindow;
      return Promise.all(
        [...document.querySelectorAll('link[rel="alternate"]')].map(
          async (l) => (await fetch(l.href)).status,
        ),
      );
    });
    expect(statuses).toEqual([200, 200, 200]);
    await page.click("main > p > a");
    await page.waitForURL(/\/index\.html$/);
    expect(await visibleTitles(page)).toHaveLength(6);
    expect(errors).toEqual([]);
  });

  it("is complete with JavaScript disabled: every article visible, no inert controls shown", async () => {
    const { page, errors } = await open("/index.html", { javaScriptEnabled: false });
    expect(await visibleTitles(page)).toEqual(articles.map((a) => a.title));
    expect(await page.locator("#filters").isVisible()).toBe(false);
    expect(await page.locator("#count").textContent()).toBe("显示 6 / 6 篇");
    expect(await page.locator("tbody tr").count()).toBe(5);
    expect(errors).toEqual([]);
  });

  it("renders feed.xml and atom.xml through feed.xsl as readable pages", async () => {
    const { page, errors } = await open("/index.html");
    const hasXslt = await page.evaluate(
      () => typeof (globalThis as unknown as PageWindow).XSLTProcessor !== "undefined",
    );
    if (!hasXslt) {
      console.warn("This Chromium has no XSLT; feed.xsl is only checked for well-formedness.");
      return;
    }
    await page.goto(server.url("/feed.xml"));
    expect(await page.locator("h1").textContent()).toBe("上海市公告汇总");
    expect(await page.locator("li h2 a").allTextContents()).toEqual(["关于端午节放假安排的通知", "A & B"]);
    expect(await page.locator("li h2 a").first().getAttribute("href")).toBe(
      "https://city.example.gov/notices/2019/0531.html",
    );
    expect(await page.locator("time").first().textContent()).toBe("Thu, 30 May 2019");
    expect(await page.locator(".hint").textContent()).toContain("这是一个订阅源");
    await page.goto(server.url("/atom.xml"));
    expect(await page.locator("h1").textContent()).toBe("Crier example");
    expect(await page.locator("li h2 a").allTextContents()).toEqual(["東京都、防災訓練を実施へ"]);
    expect(await page.locator("time").first().textContent()).toBe("2019-05-27");
    expect(await page.locator(".hint").textContent()).toContain("This is a feed");
    expect(errors).toEqual([]);
  });
});
