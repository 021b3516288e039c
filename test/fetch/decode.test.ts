import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { WHATWG_LABELS } from "../../src/fetch/charsetLabels.js";
import { decodeText, detectCharset, normalizeCharset } from "../../src/fetch/index.js";
import { isMostlyUtf8, isUtf8CutShort, utf8Shape } from "../../src/fetch/utf8Shape.js";

const zh = "关于2024年春节放假安排的通知（第一号）";
const zhHant = "臺北市政府公告：颱風停班停課";
const ja = "お知らせ：システムメンテナンスのご案内";
const ko = "공지사항: 서버 점검 안내";
const hkscs = "香港增補字符集：𨋢"; // 𨋢 (lift) exists only in HKSCS, not in plain Big5
const gb18030Only = "𠮷野家 ㈠ €"; // 𠮷 needs GB18030 four-byte sequences

const enc = (text: string, charset: string) => iconv.encode(text, charset);
const html = (charsetMeta: string, body: string) =>
  `<!doctype html><html><head>${charsetMeta}<title>t</title></head><body><p>${body}</p></body></html>`;

describe("decodeText", () => {
  const cases: {
    name: string;
    bytes: Buffer;
    opts: Parameters<typeof decodeText>[1];
    expected: string;
  }[] = [
    {
      name: "GBK via header",
      bytes: enc(zh, "gbk"),
      opts: { contentType: "text/plain; charset=GBK" },
      expected: zh,
    },
    {
      name: "GB2312 label on GB18030-only characters",
      bytes: enc(gb18030Only, "gb18030"),
      opts: { contentType: "text/plain; charset=gb2312" },
      expected: gb18030Only,
    },
    {
      name: "Big5 via <meta charset>",
      bytes: enc(html('<meta charset="big5">', zhHant), "big5"),
      opts: { kind: "html" },
      expected: html('<meta charset="big5">', zhHant),
    },
    {
      name: "Big5 label on HKSCS characters",
      bytes: enc(hkscs, "big5hkscs"),
      opts: { contentType: "text/html; charset=big5" },
      expected: hkscs,
    },
    {
      name: "Shift_JIS via http-equiv meta",
      bytes: enc(
        html('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', ja),
        "shift_jis",
      ),
      opts: { kind: "html" },
      expected: html('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', ja),
    },
    {
      name: "EUC-KR via header with quotes",
      bytes: enc(ko, "euc-kr"),
      opts: { contentType: 'text/html; charset="euc-kr"' },
      expected: ko,
    },
    {
      name: "EUC-JP via XML declaration",
      bytes: enc(`<?xml version="1.0" encoding="EUC-JP"?><rss><title>${ja}</title></rss>`, "euc-jp"),
      opts: { kind: "xml", contentType: "application/rss+xml" },
      expected: `<?xml version="1.0" encoding="EUC-JP"?><rss><title>${ja}</title></rss>`,
    },
    {
      name: "GB2312 via XML declaration",
      bytes: enc(`<?xml version='1.0' encoding='gb2312'?><rss><title>${zh}</title></rss>`, "gbk"),
      opts: { kind: "xml" },
      expected: `<?xml version='1.0' encoding='gb2312'?><rss><title>${zh}</title></rss>`,
    },
    {
      name: "UTF-16LE with BOM (BOM beats header)",
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), enc(zh, "utf-16le")]),
      opts: { contentType: "text/plain; charset=gbk" },
      expected: zh,
    },
    {
      name: "UTF-16BE with BOM",
      bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), enc(ja, "utf-16be")]),
      opts: {},
      expected: ja,
    },
    {
      name: "UTF-16LE without BOM, XML declaration shape",
      bytes: enc(`<?xml version="1.0" encoding="UTF-16"?><rss/>`, "utf-16le"),
      opts: { kind: "xml" },
      expected: `<?xml version="1.0" encoding="UTF-16"?><rss/>`,
    },
    {
      name: "UTF-8 declared encoding=UTF-16 (no BOM, no NULs) stays UTF-8, also under a UTF-16 header",
      bytes: Buffer.from(`<?xml version="1.0" encoding="UTF-16"?><rss><title>${zh}</title></rss>`),
      opts: { kind: "xml", contentType: "application/rss+xml; charset=utf-16" },
      expected: `<?xml version="1.0" encoding="UTF-16"?><rss><title>${zh}</title></rss>`,
    },
    {
      name: "GBK declared encoding=UTF-16 (no NULs): the UTF-16 label is ignored",
      bytes: enc(`<?xml version="1.0" encoding="UTF-16"?><rss><title>${zh}</title></rss>`, "gbk"),
      opts: { kind: "xml", contentType: "text/xml; charset=gbk" },
      expected: `<?xml version="1.0" encoding="UTF-16"?><rss><title>${zh}</title></rss>`,
    },
    {
      name: "UTF-16LE without BOM named only by the header",
      bytes: enc(`<rss><title>${zh}</title></rss>`, "utf-16le"),
      opts: { kind: "xml", contentType: "text/xml; charset=utf-16" },
      expected: `<rss><title>${zh}</title></rss>`,
    },
    {
      name: "Big5 XML declaration after a PHP notice",
      bytes: enc(
        `<br />\n<b>Notice</b>: Undefined variable<br />\n<?xml version="1.0" encoding="big5"?><rss><title>${zhHant}</title></rss>`,
        "big5",
      ),
      opts: { kind: "xml", contentType: "text/xml" },
      expected: `<br />\n<b>Notice</b>: Undefined variable<br />\n<?xml version="1.0" encoding="big5"?><rss><title>${zhHant}</title></rss>`,
    },
    {
      name: "an XML declaration after the root element is not the document's",
      bytes: enc(
        `<rss><d><![CDATA[<?xml version="1.0" encoding="big5"?>]]></d><title>${zh}</title></rss>`,
        "gbk",
      ),
      opts: { kind: "xml" },
      expected: `<rss><d><![CDATA[<?xml version="1.0" encoding="big5"?>]]></d><title>${zh}</title></rss>`,
    },
    {
      name: "UTF-8 BOM stripped, beats a wrong header",
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(zh)]),
      opts: { contentType: "text/html; charset=big5" },
      expected: zh,
    },
    {
      name: "header UTF-8 + meta GBK + GBK bytes → GBK",
      bytes: enc(html('<meta charset="gbk">', zh), "gbk"),
      opts: { kind: "html", contentType: "text/html; charset=UTF-8" },
      expected: html('<meta charset="gbk">', zh),
    },
    {
      name: "header GBK + valid UTF-8 bytes → UTF-8",
      bytes: Buffer.from(html("", zh)),
      opts: { kind: "html", contentType: "text/html; charset=GBK" },
      expected: html("", zh),
    },
    {
      name: "meta Big5 + valid UTF-8 bytes → UTF-8",
      bytes: Buffer.from(html('<meta charset="big5">', zhHant)),
      opts: { kind: "html" },
      expected: html('<meta charset="big5">', zhHant),
    },
    {
      name: "Tomcat default ISO-8859-1 header yields to meta GBK",
      bytes: enc(html('<meta http-equiv="content-type" content="text/html;charset=gbk">', zh), "gbk"),
      opts: { kind: "html", contentType: "text/html;charset=ISO-8859-1" },
      expected: html('<meta http-equiv="content-type" content="text/html;charset=gbk">', zh),
    },
    {
      name: "ISO-8859-1 header alone means windows-1252",
      bytes: Buffer.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x80]),
      opts: { contentType: "text/plain; charset=iso-8859-1" },
      expected: "\u201ccaf\u00e9\u201d \u20ac",
    },
    {
      name: "no label, GBK bytes → GB18030 fallback",
      bytes: enc(zh, "gbk"),
      opts: { kind: "html" },
      expected: zh,
    },
    {
      name: "no label, bytes that are not GB18030 → windows-1252 fallback",
      bytes: Buffer.from("Caf\u00e9 ", "latin1"),
      opts: {},
      expected: "Caf\u00e9 ",
    },
    {
      name: "override beats valid UTF-8 and every label",
      bytes: Buffer.from("Größe"),
      opts: { override: "latin1", contentType: "text/plain; charset=gbk" },
      expected: "GrÃ¶ÃŸe",
    },
    {
      name: "override gbk over a wrong UTF-8 header",
      bytes: enc(zh, "gbk"),
      opts: { override: "GBK", contentType: "text/html; charset=utf-8", kind: "html" },
      expected: zh,
    },
    {
      name: "XML declaration says UTF-8 but the bytes are GBK → GB18030",
      bytes: enc(`<?xml version="1.0" encoding="UTF-8"?><rss><title>${zh}</title></rss>`, "gbk"),
      opts: { kind: "xml", contentType: "text/xml" },
      expected: `<?xml version="1.0" encoding="UTF-8"?><rss><title>${zh}</title></rss>`,
    },
    {
      name: "UTF-8 with one stray Latin-1 byte stays UTF-8 (U+FFFD for the bad byte)",
      bytes: Buffer.concat([
        Buffer.from(`<rss><title>${zh}</title><d>`),
        Buffer.from([0xe9]),
        Buffer.from("</d></rss>"),
      ]),
      opts: { kind: "xml" },
      expected: `<rss><title>${zh}</title><d>\uFFFD</d></rss>`,
    },
    {
      name: "UTF-8 cut mid-character under a GBK header stays UTF-8",
      bytes: Buffer.from(zh).subarray(0, Buffer.from(zh).length - 1),
      opts: { contentType: "text/plain; charset=gbk" },
      expected: `${zh.slice(0, -1)}\uFFFD`,
    },
    {
      name: "unknown label ignored",
      bytes: Buffer.from("plain ascii"),
      opts: { contentType: "text/plain; charset=x-klingon" },
      expected: "plain ascii",
    },
    {
      name: "meta inside a comment ignored",
      bytes: enc(`<!-- <meta charset="big5"> -->${html('<meta charset="gbk">', zh)}`, "gbk"),
      opts: { kind: "html" },
      expected: `<!-- <meta charset="big5"> -->${html('<meta charset="gbk">', zh)}`,
    },
  ];

  it.each(cases)("$name", ({ bytes, opts, expected }) => {
    expect(decodeText(bytes, opts)).toBe(expected);
  });

  it("strips XML-illegal control characters and lone surrogates, keeping TAB, LF, CR", () => {
    const text = "a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\th\ni\rj\uFFFEk\uFFFFl";
    expect(decodeText(Buffer.from(text), {})).toBe("abcdefg\th\ni\rjkl");
    // A lone surrogate cannot come from UTF-8, but can from UTF-16 bytes.
    const utf16 = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x42, 0x00, 0x3d, 0xd8, 0x00, 0xde]);
    expect(decodeText(utf16, {})).toBe("AB\u{1F600}");
  });

  it("strips control characters after legacy decoding too", () => {
    const bytes = Buffer.concat([enc("通知", "gbk"), Buffer.from([0x0b, 0x1b]), enc("公告", "gbk")]);
    expect(decodeText(bytes, { contentType: "text/html; charset=gbk" })).toBe("通知公告");
  });

  it("throws a clear error for an unknown override", () => {
    expect(() => decodeText(Buffer.from("x"), { override: "klingon-8" })).toThrow(
      /unknown encoding "klingon-8"/,
    );
  });
});

