import type { FeedCase } from "../feedCase.js";

// Files under test/fixtures/feeds/: shapes modelled on common generators (WordPress, Blogger, GitHub, …).
export const realWorldCases: FeedCase[] = [
  {
    name: "file: WordPress RSS 2.0",
    file: "wordpress-rss2.xml",
    url: "https://garden.example.com/feed/",
    feed: { title: "Garden Notes", link: "https://garden.example.com/", language: "en-US" },
    items: [
      {
        title: "Tomatoes & Basil: A Love Story",
        link: "https://garden.example.com/2024/03/tomatoes-basil/",
        guid: "https://garden.example.com/?p=1234",
        guidIsPermaLink: false,
        authors: [{ name: "Rosa" }],
        categories: ["Vegetables", "Herbs"],
        published: "Mon, 04 Mar 2024 09:12:41 +0000",
        summary: "Companion planting works. Here&#8217;s why [&#8230;]",
      },
      { title: "Frost dates, revisited", categories: ["Planning"] },
    ],
    normalized: [
      {
        title: "Tomatoes & Basil: A Love Story",
        url: "https://garden.example.com/2024/03/tomatoes-basil/",
        published: "2024-03-04T09:12:41.000Z",
      },
      { published: "2024-02-20T18:00:00.000Z" },
    ],
  },
  {
    name: "file: Blogger Atom",
    file: "blogger-atom.xml",
    url: "https://wander.example.com/feeds/posts/default",
    feed: { title: "Wander Log", link: "https://wander.example.com/", description: "Trips & notes" },
    items: [
      {
        title: "Leap day on the Shinkansen",
        link: "https://wander.example.com/2024/02/leap-day.html",
        guid: "tag:blogger.com,1999:blog-1111.post-2222",
        published: "2024-02-29T07:59:00.000-08:00",
        categories: ["japan", "trains"],
        authors: [{ name: "Kai", email: "noreply@blogger.com", url: "http://www.blogger.com/profile/42" }],
        image: "https://blogger.googleusercontent.com/img/s72-c/a.jpg",
        contentHtml:
          '<p>Tokyo to Kyoto in 2h15.</p><img src="https://blogger.googleusercontent.com/img/a.jpg">',
      },
    ],
    normalized: [
      { url: "https://wander.example.com/2024/02/leap-day.html", published: "2024-02-29T15:59:00.000Z" },
    ],
  },
  {
    name: "file: GitHub releases Atom",
    file: "github-releases-atom.xml",
    feed: {
      title: "Release notes from tool",
      link: "https://github.com/example/tool/releases",
      language: "en-US",
    },
    items: [
      {
        title: "v2.1.0",
        link: "https://github.com/example/tool/releases/tag/v2.1.0",
        updated: "2024-03-02T15:04:05Z",
        authors: [{ name: "octo-dev" }],
        image: "https://avatars.githubusercontent.com/u/1?s=60&v=4",
        contentHtml: "<h2>Fixes</h2>\n<ul>\n<li>Handle <code>&amp;</code> in names</li>\n</ul>",
      },
    ],
    missing: { 0: ["published"] },
  },
  {
    name: "file: podcast RSS with itunes",
    file: "podcast-rss2.xml",
    feed: { title: "Night Shift Radio", language: "en" },
    items: [
      {
        title: "Ep. 101 – Insomnia",
        guid: "nightshift-101",
        guidIsPermaLink: false,
        image: "https://nightshift.example.fm/101.jpg",
        enclosures: [
          { url: "https://media.example.fm/ns/101.mp3?source=rss", type: "audio/mpeg", length: 48213456 },
        ],
        contentHtml: "<p>We talk about not sleeping.</p>",
      },
    ],
    missing: { 0: ["link"] },
    normalized: [{ title: "Ep. 101 – Insomnia", published: "2024-03-02T04:00:00.000Z" }],
  },
  {
    name: "file: Chinese government notice RSS with relative link and CJK date",
    file: "gov-cn-rss.xml",
    url: "http://www.example.gov.cn/tzgg/rss.xml",
    feed: { title: "某市人民政府 - 通知公告", language: "zh-cn" },
    items: [
      {
        title: "关于2024年元旦放假安排的通知",
        link: "http://www.example.gov.cn/tzgg/202312/t20231228_1.html",
        published: "2023-12-28 16:20:00",
        authors: [{ name: "市政府办公室" }],
      },
      {
        title: "关于开展 “安全生产月”活动的通知",
        link: "./202312/t20231220_2.html",
        published: "2023年12月20日",
      },
    ],
    normalized: [{}, { url: "http://www.example.gov.cn/tzgg/202312/t20231220_2.html" }],
  },
  {
    name: "file: Mastodon RSS without titles",
    file: "mastodon-rss.xml",
    feed: { title: "Ada (@ada@social.example)" },
    items: [
      {
        guid: "https://social.example/@ada/111999",
        guidIsPermaLink: true,
        link: "https://social.example/@ada/111999",
        image: "https://files.social.example/media/1.png",
        categories: ["fediverse"],
      },
    ],
    missing: { 0: ["title", "enclosures"] },
  },
  {
    name: "file: Hacker News RSS",
    file: "hn-rss.xml",
    feed: { title: "Hacker News" },
    items: [
      { title: "Show HN: A tiny feed reader", link: "https://reader.example.dev/" },
      { title: "Why XML is still everywhere", published: "Mon, 04 Mar 2024 11:00:00 +0000" },
    ],
  },
  {
    // HN, Lobsters and WordPress escape a tag named in a title once: it is a word of the title, not markup,
    // unless it would run, load or swallow text in a reader that takes RSS titles as HTML (then it goes).
    name: "file: Hacker News titles naming tags keep inert ones (<dialog>, <br>, Vec<T>), lose active ones",
    file: "hn-escaped-tags-rss.xml",
    items: [
      { title: "Why tags block rendering" },
      { title: "Show HN: that grows with its content" },
      { title: "The <dialog> element is ready" },
      { title: "Stop using <br> for layout" },
      { title: "Vec<T> vs &[T] in Rust" },
    ],
  },
  {
    name: "file: broken school CMS feed (whitespace, &, &nbsp;, gb2312 label)",
    file: "broken-cms-rss.xml",
    url: "http://school.example.edu.cn/rss.asp",
    feed: { title: "学校新闻 & 通知" },
    items: [
      {
        title: "期末考试安排 (2024春)",
        link: "http://school.example.edu.cn/news.asp?id=88&type=1",
        contentHtml: "考试时间—6月20日至25日",
        published: "2024-6-1",
      },
    ],
    warnings: [/text before the XML declaration/, /unescaped &/],
  },
  {
    name: "file: Substack RSS with CDATA everywhere",
    file: "substack-rss.xml",
    feed: { title: "The Weekly Margin", language: "en", description: "Notes on money" },
    items: [
      {
        title: "Rates, again",
        summary: "Why the curve matters",
        contentHtml: "<p>The curve is <em>inverted</em>.</p>",
        authors: [{ name: "Lee Park" }],
        image: "https://substackcdn.example/image/rates.png",
      },
    ],
  },
  {
    name: "file: Medium RSS with atom:updated",
    file: "medium-rss.xml",
    items: [
      {
        title: "Typing the untyped",
        categories: ["typescript", "javascript"],
        authors: [{ name: "Dev Writer" }],
        guid: "https://medium.example.com/p/1a2b",
      },
    ],
  },
  {
    name: "file: Reddit Atom",
    file: "reddit-atom.xml",
    feed: {
      title: "TypeScript",
      link: "https://www.reddit.example/r/typescript/",
      description: "TypeScript news",
    },
    items: [
      {
        title: "Is satisfies worth it?",
        guid: "t3_1b6xyz",
        authors: [{ name: "/u/someone", url: "https://www.reddit.example/user/someone" }],
        categories: ["r/typescript"],
        published: "2024-03-04T09:55:00+00:00",
      },
    ],
    normalized: [{ published: "2024-03-04T09:55:00.000Z" }],
  },
  {
    name: "file: YouTube channel Atom",
    file: "youtube-atom.xml",
    feed: { title: "Cooking With Sam", link: "https://www.youtube.example/channel/UC123" },
    items: [
      {
        title: "Perfect Rice & Beans",
        guid: "yt:video:dQw4",
        link: "https://www.youtube.example/watch?v=dQw4",
        image: "https://i4.ytimg.example/vi/dQw4/hqdefault.jpg",
        published: "2024-03-03T16:00:06+00:00",
        updated: "2024-03-04T01:02:03+00:00",
      },
    ],
  },
  {
    name: "file: micro.blog JSON Feed with feed-level authors",
    file: "jsonfeed-micro.json",
    feed: { title: "Micro Posts", link: "https://micro.example.blog/" },
    items: [
      {
        guid: "https://micro.example.blog/2024/03/04/coffee.html",
        authors: [{ name: "Mia", url: "https://micro.example.blog/" }],
        published: "2024-03-04T07:15:00-05:00",
      },
    ],
    missing: { 0: ["title"] },
    normalized: [
      { url: "https://micro.example.blog/2024/03/04/coffee.html", published: "2024-03-04T12:15:00.000Z" },
    ],
  },
];
