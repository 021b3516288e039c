/** A document that is not a readable RSS, Atom or JSON feed, even after the forgiving repairs. */
export class FeedParseError extends Error {
  override name = "FeedParseError";
}
