/**
 * The e-mail address shape feeds can carry: the one the W3C feed validator accepts in RSS `<author>`,
 * atom:email and OPML `ownerEmail` (`name@example.org`; no display name, no `mailto:`).
 */
export function isEmailAddress(value: string): boolean {
  return /^[A-Za-z0-9_+.-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$/.test(value);
}