describe("<meta> charset declarations, read as a browser reads them", () => {
  const inlineScript = `<script>/*${"x".repeat(9000)}*/</script>`;
  const page = (head: string, text: string) =>
    `<!DOCTYPE html><html><head>${head}<title>P</title></head><body><ul><li><a href="d1.html">${text}</a></li></ul></body></html>`;
  const cases: [string, string, string, string][] = [
    ["a Big5 <meta> after a 9 KB inline script", `${inlineScript}<meta charset="big5">`, zhHant, "big5hkscs"],
    [
      "a Shift_JIS <meta> after a 9 KB inline script",
      `${inlineScript}<meta charset="shift_jis">`,
      ja,
      "cp932",
    ],
    [
      "a comment that opens before the 8 KB mark and closes after it",
      `<script>/*${"x".repeat(8100)}*/</script><!-- <meta charset="gbk"> ${"y".repeat(200)} --><meta charset="big5">`,
      zhHant,
      "big5hkscs",
    ],
    [
      "a description mentioning charset= before the real <meta>",
      '<meta name="description" content="a page; charset=utf-8 tips"><meta charset="big5">',
      zhHant,
      "big5hkscs",
    ],
    ["a data-charset attribute", '<meta data-charset="utf-8"><meta charset="big5">', zhHant, "big5hkscs"],
    [
      "a <meta> written by a script",
      `<script>document.write('<meta charset="gbk">')</script><meta charset="big5">`,
      zhHant,
      "big5hkscs",
    ],
    [
      "a <meta> in <style> text",
      '<style>/* <meta charset="gbk"> */</style><meta http-equiv="Content-Type" content="text/html; charset=big5">',
      zhHant,
      "big5hkscs",
    ],
    [
      "content with charset= but no http-equiv",
      '<meta content="text/html; charset=gbk"><meta http-equiv=content-type content=\'text/html;charset="big5"\'>',
      zhHant,
      "big5hkscs",
    ],
    [
      "a label that names no encoding",
      '<meta charset="x-klingon"><meta charset="big5">',
      zhHant,
      "big5hkscs",
    ],
  ];

  it.each(cases)("%s", (_name, head, text, encoding) => {
    const html = page(head, text);
    expect(detectCharset(enc(html, encoding), { kind: "html" })).toEqual({
      charset: encoding,
      reason: "document",
    });
    expect(decodeText(enc(html, encoding), { kind: "html" })).toBe(html);
  });

  it("stops at <body>: a <meta> inside the body text is not the page's", () => {
    const html = `<html><head><title>P</title></head><body><pre>&lt;meta charset="big5"&gt;<meta charset="big5"></pre>${zh}</body></html>`;
    expect(detectCharset(enc(html, "gbk"), { kind: "html" })).toEqual({
      charset: "gb18030",
      reason: "fallback",
    });
  });
});

