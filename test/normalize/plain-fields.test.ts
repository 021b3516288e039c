import { describe, expect, it } from "vitest";
import { normalizeAuthors, normalizeCategories, sanitizeHtml } from "../../src/normalize/index.js";
import { rssTitleToText } from "../../src/sources/feed/text/htmlToText.js";

describe("fields that are text everywhere they are shown", () => {
  it("drops HTML elements (script text too) from author names, keeps other angle text and Name <email>", () => {
    expect(
      normalizeAuthors(
        [
          { name: "<script>alert(1)</script>Mallory" },
          { name: "<b>Ann</b>" },
          { name: "<Anonymous>" },
          { name: "Jo Doe <jo@example.org>" },
          { name: "Tom & <Jerry>\u0000" },
        ],
        null,
      ),
    ).toEqual([
      { name: "Mallory" },
      { name: "Ann" },
      { name: "<Anonymous>" },
      { name: "Jo Doe", email: "jo@example.org" },
      { name: "Tom & <Jerry>" },
    ]);
  });

  it("does the same for categories: List<T> stays whole, markup goes, nothing is decoded twice", () => {
    expect(
      normalizeCategories([
        "List<T>",
        "Map<K,V>",
        "<img src=x onerror=alert(1)>",
        "<em>News</em> &amp; more",
        "1 < 2",
        "list<t>",
        " ",
      ]),
    ).toEqual(["List<T>", "Map<K,V>", "News &amp; more", "1 < 2"]);
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
