import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LoopbackServer } from "../helpers/server.js";
import { collectErrors, launchBrowser, serveFolder, skipBrowser, writeSyntheticSite } from "./harness.js";
import type { PageWindow } from "./pageGlobals.js";

// The page folder is a parameter: CRIER_SCREENSHOT_PAGES=output (a built site with index.html) shoots that
// instead of the synthetic site, and only then do the images land in docs/ for the README (`npm run
// screenshot`); a plain test run writes them to a temp folder so tests never modify the checkout.
const pagesDir = process.env.CRIER_SCREENSHOT_PAGES;
let docsDir = path.resolve(import.meta.dirname, "../../docs");

describe.skipIf(skipBrowser)("screenshots of index.html", () => {
  let dir: string;
  let temp: string | undefined;
  let server: LoopbackServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    if (pagesDir) {
      dir = path.resolve(pagesDir);
    } else {
      temp = await mkdtemp(path.join(tmpdir(), "crier-shot-"));
      await writeSyntheticSite(temp);
      dir = temp;
      docsDir = path.join(temp, "shots");
    }
    server = await serveFolder(dir);
    browser = await launchBrowser();
    await mkdir(docsDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it.each([
    ["light", "screenshot.png"],
    ["dark", "screenshot-dark.png"],
  ] as const)("%s mode: renders without errors and is saved as %s", async (colorScheme, file) => {
    const context = await browser.newContext({
      viewport: { width: 960, height: 900 },
      deviceScaleFactor: 1,
      colorScheme,
    });
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      expect((await page.goto(server.url("/index.html")))?.status()).toBe(200);
      expect(await page.locator("h1").count()).toBe(1);
      const background = await page.evaluate(() => {
        const w = globalThis as unknown as PageWindow;
        return w.getComputedStyle(w.document.body).backgroundColor;
      });
      // The dark palette really applies (body background is dark), and the light one is light.
      const [r = 0, g = 0, b = 0] = (background.match(/\d+/g) ?? []).map(Number);
      const luminance = (r + g + b) / 3;
      if (colorScheme === "dark") expect(luminance).toBeLessThan(64);
      else expect(luminance).toBeGreaterThan(200);
      const target = path.join(docsDir, file);
      await page.screenshot({ path: target, fullPage: true });
      const png = await readFile(target);
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("browser test setup", () => {
  it("fails loudly when Chromium is missing", async () => {
    await expect(launchBrowser("/nonexistent/chromium")).rejects.toThrow(
      /Chromium not found at \/nonexistent\/chromium.*CRIER_SKIP_BROWSER=1/,
    );
  });
});
