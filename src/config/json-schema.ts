import { z } from "zod";
import { configSchema } from "./schema.js";

/**
 * feeds.schema.json, derived from the zod schema so editors and crier agree; a test keeps the shipped
 * file equal to this (regenerate with `npm run schema`).
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: "https://github.com/crier/crier/feeds.schema.json",
    title: "crier feeds.config.json",
    description:
      "Configuration of crier: sources to read and feeds to write. See README.md › Config reference.",
  };
}
