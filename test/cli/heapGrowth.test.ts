import { describe, expect, it } from "vitest";
import { hasOwnHeapGrowth } from "../../src/cli/heapGrowth.js";

describe("heap growth limit", () => {
  it("leaves an operator's own --heap-growing-percent alone", () => {
    expect(hasOwnHeapGrowth([])).toBe(false);
    expect(hasOwnHeapGrowth(["--enable-source-maps", "--max-old-space-size=512"])).toBe(false);
    expect(hasOwnHeapGrowth(["--heap-growing-percent=300"])).toBe(true);
    expect(hasOwnHeapGrowth(["--heap_growing_percent=0"])).toBe(true);
  });
});
