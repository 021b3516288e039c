/** Types for prng.mjs (the tests reuse the bench's generator). */
export function mulberry32(seed: number): () => number;