describe("UTF-8 with a stray byte, weighed against the labels", () => {
  const fixture = (name: string) => readFileSync(new URL(`../fixtures/fetch/${name}`, import.meta.url));
  const feed = fixture("utf8-stray-byte-feed.xml");
  const list = fixture("utf8-stray-byte-list.html");

  it.each([
    ["XML declaration", feed, { kind: "xml" }],
    ["XML declaration and header", feed, { kind: "xml", contentType: "application/rss+xml; charset=UTF-8" }],
    ["header only", feed, { kind: "text", contentType: "text/plain; charset=utf-8" }],
    ["<meta charset>", list, { kind: "html" }],
    ["<meta charset> and header", list, { kind: "html", contentType: "text/html; charset=utf-8" }],
    // The servlet default yields to the document's label.
    [
      "<meta charset> behind an ISO-8859-1 header",
      list,
      { kind: "html", contentType: "text/html;charset=ISO-8859-1" },
    ],
  ] as const)("labelled UTF-8 by the %s: UTF-8, U+FFFD for the bad byte", (_name, bytes, opts) => {
    const text = decodeText(bytes, opts);
    expect(text.match(/\uFFFD/g)).toHaveLength(1);
    if (bytes === feed) {
      expect(text).toContain("<title>“Smart” quotes — and café</title>");
      expect(text).toContain("Written by Ren\uFFFD (Latin-1 byte)");
    } else {
      expect(text).toContain('<a href="/1">通知公告</a>');
      expect(text).toContain("第二条\uFFFD</a>");
    }
  });

  it("a lone UTF-8 label still yields to bytes that are plainly GBK", () => {
    const bytes = enc(`<?xml version="1.0" encoding="utf-8"?><rss><title>${zh}</title></rss>`, "gbk");
    expect(detectCharset(bytes, { kind: "xml" })).toEqual({ charset: "gb18030", reason: "fallback" });
  });

  it("a handful of UTF-8 characters does not override a GBK label on bytes that are not UTF-8", () => {
    // Ten well-formed UTF-8 characters and one GBK character under a GBK header: the label holds.
    const bytes = Buffer.concat([
      Buffer.from("<p>通知公告第二条通知公告</p><p>"),
      enc("中", "gbk"),
      Buffer.from("</p>"),
    ]);
    expect(detectCharset(bytes, { kind: "html", contentType: "text/html; charset=gbk" })).toEqual({
      charset: "gbk",
      reason: "header",
    });
    // Many of them do: a UTF-8 page with one damaged byte behind a wrong GBK header.
    const long = Buffer.concat([
      Buffer.from(`<p>${zh.repeat(3)}</p><p>`),
      Buffer.from([0xe9]),
      Buffer.from("</p>"),
    ]);
    expect(detectCharset(long, { kind: "html", contentType: "text/html; charset=gbk" })).toEqual({
      charset: "utf-8",
      reason: "utf-8",
    });
  });

  it("unlabelled, the bytes decide as before", () => {
    expect(detectCharset(feed.subarray(feed.indexOf("<rss")), { kind: "xml" })).toEqual({
      charset: "utf-8",
      reason: "utf-8",
    });
  });
});

