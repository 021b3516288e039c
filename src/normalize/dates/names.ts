// Month and weekday names (English, German, French, Spanish, Italian, Portuguese, Dutch), matched after
// lower-casing and stripping diacritics. Abbreviations are listed explicitly: prefix matching is too loose.

const MONTH_LIST: string[][] = [
  [
    "jan",
    "january",
    "januar",
    "janner",
    "janv",
    "janvier",
    "ene",
    "enero",
    "gen",
    "gennaio",
    "janeiro",
    "januari",
  ],
  ["feb", "february", "februar", "fev", "fevr", "fevrier", "febrero", "febbraio", "fevereiro", "februari"],
  ["mar", "march", "marz", "maerz", "mrz", "mars", "marzo", "marco", "maart", "mrt"],
  ["apr", "april", "avr", "avril", "abr", "abril", "aprile"],
  ["may", "mai", "mayo", "mag", "maggio", "maio", "mei"],
  ["jun", "june", "juni", "juin", "junio", "giu", "giugno", "junho"],
  ["jul", "july", "juli", "juil", "juillet", "julio", "lug", "luglio", "julho"],
  ["aug", "august", "aout", "ago", "agosto", "augustus"],
  ["sep", "sept", "september", "septembre", "septiembre", "setiembre", "set", "settembre", "setembro"],
  ["oct", "october", "okt", "oktober", "octobre", "octubre", "ott", "ottobre", "out", "outubro"],
  ["nov", "november", "novembre", "noviembre", "novembro"],
  ["dec", "december", "dez", "dezember", "decembre", "dic", "diciembre", "dicembre", "dezembro"],
];

export const MONTHS: ReadonlyMap<string, number> = new Map(
  MONTH_LIST.flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);

export const WEEKDAYS: ReadonlySet<string> = new Set([
  ...["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"],
  ...["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
  ...["mo", "di", "mi", "do", "fr", "sa", "so", "montag", "dienstag", "mittwoch", "donnerstag"],
  ...["freitag", "samstag", "sonnabend", "sonntag"],
  ...["lun", "mar", "mer", "jeu", "ven", "sam", "dim", "lundi", "mardi", "mercredi", "jeudi"],
  ...["vendredi", "samedi", "dimanche"],
  ...["mie", "jue", "vie", "sab", "dom", "lunes", "martes", "miercoles", "jueves", "viernes"],
  ...["sabado", "domingo"],
]);

/** Words that may sit between date parts: "30 de mayo de 2019", "le 30 mai", "den 30. Mai". */
export const FILLERS: ReadonlySet<string> = new Set([
  "de",
  "del",
  "le",
  "den",
  "the",
  "of",
  "on",
  "at",
  "um",
  "a",
  "uhr",
  "las",
  "la",
  "el",
]);

export function foldName(token: string): string {
  return token
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}
