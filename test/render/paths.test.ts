import { describe, expect, it } from "vitest";
import { siteRootUrl } from "../../src/render/paths.js";

// Where feed sets live: the site URL as a folder.
describe("siteRootUrl", () => {
  it.each([
    ["https://example.org", "https://example.org/"],
    ["https://example.org/news", "https://example.org/news/"],
    ["https://example.org/news/?x=1#top", "https://example.org/news/"],
    // The folder's index page names the folder, not a folder called index.html.
    ["https://example.org/news/index.html", "https://example.org/news/"],
    ["https://example.org/INDEX.HTM", "https://example.org/"],
    ["https://example.org/news/reindex.html", "https://example.org/news/reindex.html/"],
  ])("%s → %s", (site, root) => {
    expect(siteRootUrl(site)).toBe(root);
  });
});
