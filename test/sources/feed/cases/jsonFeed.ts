import type { FeedCase } from "../feedCase.js";

const json = (value: unknown) => JSON.stringify(value, null, 2);
const V11 = "https://jsonfeed.org/version/1.1";
const V1 = "https://jsonfeed.org/version/1";

export const jsonFeedCases: FeedCase[] = [
  {
    name: "json1.1: basic item",
    doc: json({
      version: V11,
      title: "JSON Blog",
      home_page_url: "https://json.example.org/",
      feed_url: "https://json.example.org/feed.json",
      language: "en-GB",
      items: [
        {
          id: "1",
          url: "https://json.example.org/1",
          title: "First",
          content_html: "<p>Hello</p>",
          date_published: "2024-04-01T12:00:00+02:00",
          date_modified: "2024-04-02T12:00:00Z",
        },
      ],
    }),
    feed: { title: "JSON Blog", link: "https://json.example.org/", language: "en-GB" },
    items: [
      {
        guid: "1",
        link: "https://json.example.org/1",
        title: "First",
        contentHtml: "<p>Hello</p>",
        published: "2024-04-01T12:00:00+02:00",
        updated: "2024-04-02T12:00:00Z",
      },
    ],
    normalized: [
      { title: "First", url: "https://json.example.org/1", published: "2024-04-01T10:00:00.000Z" },
    ],
  },
  {
    name: "json1.1: authors array, tags, image, attachments, language",
    doc: json({
      version: V11,
      title: "J",
      items: [
        {
          id: "a",
          content_text: "text body",
          authors: [
            { name: "Ann", url: "https://ann.example/" },
            { name: "Ben" },
            { url: "mailto:c@example.org" },
          ],
          tags: ["x", "y", "x", 3],
          image: "https://img.example/a.png",
          banner_image: "https://img.example/banner.png",
          attachments: [
            {
              url: "https://cdn.example/a.mp3",
              mime_type: "audio/mpeg",
              size_in_bytes: 1234,
              duration_in_seconds: 60,
            },
            { url: "https://cdn.example/a.m4a", mime_type: "audio/x-m4a" },
            { mime_type: "no/url" },
          ],
          language: "fr",
        },
      ],
    }),
    items: [
      {
        contentText: "text body",
        authors: [
          { name: "Ann", url: "https://ann.example/" },
          { name: "Ben" },
          { name: "c@example.org", email: "c@example.org" },
        ],
        categories: ["x", "y", "3"],
        image: "https://img.example/a.png",
        enclosures: [
          { url: "https://cdn.example/a.mp3", type: "audio/mpeg", length: 1234 },
          { url: "https://cdn.example/a.m4a", type: "audio/x-m4a" },
        ],
        language: "fr",
      },
    ],
  },
  {
    name: "json1.0: singular author object",
    doc: json({
      version: V1,
      title: "Old JSON",
      items: [{ id: "o", title: "Old", author: { name: "Solo", url: "https://solo.example/" } }],
    }),
    items: [{ authors: [{ name: "Solo", url: "https://solo.example/" }] }],
  },
  {
    name: "json1.0: feed-level author applies to items without one",
    doc: json({
      version: V1,
      title: "F",
      author: { name: "Feed Author" },
      items: [
        { id: "1", title: "x" },
        { id: "2", title: "y", author: { name: "Own" } },
      ],
    }),
    items: [{ authors: [{ name: "Feed Author" }] }, { authors: [{ name: "Own" }] }],
  },
  {
    name: "json: external_url used when url is absent",
    doc: json({
      version: V11,
      items: [{ id: "e", external_url: "https://elsewhere.example/post", title: "Linked" }],
    }),
    items: [{ link: "https://elsewhere.example/post" }],
  },
  {
    name: "json: summary kept separately",
    doc: json({ version: V11, items: [{ id: "s", summary: "A summary", content_html: "<p>Body</p>" }] }),
    items: [{ summary: "A summary", contentHtml: "<p>Body</p>" }],
  },
  {
    name: "json: numeric id becomes a string",
    doc: json({ version: V11, items: [{ id: 42, title: "N" }] }),
    items: [{ guid: "42" }],
  },
  {
    // JSON.parse would round them all to 1790000000000000000 and the items would merge into one.
    name: "json: numeric ids beyond 2^53 keep the digits written in the document",
    doc: `{"version":"${V11}","items":[
 {"id":1790000000000000001,"content_text":"first \\"id\\": 1790000000000000009","_x":{"n":1790000000000000005}},
 {"id" : -1790000000000000002,"content_text":"second"},
 {"\\u0069d":1790000000000000003,"content_text":"third"},
 {"id":1e400,"content_text":"overflow"},
 {"id":1.0,"content_text":"float"}]}`,
    items: [
      { guid: "1790000000000000001", contentText: 'first "id": 1790000000000000009' },
      { guid: "-1790000000000000002" },
      { guid: "1790000000000000003" },
      { guid: "1e400" },
      { guid: "1" },
    ],
  },
  {
    name: "json: leading BOM and whitespace",
    doc: `\uFEFF  \n${json({ version: V11, title: "BOM", items: [{ id: "b", title: "B" }] })}`,
    feed: { title: "BOM" },
    items: [{ title: "B" }],
  },
  {
    name: "json: items of the wrong type are skipped",
    doc: json({ version: V11, items: ["nope", null, 7, { id: "ok", title: "OK" }, {}] }),
    items: [{ title: "OK" }],
    warnings: [/skipped 4 empty or invalid items/],
  },
  {
    name: "json: no version but items is accepted with a warning",
    doc: json({ title: "Unversioned", items: [{ id: "u", title: "U" }] }),
    items: [{ title: "U" }],
    warnings: [/no jsonfeed.org version/],
  },
  {
    name: "json: not a feed object is rejected",
    doc: json({ hello: "world" }),
    error: /not a JSON Feed/,
  },
  {
    name: "json: malformed JSON is rejected clearly",
    doc: `{"version": "${V11}", "items": [}`,
    error: /not a valid JSON Feed/,
  },
  {
    name: "json: garbage date kept raw",
    doc: json({ version: V11, items: [{ id: "g", title: "G", date_published: "last tuesday" }] }),
    items: [{ published: "last tuesday" }],
    normalized: [{ published: null }],
  },
  {
    name: "json: CJK title and content_text",
    doc: json({
      version: V11,
      title: "公告",
      items: [{ id: "c1", title: "关于2024年春节放假的通知", content_text: "各位同事：\n春节放假七天。" }],
    }),
    feed: { title: "公告" },
    items: [{ title: "关于2024年春节放假的通知", contentText: "各位同事：\n春节放假七天。" }],
  },
  {
    name: "json: relative item url stays relative",
    doc: json({ version: V11, items: [{ id: "r", url: "/posts/r", title: "R" }] }),
    url: "https://json.example.org/feed.json",
    items: [{ link: "/posts/r" }],
    normalized: [{ url: "https://json.example.org/posts/r" }],
  },
  {
    name: "json: title whitespace collapsed",
    doc: json({ version: V11, items: [{ id: "w", title: "  Two\n  lines  " }] }),
    items: [{ title: "Two lines" }],
  },
  {
    name: "json: empty items array",
    doc: json({ version: V11, title: "Empty", items: [] }),
    feed: { title: "Empty" },
    items: [],
  },
  {
    name: "json: items that is not an array gives no items and says so",
    doc: json({ version: V11, title: "Odd", items: "nope" }),
    feed: { title: "Odd" },
    items: [],
    warnings: [/no "items" array/],
  },
  {
    name: "json: missing items gives no items and says so",
    doc: json({ version: V11, title: "None" }),
    items: [],
    warnings: [/no "items" array/],
  },
  {
    name: "json: XML-illegal characters from \\u escapes are stripped from every field",
    doc: `{"version":"${V11}","title":"C\\u000bT","items":[{"id":"a\\u0000b","url":"https://c.example/1","title":"Ctl\\u0000\\u0001\\u000b\\ufffe end \\ud800 lone","content_html":"<p>x\\u0000y\\u000bz\\ud83d</p>","summary":"s\\u0008t","tags":["t\\u0000g"],"authors":[{"name":"n\\u0001m"}]},{"id":"\\u0000","title":"\\u000b"}]}`,
    feed: { title: "CT" },
    items: [
      {
        guid: "ab",
        title: "Ctl end lone",
        contentHtml: "<p>xyz</p>",
        summary: "st",
        categories: ["tg"],
        authors: [{ name: "nm" }],
      },
    ],
    warnings: [/skipped 1 empty or invalid item/],
  },
  {
    name: "json: top-level array is not a feed",
    doc: "  [1, 2, 3]",
    error: /not a valid RSS\/Atom feed|not a JSON Feed|not a valid JSON Feed/,
  },
  {
    name: "json: title and summary are plain text, kept as written",
    doc: json({
      version: V11,
      title: "J",
      items: [
        {
          id: "https://json.example.org/t",
          title: "Why <script> tags block rendering",
          summary: "Use <div> & <span>; 1 < 2",
          content_text: "Body.",
        },
      ],
    }),
    items: [{ title: "Why <script> tags block rendering", summaryFormat: "text" }],
    normalized: [{ title: "Why <script> tags block rendering", summary: "Use <div> & <span>; 1 < 2" }],
  },
];
