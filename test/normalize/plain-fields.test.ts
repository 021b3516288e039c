import { describe, expect, it } from "vitest";
import { normalizeAuthors, normalizeCategories, sanitizeHtml } from "../../src/normalize/index.js";
import { rssTitleToText } from "../../src/sources/feed/text/htmlToText.js";

describe("fields that are text everywhere they are shown", () => {
  it("takes author names as text (render escapes them), and keeps the Name <email> form", () => {
    expect(
      normalizeAuthors(
        [{ name: "<Anonymous>" }, { name: "Jo Doe <jo@example.org>" }, { name: "Tom & <Jerry>\u0000" }],
        null,
      ),
    ).toEqual([
      { name: "<Anonymous>" },
      { name: "Jo Doe", email: "jo@example.org" },
      { name: "Tom & <Jerry>" },
    ]);
  });

  it("takes categories as text: a tag List<T> stays whole, blank ones and case duplicates go", () => {
    expect(normalizeCategories(["List<T>", "Map<K,V>", " ", "1 < 2", "list<t>", "A &amp; B"])).toEqual([
      "List<T>",
      "Map<K,V>",
      "1 < 2",
      "A &amp; B",
    ]);
  });

  it("drops script and style text when an HTML-looking title becomes plain text", () => {
    expect(rssTitleToText("<script>alert('x')</script> breaking <style>p{}</style>news")).toBe(
      "breaking news",
    );
    expect(rssTitleToText("AT&amp;T <b>wins</b>")).toBe("AT&T wins");
  });

  it("drops wrappers left empty in one sanitizer pass, keeping those that hold media", () => {
    expect(sanitizeHtml("<div><p> </p><span><script>x</script></span></div><p>text</p>", null)).toBe(
      "<p>text</p>",
    );
    expect(sanitizeHtml('<p><img src="https://a.example/x.png" alt=""></p>', null)).toBe(
      '<p><img src="https://a.example/x.png" alt="" /></p>',
    );
  });
});