describe("detectCharset", () => {
  it("says why it chose a charset", () => {
    expect(detectCharset(enc(zh, "gbk"), { contentType: "text/html; charset=gbk" })).toEqual({
      charset: "gbk",
      reason: "header",
    });
    expect(detectCharset(Buffer.from(zh), { contentType: "text/html; charset=gbk" }).reason).toBe("utf-8");
    expect(detectCharset(enc(zh, "gbk"), { kind: "html" }).reason).toBe("fallback");
  });
});

describe("normalizeCharset", () => {
  it.each([
    ["GB2312", "gbk"],
    ["x-gbk", "gbk"],
    ["cp936", "gbk"],
    ["GB18030", "gb18030"],
    ["Big5", "big5hkscs"],
    ["SJIS", "cp932"],
    ["windows-31j", "cp932"],
    ["EUC-KR", "cp949"],
    ["euc-jp", "eucjp"],
    ["ISO-8859-1", "windows-1252"],
    ["iso-8859-2", "iso-8859-2"],
    ["windows-1251", "windows-1251"],
    ["UTF8", "utf-8"],
    ["nonsense", null],
  ])("%s → %s", (label, expected) => {
    expect(normalizeCharset(label)).toBe(expected);
  });
});

describe("WHATWG labels", () => {
  // Node's TextDecoder knows the standard's label table (not its every decoder): an independent check that
  // each label names the right encoding, as crier's decoder for that encoding.
  const decoderOf: Record<string, string> = {
    "utf-8": "utf-8",
    ibm866: "cp866",
    "iso-8859-8-i": "iso-8859-8",
    "x-mac-cyrillic": "maccyrillic",
    gbk: "gbk",
    big5: "big5hkscs",
    "euc-jp": "eucjp",
    shift_jis: "cp932",
    "euc-kr": "cp949",
  };
  const labels = Object.values(WHATWG_LABELS).flat();

  it("maps every label Node's TextDecoder knows to the decoder of its WHATWG encoding", () => {
    let checked = 0;
    for (const label of labels) {
      let encoding: string;
      try {
        encoding = new TextDecoder(label).encoding;
      } catch {
        continue; // replacement, x-user-defined, iso-8859-16: unknown to Node's ICU
      }
      if (encoding === "utf-16le" || encoding === "utf-16be" || encoding === "iso-2022-jp") {
        expect(normalizeCharset(label), label).toBe(encoding === "iso-2022-jp" ? null : encoding);
      } else {
        expect(normalizeCharset(label), label).toBe(decoderOf[encoding] ?? encoding);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
    expect(labels).toHaveLength(228);
  });

  it("every decoder name maps to itself, so a detected charset can be passed back as an override", () => {
    for (const label of labels) {
      const decoder = normalizeCharset(label);
      if (decoder) expect(normalizeCharset(decoder), label).toBe(decoder);
    }
  });

  const western = "Price 5 € – “quoted”";
  const turkish = "Fiyat 5 € – “tırnak” ğ ş İ";
  it.each([
    ...["cp819", "ibm819", "iso-ir-100", "csisolatin1", "iso88591", "ISO_8859-1:1987", "iso-8859-1"].map(
      (label) => [label, western, "windows-1252"] as const,
    ),
    ...["iso-8859-9", "latin5", "l5", "csisolatin5", "iso-ir-148", "iso_8859-9:1989", "x-cp1254"].map(
      (label) => [label, turkish, "windows-1254"] as const,
    ),
    ...["iso-8859-11", "tis-620", "dos-874"].map((label) => [label, "ประกาศ € …", "windows-874"] as const),
    ["x-mac-roman", "Café – “mac” ™", "macintosh"],
    ["x-cp1250", "Zpráva – „řeč“ €", "windows-1250"],
    ["x-cp1251", "Новости – «сайт» €", "windows-1251"],
    ["koi", "Новости сайта", "koi8-r"],
    ["koi8", "Новости сайта", "koi8-r"],
    ["csisolatin9", "Prix 5 € œuvre", "iso-8859-15"],
  ] as const)("a feed declaring encoding=%s decodes %s", (label, text, encoding) => {
    const xml = `<?xml version="1.0" encoding="${label}"?><rss><item><title>${text}</title></item></rss>`;
    expect(decodeText(enc(xml, encoding), { kind: "xml" })).toBe(xml);
  });

  it("unicodefeff names UTF-16LE", () => {
    const xml = `<?xml version="1.0" encoding="unicodeFFFE"?><rss><title>${zh}</title></rss>`;
    expect(
      decodeText(enc(xml, "utf-16le"), { kind: "xml", contentType: "text/xml; charset=unicodefeff" }),
    ).toBe(xml);
  });

  it("fails clearly on ISO-2022-JP, which iconv-lite cannot decode, instead of garbling it", () => {
    // JIS X 0208 text in ISO-2022-JP is its EUC-JP bytes without the high bit, between ESC $ B and ESC ( B.
    const jis = Buffer.from(Array.from(enc(ja, "eucjp"), (byte) => byte & 0x7f));
    const esc = (text: string) => Buffer.from(`\x1b${text}`, "latin1");
    const body = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-2022-JP"?><rss><title>'),
      esc("$B"),
      jis,
      esc("(B"),
      Buffer.from("</title></rss>"),
    ]);
    expect(new TextDecoder("iso-2022-jp").decode(body)).toContain(ja);
    expect(() => decodeText(body, { kind: "xml" })).toThrow(
      /the document is in iso-2022-jp, which crier cannot decode/,
    );
    expect(() => decodeText(body, { kind: "text" })).toThrow(/ISO-2022 \(JIS\), which crier cannot decode/);
    // Labelled so but plain ASCII: nothing to decode, nothing fails.
    const ascii = Buffer.from('<?xml version="1.0" encoding="iso-2022-jp"?><rss><title>News</title></rss>');
    expect(decodeText(ascii, { kind: "xml" })).toBe(ascii.toString());
  });
});

