import { describe, expect, it } from "vitest";
import { atomId } from "../../src/render/feeds/atomId.js";

// The W3C feed validator's id grammars (feedvalidator/validators.py, class rfc2396): what every atom:id
// crier writes must match one of.
const VALIDATOR_URN =
  /^[Uu][Rr][Nn]:[a-zA-Z0-9][a-zA-Z0-9-]{1,31}:([a-zA-Z0-9()+,.:=@;$_!*'-]|%[0-9A-Fa-f]{2})+$/;
const VALIDATOR_UUID =
  /^urn:uuid:[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/i;
const VALIDATOR_TAG =
  /^tag:([a-z0-9\-._]+?@)?[a-z0-9.-]+?,\d{4}(-\d{2}(-\d{2})?)?:[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*(#[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*)?$/;
const VALIDATOR_HTTP = /^https?:\/\/[^/][0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]*$/;

function passesValidator(id: string): boolean {
  if (/^urn:uuid:/i.test(id)) return VALIDATOR_UUID.test(id);
  if (/^urn:/i.test(id)) return VALIDATOR_URN.test(id);
  if (/^tag:/i.test(id)) return VALIDATOR_TAG.test(id);
  return VALIDATOR_HTTP.test(id) && URL.canParse(id);
}

const cases: [string, string][] = [
  // Valid as they are: unchanged.
  ["https://example.org/a/1?x=1&y=2#frag", "https://example.org/a/1?x=1&y=2#frag"],
  ["https://example.org/~user/%E5%85%AC", "https://example.org/~user/%E5%85%AC"],
  ["urn:isbn:0451450523", "urn:isbn:0451450523"],
  ["urn:crier:news:0123456789abcdef", "urn:crier:news:0123456789abcdef"],
  ["urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66"],
  ["tag:example.org,2024-05-30:post/1", "tag:example.org,2024-05-30:post/1"],
  // crier's own ids for files and local html items: the path's "/" (and spaces, CJK) percent-encoded.
  ["urn:crier:files:local:notices/a.txt", "urn:crier:files:local:notices%2Fa.txt"],
  [
    "urn:crier:html:police:examples/sites/police/detail/x.html#2",
    "urn:crier:html:police:examples%2Fsites%2Fpolice%2Fdetail%2Fx.html%232",
  ],
  ["urn:crier:files:local:公告 1.txt", "urn:crier:files:local:%E5%85%AC%E5%91%8A%201.txt"],
  ["urn:crier:files:local:😀~.txt", "urn:crier:files:local:%F0%9F%98%80%7E.txt"],
  ["urn:crier:files:local:100%.txt", "urn:crier:files:local:100%25.txt"],
  // A "%" in a URN's name is encoded even where it starts a valid escape: "a b.txt" and "a%20b.txt" are
  // two files, and must not share one atom:id.
  ["urn:crier:files:n:a b.txt", "urn:crier:files:n:a%20b.txt"],
  ["urn:crier:files:n:a%20b.txt", "urn:crier:files:n:a%2520b.txt"],
  // The form crier gives a guid two sources share is encoded already (encodeURIComponent): kept.
  ["urn:crier:c1:guid:%E5%85%AC%E5%91%8A%201", "urn:crier:c1:guid:%E5%85%AC%E5%91%8A%201"],
  ["urn:crier:c1:guid:post~1%20a", "urn:crier:c1:guid:post%7E1%20a"],
  ["urn:crier:files:local:a\uD800b", "urn:crier:files:local:a%EF%BF%BDb"],
  // http(s) ids keep their form; characters RFC 2396 does not allow are percent-encoded.
  ["https://example.org/新闻/a|b^c", "https://example.org/%E6%96%B0%E9%97%BB/a%7Cb%5Ec"],
  ["https://example.org/a%2Fb%zz", "https://example.org/a%2Fb%25zz"],
  // Anything else becomes urn:crier:<percent-encoded id>.
  ["42", "urn:crier:42"],
  ["files:local:announcements/notice.txt", "urn:crier:files%3Alocal%3Aannouncements%2Fnotice.txt"],
  ["post~1", "urn:crier:post%7E1"],
  ["urn:uuid:1234", "urn:crier:urn%3Auuid%3A1234"],
  ["urn:x:a/b", "urn:crier:urn%3Ax%3Aa%2Fb"],
  ["tag:not a tag", "urn:crier:tag%3Anot%20a%20tag"],
  ["mailto:a@example.org", "urn:crier:mailto%3Aa%40example.org"],
];

describe("atomId", () => {
  it.each(cases)("%s → %s", (id, expected) => {
    expect(atomId(id)).toBe(expected);
  });

  it("gives ids the W3C feed validator accepts, however the source's id looks", () => {
    const odd = [
      ...cases.map(([id]) => id),
      "urn:a-b:c d",
      "urn:crier:x:a?b=c&d=e",
      "tag:example.org,2024:a b",
      "http://例子.测试/路径?查询=值",
      "https://example.org/a b/<c>",
      " spaced ",
      "a\u0000b",
    ];
    for (const id of odd) expect(passesValidator(atomId(id)), `${id} → ${atomId(id)}`).toBe(true);
  });

  it("is a function of the id alone and keeps distinct ids apart", () => {
    const ids = cases.map(([id]) => id);
    expect(ids.map(atomId)).toEqual(ids.map(atomId));
    expect(new Set(ids.map(atomId)).size).toBe(ids.length);
  });
});
