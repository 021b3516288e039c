import { createHash } from "node:crypto";
import { encodeExcept } from "../../uri.js";

// atom:id must be an IRI (RFC 4287 §4.2.6), and the W3C feed validator holds each scheme to its own
// grammar: URNs to RFC 2141 (no "/", "~", spaces or raw non-ASCII in the name), tag: URIs to RFC 4151,
// anything else to RFC 2396's characters. Ids crier mints itself (urn:crier:files:<source>:<path>) and
// guids copied from sources break those rules, so each id is mapped to a form that passes them.

/** Characters an RFC 2141 namespace-specific string may hold as they are. */
const URN_NSS_CHAR = /[A-Za-z0-9()+,.:=@;$_!*'-]/;
const URN = /^urn:([a-z0-9][a-z0-9-]{1,31}):(.+)$/i;
const VALID_URN_NSS = /^(?:[A-Za-z0-9()+,.:=@;$_!*'-]|%[0-9A-Fa-f]{2})+$/;
const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TAG =
  /^tag:(?:[a-z0-9._-]+?@)?[a-z0-9.-]+?,\d{4}(?:-\d{2}(?:-\d{2})?)?:[0-9a-zA-Z;/?:@&=+$._!~*'()%,-]*(?:#[0-9a-zA-Z;/?:@&=+$._!~*'()%,-]*)?$/;
/** RFC 2396 URI characters (unreserved, reserved, "%" and "#"). */
const URI_CHAR = /[0-9a-zA-Z;/?:@&=+$._!~*'()%,#-]/;
const HTTP = /^https?:\/\/[^/]/i;

/**
 * The atom:id for an article id. Valid http(s) URLs, URNs and tag: URIs are used as they are. An http(s)
 * URL or URN with characters its grammar does not allow keeps its form with those characters
 * percent-encoded (UTF-8), so "urn:crier:files:local:notices/a.txt" becomes
 * "urn:crier:files:local:notices%2Fa.txt" (a "%" in a URN's name is encoded too, so two ids never share
 * one atom:id). Any other id (a plain guid such as "42", another scheme, a
 * broken tag: URI) becomes urn:crier:<id percent-encoded>. The mapping is a function of the id alone, so
 * it is stable across builds.
 */
export function atomId(id: string): string {
  if (HTTP.test(id)) {
    const encoded = encodeExcept(id, URI_CHAR);
    if (URL.canParse(encoded)) return encoded;
  } else if (/^urn:/i.test(id)) {
    if (/^urn:uuid:/i.test(id)) {
      if (UUID_URN.test(id)) return id;
    } else {
      const urn = URN.exec(id);
      if (urn) {
        // Kept as written only without "%": otherwise "a b.txt" (encoded) and "a%20b.txt" (kept) would both
        // become "a%20b.txt". Encoding "%" itself keeps the mapping one-to-one.
        // crier's own urn:crier:<source>:guid:<id> already holds its id percent-encoded: kept as it is.
        const encoded = /^crier:[^:]+:guid:/i.test(`${urn[1]}:${urn[2]}`);
        const nss =
          VALID_URN_NSS.test(urn[2]!) && (encoded || !urn[2]!.includes("%"))
            ? urn[2]!
            : encodeExcept(urn[2]!, URN_NSS_CHAR, { literalPercent: !encoded });
        return `urn:${urn[1]}:${nss}`;
      }
    }
  } else if (TAG.test(id)) {
    return id;
  }
  // encodeURIComponent leaves only "~" of the characters a URN name may not hold.
  return `urn:crier:${encodeURIComponent(id).replace(/~/g, "%7E")}`;
}

/**
 * The ids one feed writes, one per article, never two alike (RSS guids must be unique, RFC 4287 §4.2.6
 * reads one atom:id as one entry). `render` maps an article id to its written form, which may meet another
 * article's (`42` → `urn:crier:42` beside a source's own `urn:crier:42`; an IRI and its percent-encoded
 * twin): the article whose id is that form keeps it (else the smallest id), the others write
 * `urn:crier:id:<hash of their id>`, which depends on their id alone.
 */
export function distinctFeedIds<T extends { id: string }>(
  articles: readonly T[],
  render: (article: T) => string,
): string[] {
  const written = articles.map(render);
  const byForm = new Map<string, number[]>();
  for (const [index, form] of written.entries()) byForm.set(form, [...(byForm.get(form) ?? []), index]);
  for (const [form, indexes] of byForm) {
    if (indexes.length < 2) continue;
    const keeper =
      indexes.find((index) => articles[index]!.id === form) ??
      indexes.reduce((a, b) => (articles[b]!.id < articles[a]!.id ? b : a));
    for (const index of indexes) {
      if (index === keeper) continue;
      written[index] =
        `urn:crier:id:${createHash("sha256").update(articles[index]!.id).digest("hex").slice(0, 32)}`;
    }
  }
  return written;
}