describe("utf8Shape", () => {
  it("counts well-formed sequences and damaged characters", () => {
    expect(utf8Shape(Buffer.from("aé中😀"))).toEqual({ valid: 3, invalid: 0 });
    // Overlong, surrogate, beyond U+10FFFF, truncated 3-byte sequence (counted once), bare continuation byte.
    expect(
      utf8Shape(Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xe4, 0xb8])),
    ).toEqual({
      valid: 0,
      invalid: 4,
    });
    expect(utf8Shape(Buffer.from([0x80]))).toEqual({ valid: 0, invalid: 1 });
  });

  it("tells GBK text from UTF-8 with damage", () => {
    expect(isMostlyUtf8(iconv.encode(zh.repeat(20), "gbk"))).toBe(false);
    expect(isMostlyUtf8(iconv.encode(zhHant.repeat(20), "big5"))).toBe(false);
    expect(isMostlyUtf8(iconv.encode(ja.repeat(20), "shift_jis"))).toBe(false);
    expect(isMostlyUtf8(Buffer.concat([Buffer.from(zh), Buffer.from([0xff])]))).toBe(true);
  });
});

describe("isUtf8CutShort", () => {
  const bytes = Buffer.from(`${zh}😀`);
  it("accepts UTF-8 whose last character is cut off, and nothing else", () => {
    expect(isUtf8CutShort(bytes.subarray(0, -1))).toBe(true);
    expect(isUtf8CutShort(bytes.subarray(0, -3))).toBe(true);
    expect(isUtf8CutShort(bytes)).toBe(false);
    // Damage before the end, or a tail that cannot start a character.
    expect(isUtf8CutShort(Buffer.concat([Buffer.from([0xe9, 0x20]), bytes.subarray(0, -1)]))).toBe(false);
    expect(isUtf8CutShort(Buffer.from([0x61, 0xe0, 0x80]))).toBe(false);
    expect(isUtf8CutShort(Buffer.from([0x61, 0x80]))).toBe(false);
  });
});
