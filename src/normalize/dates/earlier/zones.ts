// Zone designators found in RFC 822 and friends. Abbreviations follow RFC 822/2822 (so CST is US
// Central, not China); military letters use the NATO sense (A = +1 … M = +12, N = −1 … Y = −12).

const NAMED: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  bst: 60,
  cet: 60,
  met: 60,
  mez: 60,
  cest: 120,
  mesz: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  ist: 330,
  hkt: 480,
  sgt: 480,
  awst: 480,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
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

const NUMERIC = /^(?:(?:utc|gmt|ut)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** Minutes east of UTC for a zone token, or undefined when the token is not a zone. */
export function parseZone(token: string, allowMilitary = false): number | undefined {
  const t = token.trim().toLowerCase();
  if (t in NAMED) return NAMED[t];
  const numeric = NUMERIC.exec(t);
  if (numeric) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? 0);
    // "+8" and "+08" are hours; "+0800" arrives as hours=08 minutes=00 via the optional colon.
    if (numeric[2]?.length === 1 && numeric[3] === undefined && !/^(utc|gmt|ut)/i.test(t)) return undefined;
    if (hours > 14 || minutes > 59) return undefined;
    return (numeric[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
  }
  if (allowMilitary && /^[a-ik-y]$/.test(t)) {
    const code = t.charCodeAt(0);
    if (t <= "i") return (code - 96) * 60;
    if (t <= "m") return (code - 97) * 60;
    return -(code - 109) * 60;
  }
  return undefined;
}
