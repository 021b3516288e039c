// Deterministic randomness: every document is a pure function of (seed, source, item), so a corpus is the
// same on every machine and adding an item to one source shifts nothing else.

/** mulberry32: tiny, fast, good enough for test data (not for anything secret). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator seeded from several integers (source index, item index, …). */
export function rngFor(...parts) {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h ^= part >>> 0;
    h = Math.imul(h, 0x01000193) >>> 0;
    h ^= h >>> 13;
  }
  return mulberry32(h);
}

export function pick(rng, list) {
  return list[Math.floor(rng() * list.length)];
}

export function intBetween(rng, min, max) {
  return min + Math.floor(rng() * (max - min + 1));
}
