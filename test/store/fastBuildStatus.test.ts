import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../bench/lib/prng.mjs";
import { fastBuildStatus } from "../../src/store/fastBuildStatus.js";
import { buildStatusSchema } from "../../src/store/schema.js";

// The hand-written check must build exactly what zod builds (keys, order, optional keys), or defer to zod.
const source = {
  id: "city",
  ok: false,
  dead: false,
  items: 12,
  lastSuccess: "2024-05-01T00:00:00.000Z",
  failingSince: "2024-05-02T00:00:00.000Z",
  consecutiveFailures: 2,
  lastError: "HTTP 500",
};
const full = {
  builtAt: "2024-05-03T00:00:00.000Z",
  changedAt: "2024-05-02T00:00:00.000Z",
  durationMs: 812,
  sources: [
    source,
    { ...source, id: "ok", ok: true, lastSuccess: null, failingSince: null, lastError: null },
  ],
  fingerprint: "abc",
  outputs: [
    {
      name: null,
      items: 40,
      changedAt: "2024-05-02T00:00:00.000Z",
      pages: ["articles/ab.html"],
      feeds: "f00d",
      picks: ["city\u0000post-1", "ok\u0000https://ok.example/2"],
      stories: {
        "city\u0000post-1": ["id:city\u0000post-1", "url:city.example/1", "td:0123456789abcdef01234567"],
        "gone\u0000x": ["id:gone\u0000x"],
      },
    },
    { name: "police", items: 3 },
  ],
  namespacedIds: ["city\u0000post-2"],
  bareIds: { "city\u0000post-1": ["url:city.example/1"], "gone\u00007": [] },
};

const variants: unknown[] = [
  full,
  { builtAt: "x", changedAt: null, durationMs: 0, sources: [] },
  { ...full, extra: 1, sources: [{ ...source, extra: true }] },
  Object.fromEntries(Object.entries(full).reverse()),
  { ...full, outputs: [] },
];

/** Random damage to a status: a key dropped, a value of another type, or an extra key. */
function mutate(random: () => number): unknown {
  const copy = structuredClone(full) as Record<string, unknown>;
  const targets: Record<string, unknown>[] = [
    copy,
    ...(copy.sources as Record<string, unknown>[]),
    ...(copy.outputs as Record<string, unknown>[]),
  ];
  const target = targets[Math.floor(random() * targets.length)]!;
  const keys = Object.keys(target);
  const key = keys[Math.floor(random() * keys.length)]!;
  const values = [undefined, null, "s", 3, -1.5, true, [], {}, [source]];
  const value = values[Math.floor(random() * values.length)];
  if (value === undefined) delete target[key];
  else target[key] = value;
  return random() < 0.2 ? [copy] : copy;
}

describe("fastBuildStatus", () => {
  it("builds the same status as buildStatusSchema, key order included", () => {
    for (const data of variants) {
      const zod = buildStatusSchema.parse(data);
      const fast = fastBuildStatus(data);
      expect(fast).toEqual(zod);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(zod));
    }
  });

  it("agrees with zod on 3000 damaged statuses: the same result, or null where zod rejects", () => {
    const random = mulberry32(20261125);
    let rejected = 0;
    let fastAccepted = 0;
    for (let i = 0; i < 3000; i++) {
      const data = mutate(random);
      const zod = buildStatusSchema.safeParse(data);
      const fast = fastBuildStatus(data);
      if (!zod.success) {
        rejected++;
        expect(fast, JSON.stringify(data)).toBeNull();
      } else if (fast !== null) {
        fastAccepted++;
        expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
      }
    }
    // Both kinds of case were exercised.
    expect(rejected).toBeGreaterThan(300);
    expect(rejected).toBeLessThan(2900);
    expect(fastAccepted).toBeGreaterThan(100);
  });
});
