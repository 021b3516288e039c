import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../src/config/index.js";

const file = new URL("../../feeds.schema.json", import.meta.url);

describe("feeds.schema.json", () => {
  it("is exactly the JSON Schema derived from the zod config schema (npm run schema regenerates it)", () => {
    const expected = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === "1") writeFileSync(file, expected);
    expect(readFileSync(file, "utf8")).toBe(expected);
  });

  it("rejects unknown keys and describes every source type", () => {
    const schema = JSON.parse(readFileSync(file, "utf8"));
    expect(schema.additionalProperties).toBe(false);
    const text = JSON.stringify(schema);
    for (const type of ["feed", "html", "files"]) expect(text).toContain(`"const":"${type}"`);
    expect(schema.required).toEqual(expect.arrayContaining(["site", "sources"]));
  });
});
