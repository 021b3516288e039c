import { describe, expect, it } from "vitest";
import type { RawItem } from "../../src/model.js";
import { type NormalizeContext, normalizeItem, sanitizeHtml } from "../../src/normalize/index.js";

// The feed's URL is the base of relative references (design §1), but a fragment-only reference points into
// the article itself, and an image given by srcset alone is an image.

const FEED = "https://blog.example/index.xml";
const PAGE = "https://blog.example/post/";

/** The fast path's output and sanitize-html's (a <font> hands the document to it): both must agree. */
const bothPaths = (input: string, page: string | null) => [
  sanitizeHtml(input, FEED, page),
  sanitizeHtml(`<font>${input}</font>`, FEED, page),
];

const REL = 'rel="noopener noreferrer"';

describe("sanitizeHtml resolves fragment-only references against the item's URL", () => {
  it.each([
    [
      "a WordPress/Hugo footnote",
      '<p>Text<sup><a href="#fn:1">1</a></sup></p>',
      PAGE,
      `<p>Text<sup><a href="https://blog.example/post/#fn:1" ${REL}>1</a></sup></p>`,
    ],
    [
      "a fragment after spaces",
      '<p><a href=" \n#fnref:1">↩</a></p>',
      PAGE,
      `<p><a href="https://blog.example/post/#fnref:1" ${REL}>↩</a></p>`,
    ],
    [
      "an item URL with a fragment of its own",
      '<p><a href="#fn2">2</a></p>',
      "https://board.example/list#item-7",
      `<p><a href="https://board.example/list#fn2" ${REL}>2</a></p>`,
    ],
    [
      "no item URL: the link's text stays, its href goes",
      '<p><a href="#fn:1">1</a></p>',
      null,
      "<p><a>1</a></p>",
    ],
    [
      "other relative references still resolve against the base",
      '<p><a href="../about/">a</a><a href="?page=2">b</a><img src="x.png" alt="x"></p>',
      PAGE,
      `<p><a href="https://blog.example/about/" ${REL}>a</a><a href="https://blog.example/index.xml?page=2" ${REL}>b</a><img src="https://blog.example/x.png" alt="x" /></p>`,
    ],
  ])("%s", (_name, input, page, output) => {
    expect(bothPaths(input, page)).toEqual([output, output]);
  });
});

describe("normalizeItem: fragment links point at the article, whatever the source", () => {
  const context = (documentUrl: string | null): NormalizeContext => ({
    source: { id: "s", title: "S", url: "https://blog.example/" },
    documentUrl,
    timezone: "UTC",
    now: new Date("2024-06-01T00:00:00Z"),
    transforms: [],
    language: null,
  });
  const footnote = '<p>Claim<a href="#fn:1">1</a></p><ol><li id="fn:1">Source</li></ol>';

  it("a feed item: against its link, not the feed file", () => {
    const raw: RawItem = { title: "T", link: "/2024/post/", contentHtml: footnote };
    expect(normalizeItem(raw, context(FEED)).content).toContain(
      'href="https://blog.example/2024/post/#fn:1"',
    );
  });

  it("an html source's detail page: against the item's link", () => {
    const raw: RawItem = {
      title: "T",
      link: "https://gov.example/list/detail/7.html",
      baseUrl: "https://gov.example/list/detail/7.html",
      contentHtml: footnote,
    };
    expect(normalizeItem(raw, context("https://gov.example/list/")).content).toContain(
      'href="https://gov.example/list/detail/7.html#fn:1"',
    );
  });

  it("a file without a URL: the text stays, the href goes (it would open the feed)", () => {
    const raw: RawItem = { title: "T", contentHtml: footnote };
    expect(normalizeItem(raw, context(null)).content).toBe("<p>Claim<a>1</a></p><ol><li>Source</li></ol>");
    expect(normalizeItem(raw, context(FEED)).content).toBe("<p>Claim<a>1</a></p><ol><li>Source</li></ol>");
  });
});

describe("sanitizeHtml keeps an image given by srcset alone", () => {
  it.each([
    [
      "a density srcset: its 1x candidate (a bare URL is 1x) becomes src",
      '<p>Before <img srcset="example-320w.jpg, example-640w.jpg 2x" alt="Example"> after</p>',
      '<p>Before <img srcset="https://blog.example/example-320w.jpg, https://blog.example/example-640w.jpg 2x" alt="Example" src="https://blog.example/example-320w.jpg" /> after</p>',
    ],
    [
      "an explicit 1x later in the list",
      '<p><img srcset="big.jpg 2x, small.jpg 1x" alt="x"></p>',
      '<p><img srcset="https://blog.example/big.jpg 2x, https://blog.example/small.jpg 1x" alt="x" src="https://blog.example/small.jpg" /></p>',
    ],
    [
      "a width srcset: its first candidate",
      '<p><img srcset="a-640.jpg 640w, a-1280.jpg 1280w" alt="x"></p>',
      '<p><img srcset="https://blog.example/a-640.jpg 640w, https://blog.example/a-1280.jpg 1280w" alt="x" src="https://blog.example/a-640.jpg" sizes="100vw" /></p>',
    ],
    [
      "a src that cannot stay (javascript:, empty)",
      '<p><img src="javascript:alert(1)" srcset="a.jpg" alt="x"><img src="" srcset="b.jpg 2x"></p>',
      '<p><img srcset="https://blog.example/a.jpg" alt="x" src="https://blog.example/a.jpg" /><img srcset="https://blog.example/b.jpg 2x" src="https://blog.example/b.jpg" /></p>',
    ],
    [
      "a src stays as it is",
      '<p><img src="a.jpg" srcset="b.jpg 1x" alt="x"></p>',
      '<p><img src="https://blog.example/a.jpg" srcset="https://blog.example/b.jpg 1x" alt="x" /></p>',
    ],
  ])("%s", (_name, input, output) => {
    expect(bothPaths(input, PAGE)).toEqual([output, output]);
  });

  it.each([
    ["a tracker's host", '<p>Story</p><img srcset="https://pixel.wp.com/g.gif">'],
    ["a beacon file", '<p>Story</p><img srcset="https://cdn.example.com/b/beacon.gif 1x">'],
    ["a 1×1 image", '<p>Story</p><img srcset="https://cdn.example.com/a.png" width="1" height="1">'],
    ["no candidate that can stay", '<p>Story</p><img srcset="javascript:alert(1), data:x 2x" alt="x">'],
  ])("still drops a tracking pixel or an image with no source: %s", (_name, input) => {
    expect(bothPaths(input, PAGE)).toEqual(["<p>Story</p>", "<p>Story</p>"]);
  });
});
