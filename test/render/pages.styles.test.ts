import { describe, expect, it } from "vitest";
import { pageCss } from "../../src/render/pages/styles.js";

// WCAG 2.x relative luminance and contrast ratio of two #rrggbb colours.
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

function palette(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):(#[0-9a-f]{6})/g)].map((m) => [m[1]!, m[2]!]));
}

const light = palette(pageCss.slice(0, pageCss.indexOf("@media (prefers-color-scheme:dark)")));
const darkBlock = /@media \(prefers-color-scheme:dark\)\{:root\{([^}]*)\}\}/.exec(pageCss)?.[1] ?? "";
const dark = palette(darkBlock);

describe("page stylesheet", () => {
  it("defines a full dark palette", () => {
    expect(Object.keys(dark).sort()).toEqual(Object.keys(light).sort());
    expect(Object.keys(light).length).toBeGreaterThanOrEqual(10);
  });

  // Text pairs need 4.5:1 (WCAG AA); the focus ring, a non-text indicator, needs 3:1.
  it.each([
    ["light", light],
    ["dark", dark],
  ])("%s palette has sufficient contrast", (_, colors) => {
    const text: [string, string][] = [
      ["fg", "bg"],
      ["fg", "card"],
      ["muted", "bg"],
      ["muted", "card"],
      ["accent", "bg"],
      ["accent", "card"],
      ["accent", "accent-bg"],
      ["warn", "warn-bg"],
      ["bad", "bad-bg"],
    ];
    for (const [fg, bg] of text) {
      expect(contrast(colors[fg]!, colors[bg]!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(colors.focus!, colors.bg!)).toBeGreaterThanOrEqual(3);
    expect(contrast(colors.focus!, colors.card!)).toBeGreaterThanOrEqual(3);
  });

  it("uses system fonts with CJK fallbacks, comfortable line height and CJK-safe wrapping", () => {
    expect(pageCss).toMatch(
      /body\{[^}]*font-family:system-ui,-apple-system,"Segoe UI",[^}]*"PingFang SC","Hiragino Sans","Noto Sans CJK SC"[^}]*"Microsoft YaHei",sans-serif/,
    );
    expect(pageCss).toMatch(/body\{[^}]*line-height:1\.7/);
    // Long URLs wrap anywhere; CJK keeps normal breaking (no break-all), Korean keeps words together.
    expect(pageCss).toMatch(/body\{[^}]*overflow-wrap:anywhere;word-break:normal/);
    expect(pageCss).not.toContain("break-all");
    expect(pageCss).toMatch(/:lang\(ko\)\{[^}]*word-break:keep-all/);
    expect(pageCss).toMatch(/:focus-visible\{outline:3px solid var\(--focus\)/);
    expect(pageCss).not.toMatch(/@import|@font-face|url\(/);
  });
});
