import { atom, type FeedCase, rss2 } from "../feedCase.js";

export const i18nCases: FeedCase[] = [
  {
    name: "cjk: simplified Chinese government notice",
    doc: rss2(
      `<item><title>关于做好2024年国庆节期间安全工作的通知</title><link>http://www.gov.example.cn/zwgk/2024/0925/123.html</link>
<description><![CDATA[<p>各区县人民政府：</p><p>现将有关事项通知如下。</p>]]></description><pubDate>2024-09-25 10:30:00</pubDate></item>`,
      "<language>zh-cn</language>",
    ),
    feed: { language: "zh-cn" },
    items: [
      {
        title: "关于做好2024年国庆节期间安全工作的通知",
        link: "http://www.gov.example.cn/zwgk/2024/0925/123.html",
        published: "2024-09-25 10:30:00",
      },
    ],
  },
  {
    name: "cjk: traditional Chinese title with full-width punctuation",
    doc: rss2(`<item><title>【公告】臺北市政府：颱風假，停止上班上課！</title></item>`),
    items: [{ title: "【公告】臺北市政府：颱風假，停止上班上課！" }],
  },
  {
    name: "cjk: Japanese with ideographic space collapsed",
    doc: rss2(`<item><title>お知らせ　　年末年始の営業について</title></item>`),
    items: [{ title: "お知らせ 年末年始の営業について" }],
  },
  {
    name: "cjk: Korean Atom entry",
    doc: atom(
      `<entry xml:lang="ko"><title>새해 복 많이 받으세요</title><id>k1</id><link href="https://kr.example.org/1"/></entry>`,
    ),
    items: [{ title: "새해 복 많이 받으세요", language: "ko" }],
  },
  {
    name: "cjk: CJK date string kept raw",
    doc: rss2(`<item><title>日期</title><pubDate>2019年5月30日</pubDate></item>`),
    items: [{ published: "2019年5月30日" }],
  },
  {
    name: "cjk: numeric character references for CJK",
    doc: rss2(`<item><title>&#20013;&#25991;&#x6807;&#x9898;</title></item>`),
    items: [{ title: "中文标题" }],
  },
  {
    name: "cjk: CJK category and author",
    doc: rss2(`<item><title>T</title><category>通知公告</category><dc:creator>办公室</dc:creator></item>`),
    items: [{ categories: ["通知公告"], authors: [{ name: "办公室" }] }],
  },
  {
    name: "i18n: emoji and astral characters survive",
    doc: rss2(`<item><title>Launch 🚀 day 𝔘𝔫𝔦𝔠𝔬𝔡𝔢</title></item>`),
    items: [{ title: "Launch 🚀 day 𝔘𝔫𝔦𝔠𝔬𝔡𝔢" }],
  },
  {
    name: "i18n: right-to-left Arabic title",
    doc: rss2(`<item><title>أخبار اليوم</title></item>`, "<language>ar</language>"),
    feed: { language: "ar" },
    items: [{ title: "أخبار اليوم" }],
  },
  {
    name: "i18n: Cyrillic with HTML entity repair",
    doc: rss2(`<item><title>Новости&nbsp;&laquo;дня&raquo;</title></item>`),
    items: [{ title: "Новости «дня»" }],
  },
  {
    name: "i18n: IDN and percent-encoded link kept as found",
    doc: rss2(`<item><title>IDN</title><link>https://bücher.example/%E4%B8%AD</link></item>`),
    items: [{ link: "https://bücher.example/%E4%B8%AD" }],
  },
  {
    name: "i18n: CJK link path kept as found",
    doc: rss2(`<item><title>Path</title><link>https://zh.example.org/新闻/1</link></item>`),
    items: [{ link: "https://zh.example.org/新闻/1" }],
    normalized: [{ url: "https://zh.example.org/%E6%96%B0%E9%97%BB/1" }],
  },
  {
    name: "i18n: Atom xhtml content with CJK keeps characters (no numeric escaping)",
    doc: atom(
      `<entry><title>X</title><id>x</id><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>中文内容</p></div></content></entry>`,
    ),
    items: [{ contentHtml: "<p>中文内容</p>" }],
  },
];
