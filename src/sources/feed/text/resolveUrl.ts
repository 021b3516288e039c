/** Resolves `reference` against `base`; returns the reference unchanged when either is unusable. */
export function resolveUrl(reference: string, base: string | null | undefined): string {
  if (!base) return reference;
  try {
    return new URL(reference, base).href;
  } catch {
    return reference;
  }
}

/** Resolves a chain of xml:base values, outermost first, against the document URL. */
export function resolveBaseChain(chain: string[], documentUrl: string | null): string | null {
  let base: string | null = documentUrl;
  for (const value of chain) {
    const trimmed = value.trim();
    if (trimmed === "") continue;
    base = base ? resolveUrl(trimmed, base) : trimmed;
  }
  return base;
}
