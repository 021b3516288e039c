// Zone designators found in RFC 822 and friends. Abbreviations follow RFC 822/2822 (so CST is US
// Central, not China) and, beyond it, the sense most feeds mean: IST is India (not Ireland or Israel),
// BST British Summer Time (not Bangladesh), ART Argentina, WEST Western European Summer Time. AST is
// left out (Atlantic −4 or Arabia +3), as are the US generic AT/ET/CT/MT/PT (no DST rule). Of the
// military letters only Z counts: RFC 822 gave the others the wrong sign, RFC 5322 §4.3 says to read
// them as an unknown zone, and after a time a lone letter is more often something else (`14:30 h`).

const NAMED: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  west: 60,
  bst: 60,
  cet: 60,
  met: 60,
  mez: 60,
  cest: 120,
  mesz: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  pkt: 300,
  ist: 330,
  wib: 420,
  hkt: 480,
  sgt: 480,
  awst: 480,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
  brt: -180,
  art: -180,
  adt: -180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
};

const NUMERIC = /^(?:(?:utc|gmt|ut)\s*)?([+-])(\d{1,2})(?::?(\d{2})(?::(\d{2}))?)?$/i;

/** Minutes east of UTC for a zone token, or undefined when the token is not a zone. */
export function parseZone(token: string): number | undefined {
  const t = token.trim().toLowerCase();
  if (Object.hasOwn(NAMED, t)) return NAMED[t];
  const numeric = NUMERIC.exec(t);
  if (!numeric) return undefined;
  const hours = Number(numeric[2]);
  const minutes = Number(numeric[3] ?? 0);
  // "+8" and "+08" are hours; "+0800" arrives as hours=08 minutes=00 via the optional colon.
  if (numeric[2]?.length === 1 && numeric[3] === undefined && !/^(utc|gmt|ut)/i.test(t)) return undefined;
  // No offset is beyond ±14 hours (RFC 9557's ±hh:mm:ss is read when its seconds are 00): anything
  // else is malformed, and the date is left unparsed rather than read in some zone.
  if (hours > 14 || minutes > 59 || Number(numeric[4] ?? 0) !== 0) return undefined;
  return (numeric[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}
