// Text that shows nothing: spaces, format characters (U+200B, U+FEFF …), default-ignorable code points
// (Hangul fillers U+3164/U+115F, variation selectors such as U+FE0F) and combining marks with no letter to
// sit on. A title, author name or category of only these is blank in every reader: it counts as missing.
const INVISIBLE = /^[\p{Cf}\p{Z}\s\p{Default_Ignorable_Code_Point}\p{M}]*$/u;

/** `text`, or "" when none of it is visible. */
export function visibleOrEmpty(text: string): string {
  return INVISIBLE.test(text) ? "" : text;
}
