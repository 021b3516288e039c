import { describe, expect, it } from "vitest";
import { escapeHtml, html, httpUrl, raw, SafeHtml, safeHref } from "../../src/render/pages/html.js";

describe("html template", () => {
  it("escapes interpolated text in content and attributes", () => {
    const title = `<script>alert(1)</script> & "x" 'y'`;
    const out = html`<a title="${title}">${title}</a>`.toString();
    expect(out).toBe(
      '<a title="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;</a>',
    );
  });

  it("cannot be broken out of a quoted attribute", () => {
    const out = html`<a href="${'x" onmouseover="alert(1)'}">t</a>`.toString();
    expect(out).toBe('<a href="x&quot; onmouseover=&quot;alert(1)">t</a>');
  });

  it("inserts nested templates and raw() verbatim, joins arrays, drops null/undefined/booleans", () => {
    const items = ["a<b", "c&d"].map((text) => html`<li>${text}</li>`);
    const out = html`<ul>${items}</ul>${null}${undefined}${false}${true}${raw("<hr>")}${0}`.toString();
    expect(out).toBe("<ul><li>a&lt;b</li><li>c&amp;d</li></ul><hr>0");
  });

  it("treats a look-alike object as text, not markup", () => {
    const fake = { value: "<script>x</script>", toString: () => "<script>x</script>" };
    // biome-ignore lint/suspicious/noExplicitAny: a hostile value that bypasses the type system
    const out = html`${fake as any}`.toString();
    expect(out).toBe("&lt;script&gt;x&lt;/script&gt;");
    expect(html`x`).toBeInstanceOf(SafeHtml);
  });

  it("drops control characters that HTML and XML forbid", () => {
    expect(escapeHtml("a\u0000b\u000Bc\u001Fd\te\nf")).toBe("abcd\te\nf");
  });

  it.each([
    ["https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"],
    ["http://example.org/", "http://example.org/"],
    ["mailto:a@example.org", "mailto:a@example.org"],
    ["articles/abc.html", "articles/abc.html"],
    ["../index.html", "../index.html"],
    ["javascript:alert(1)", "#"],
    ["  JavaScript:alert(1)", "#"],
    ["java\tscript:alert(1)", "#"],
    ["data:text/html,<script>alert(1)</script>", "#"],
    ["vbscript:msgbox", "#"],
    ["", "#"],
  ])("safeHref(%j) is %j", (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });

  it("httpUrl keeps only absolute http(s) URLs", () => {
    expect(httpUrl("https://a.example/")).toBe("https://a.example/");
    expect(httpUrl("feeds/local.xml")).toBeNull();
    expect(httpUrl("file:///etc/passwd")).toBeNull();
    expect(httpUrl(null)).toBeNull();
  });
});
