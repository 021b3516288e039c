/** What an error says: its message, or the thrown value as text (`throw "x"`). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
