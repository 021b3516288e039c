import { htmlEntityCodePoints } from "../text/htmlEntities.js";

// Text-level repairs for feeds a strict XML parser rejects. Each is applied outside CDATA sections and
// comments (where `&` is literal) and reports what it changed, so the warning names the actual defect.

interface Repair {
  label: string;
  apply: (text: string) => string;
  /** Runs on markup only, not inside CDATA/comments. */
  markupOnly: boolean;
}

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);

const REPAIRS: Repair[] = [
  { label: "removed byte order mark", markupOnly: false, apply: (text) => text.replace(/^\uFEFF+/, "") },
  {
    label: "removed text before the XML declaration or root element",
    markupOnly: false,
    apply: removeLeadingGarbage,
  },
  {
    label: "removed text after the root element",
    markupOnly: false,
    apply: removeTrailingGarbage,
  },
  {
    label: "escaped stray < characters",
    markupOnly: true,
    // "a < b", "<3", "< 5 km": a < that cannot start a tag, end tag, comment or processing instruction.
    apply: (text) => text.replace(/<(?![A-Za-z_:/!?])/g, "&lt;"),
  },
  {
    label: "self-closed HTML void elements (<br>, <img>, …) in unescaped markup",
    markupOnly: true,
    // Not <link>: in RSS it is an element with content.
    apply: (text) =>
      text.replace(
        /<(br|hr|img|input|area|col|embed|source|track|wbr|param)\b((?:[^<>"']|"[^"]*"|'[^']*')*?)\s*(?<!\/)>/gi,
        "<$1$2/>",
      ),
  },
  {
    label: "removed character references to XML-illegal characters",
    markupOnly: true,
    // `&#x0B;`, `&#0;`, `&#xFFFE;`, `&#xD800;` fail the whole document, while the same character raw is
    // only stripped: drop the reference the same way (TAB/LF/CR and every legal character stay).
    apply: (text) =>
      text.replace(
        /&#(?:x([0-9a-fA-F]+)|([0-9]+));/g,
        (whole, hex: string | undefined, dec: string | undefined) =>
          isXmlChar(hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? "", 10))
            ? whole
            : "",
      ),
  },
  {
    label: "replaced HTML entities undefined in XML with character references",
    markupOnly: true,
    apply: (text) =>
      text.replace(/&([a-zA-Z][a-zA-Z0-9]*);/g, (whole, name: string) => {
        if (XML_ENTITIES.has(name)) return whole;
        const codePoints = htmlEntityCodePoints(name);
        return codePoints ? codePoints.map((point) => `&#${point};`).join("") : whole;
      }),
  },
  {
    label: "escaped unescaped & characters",
    markupOnly: true,
    apply: (text) => text.replace(/&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)/g, "&amp;"),
  },
];

/** XML 1.0 [2] Char: TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Applies every repair; returns the repaired text and the labels of the repairs that changed something. */
export function repairXml(text: string): { text: string; repairs: string[] } {
  const repairs: string[] = [];
  let current = text;
  for (const repair of REPAIRS) {
    const next = repair.markupOnly ? mapMarkup(current, repair.apply) : repair.apply(current);
    if (next !== current) {
      repairs.push(repair.label);
      current = next;
    }
  }
  return { text: current, repairs };
}

/** Drops anything before `<?xml` or, without a declaration, before the first element. */
function removeLeadingGarbage(text: string): string {
  const declaration = text.indexOf("<?xml");
  if (declaration > 0) return text.slice(declaration);
  if (declaration === 0) return text;
  const firstMarkup = text.search(/<[A-Za-z!?]/);
  return firstMarkup > 0 ? text.slice(firstMarkup) : text;
}

const VERBATIM = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)/g;

/** `apply` on the text between the `verbatim` sections (CDATA and comments by default), which stay as they are. */
export function mapMarkup(text: string, apply: (markup: string) => string, verbatim = VERBATIM): string {
  let result = "";
  let last = 0;
  for (const match of text.matchAll(verbatim)) {
    result += apply(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + apply(text.slice(last));
}

/** Drops what follows the closing root tag (servers append PHP notices or tracking markup after it). */
function removeTrailingGarbage(text: string): string {
  const closing = /<\/(?:rss|feed|rdf:RDF|RDF)\s*>/g;
  let end = -1;
  for (const match of text.matchAll(closing)) end = match.index + match[0].length;
  return end > 0 && text.slice(end).trim() !== "" ? text.slice(0, end) : text;
}
