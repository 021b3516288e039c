import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/fetch/index.js";
import { fetcher, serve } from "./harness.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/fetch/${name}`, import.meta.url));

/** Serves one fixture with the given headers, fetches it and decodes it like the sources stage does. */
async function fetchAndDecode(
  name: string,
  headers: Record<string, string>,
  kind: "xml" | "html",
  gzip = false,
): Promise<string> {
  const bytes = fixture(name);
  const server = await serve((_req, res) => {
    res.writeHead(200, gzip ? { ...headers, "content-encoding": "gzip" } : headers);
    res.end(gzip ? gzipSync(bytes) : bytes);
  });
  const result = await fetcher().fetch({ url: server.url(`/${name}`) });
  if (result.status !== 200) throw new Error("expected a 200");
  return decodeText(result.body, { contentType: result.contentType, kind });
}

describe("fetch + decode of legacy-encoded pages over HTTP", () => {
  it("GB2312 page, gzipped, behind a Tomcat-default ISO-8859-1 header", async () => {
    const text = await fetchAndDecode(
      "gbk-notice-list.html",
      { "content-type": "text/html;charset=ISO-8859-1" },
      "html",
      true,
    );
    expect(text).toContain("<title>通知公告_某市公安局</title>");
    expect(text).toContain("关于开展夏季道路交通安全专项整治的通告");
    // Characters outside GB2312 proper (GB18030 four-byte, GBK extension) survive: decoded as GB18030.
    expect(text).toContain("𠮷祥路段临时交通管制公告（第㈢号）");
  });

  it("GB2312 page behind a wrong UTF-8 header", async () => {
    const text = await fetchAndDecode(
      "gbk-notice-list.html",
      { "content-type": "text/html; charset=utf-8" },
      "html",
    );
    expect(text).toContain("户籍窗口端午节期间办公时间调整的通知");
    expect(text).not.toContain("\uFFFD");
  });

  it("Big5 page with no charset in the header", async () => {
    const text = await fetchAndDecode("big5-notice-list.html", { "content-type": "text/html" }, "html");
    expect(text).toContain("颱風警報：明日停止上班上課");
    expect(text).toContain("<title>最新消息 - 某縣政府</title>");
  });

  it("Shift_JIS feed labelled only by its XML declaration", async () => {
    const text = await fetchAndDecode("shift_jis-feed.xml", { "content-type": "application/rss+xml" }, "xml");
    expect(text).toContain("<title>市役所からのお知らせ</title>");
    expect(text).toContain("①番窓口の受付時間（平日のみ）");
  });

  it("UTF-8 feed with one stray Latin-1 byte behind a UTF-8 header", async () => {
    const text = await fetchAndDecode(
      "utf8-stray-byte-feed.xml",
      { "content-type": "application/rss+xml; charset=utf-8" },
      "xml",
    );
    expect(text).toContain("<title>“Smart” quotes — and café</title>");
    expect(text).toContain("Written by Ren\uFFFD (Latin-1 byte)");
  });
});
