import { describe, expect, it } from "vitest";
import { normalizeAuthors, normalizeCategories, sanitizeHtml } from "../../src/normalize/index.js";
import { rssTitleToText } from "../../src/sources/feed/text/htmlToText.js";

describe("fields that are text everywhere they are shown", () => {
  it("strips markup from author names, but keeps the Name <email> form", () => {
    expect(
      normalizeAuthors(
        [
          { name: "<script>alert(1)</script>Mallory" },
          { name: "Jo Doe <jo@example.org>" },
          { name: "<b>Ann</b>" },
        ],
        null,
      ),
    ).toEqual([{ name: "Mallory" }, { name: "Jo Doe", email: "jo@example.org" }, { name: "Ann" }]);
  });

  it("strips markup from categories and drops the ones that were only markup", () => {
    expect(
      normalizeCategories(["<img src=x onerror=alert(1)>", "A &amp; B", "<em>News</em>", "1 < 2"]),
    ).toEqual(["A & B", "News", "1 < 2"]);
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
