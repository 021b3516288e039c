import { describe, expect, it } from "vitest";
import { keepStoredIds, mintedId } from "../../src/normalize/ids.js";
import { type NormalizeContext, normalizeItems } from "../../src/normalize/index.js";
import { withoutActiveTags } from "../../src/normalize/text.js";
import { parseFeedDocument } from "../../src/sources/feed/index.js";
import { rssTitleToText } from "../../src/sources/feed/text/htmlToText.js";

// RSS titles as the XML parser hands them over (`&lt;/example&gt;` is "</example>" here). A title is read
// as HTML only when all its tags are inline formatting elements; otherwise it is text, and only tags that
// would act in a reader taking it for HTML go. An end tag no element is open for is a tag like any other.
describe("rssTitleToText: end tags in a title read as text", () => {
  const rows: [title: string, text: string][] = [
    // Unknown elements: kept as written (Miniflux TestParseItemTitleWithHTMLEntity).
    ["</example>", "</example>"],
    ["The </example> tag", "The </example> tag"],
    ["</EXAMPLE> and <example>", "</EXAMPLE> and <example>"],
    ["Closing </my-widget> elements", "Closing </my-widget> elements"],
    ["a </ex ample> b", "a </ex ample> b"],
    // Block elements, alone and with words: a stray </p> is not doubled, </br> not turned into a break.
    ["</div>", "</div>"],
    ["Why </div> closes early", "Why </div> closes early"],
    ["</p>", "</p>"],
    ["Stray </p> tags", "Stray </p> tags"],
    ["The </section> and </ul> tags", "The </section> and </ul> tags"],
    // Active elements: a stray end tag goes (it may close what a reader wraps the title in), words stay;
    // a browser ignores it, so nothing takes its place.
    ["</script>", ""],
    ["The </script> tag", "The tag"],
    ["Escape </title> here", "Escape here"],
    ["x</textarea>y", "xy"],
    ["a</title x='>'>b", "ax='>'>b"],
    // Unfinished tags at the end: a bare name stays, one with attributes goes.
    ["Vec<T", "Vec<T"],
    ["The </exa", "The </exa"],
    ["a <img src=x onerror=alert(1)", "a"],
    ["a </script", "a"],
    // Unchanged readings.
    ["Vec<T> vs &[T]", "Vec<T> vs &[T]"],
    ["<b>Bold</b> </i>move", "Bold move"],
    ["Why <script> tags block rendering", "Why tags block rendering"],
    ["x <!-- note --> y </foo>", "x y </foo>"],
  ];
  it.each(rows)("rssTitleToText(%j) → %j", (title, text) => {
    expect(rssTitleToText(title)).toBe(text);
  });
});

describe("withoutActiveTags keeps the input as written around what it drops", () => {
  const rows: [input: string, output: string][] = [
    ["</example>", "</example>"],
    ["</p>", "</p>"],
    ["a </br> b", "a </br> b"],
    ["<p>a<p>b", "<p>a<p>b"],
    ['<a href="javascript:x">y</a> z', " y  z"],
    ["<details/open/ontoggle=alert(1)>x", " x"],
    ["a <? pi ?> b", "a  b"],
  ];
  it.each(rows)("withoutActiveTags(%j) → %j", (input, output) => {
    expect(withoutActiveTags(input)).toBe(output);
  });
});

describe("a link-less RSS item whose title gained its end tag keeps the id it was stored under", () => {
  const context: NormalizeContext = {
    source: { id: "s", title: "S", url: "https://example.org/" },
    documentUrl: "https://example.org/feed.xml",
    timezone: "UTC",
    now: new Date("2024-06-01T00:00:00Z"),
    transforms: [],
    language: null,
  };
  const rss = (items: string) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>S</title><link>https://example.org/</link>${items}</channel></rss>`;

  it("adopts the id minted from the title as read before, and only a stored one", async () => {
    const feed = await parseFeedDocument(
      rss(
        "<item><title>The &lt;/example&gt; tag</title><description>a</description><pubDate>Mon, 27 May 2024 10:00:00 GMT</pubDate></item>" +
          "<item><title>Stray &lt;/p&gt; tags</title><description>b</description></item>" +
          "<item><title>New &lt;/example&gt; item</title><description>c</description></item>",
      ),
      context.documentUrl,
    );
    const fresh = normalizeItems(feed.items, context);
    expect(fresh.map((a) => a.title)).toEqual([
      "The </example> tag",
      "Stray </p> tags",
      "New </example> item",
    ]);
    const stored = [
      { id: mintedId("s", "The tag", "2024-05-27T10:00:00.000Z") },
      { id: mintedId("s", "Stray </p></p> tags", null) },
    ];
    expect(fresh.map((a) => a.id)).not.toContain(stored[0]!.id);
    expect(keepStoredIds(fresh, stored).map((a) => a.id)).toEqual([
      stored[0]!.id,
      stored[1]!.id,
      mintedId("s", "New </example> item", null),
    ]);
  });
});
