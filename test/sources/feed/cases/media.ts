import { type FeedCase, rss2 } from "../feedCase.js";

export const mediaCases: FeedCase[] = [
  {
    name: "media: media:content image becomes the image, not an enclosure",
    doc: rss2(
      `<item><title>Photo</title><media:content url="https://img.example.org/big.jpg" medium="image" width="1200"/></item>`,
    ),
    items: [{ image: "https://img.example.org/big.jpg" }],
    missing: { 0: ["enclosures"] },
  },
  {
    name: "media: media:content by image MIME type",
    doc: rss2(
      `<item><title>Photo</title><media:content url="https://img.example.org/p.webp" type="image/webp"/></item>`,
    ),
    items: [{ image: "https://img.example.org/p.webp" }],
  },
  {
    name: "media: media:content video is an enclosure with fileSize",
    doc: rss2(
      `<item><title>Vid</title><media:content url="https://v.example.org/v.mp4" type="video/mp4" fileSize="5000000" medium="video"/></item>`,
    ),
    items: [{ enclosures: [{ url: "https://v.example.org/v.mp4", type: "video/mp4", length: 5000000 }] }],
  },
  {
    name: "media: media:thumbnail wins as image over enclosure image",
    doc: rss2(
      `<item><title>T</title><enclosure url="https://img.example.org/e.jpg" type="image/jpeg" length="1"/><media:thumbnail url="https://img.example.org/thumb.jpg"/></item>`,
    ),
    items: [{ image: "https://img.example.org/thumb.jpg" }],
  },
  {
    name: "media: media:group with several renditions",
    doc: rss2(`<item><title>G</title><media:group>
<media:content url="https://v.example.org/720.mp4" type="video/mp4" fileSize="700"/>
<media:content url="https://v.example.org/1080.mp4" type="video/mp4" fileSize="1080"/>
<media:thumbnail url="https://v.example.org/poster.jpg"/></media:group></item>`),
    items: [
      {
        enclosures: [
          { url: "https://v.example.org/720.mp4", type: "video/mp4", length: 700 },
          { url: "https://v.example.org/1080.mp4", type: "video/mp4", length: 1080 },
        ],
        image: "https://v.example.org/poster.jpg",
      },
    ],
  },
  {
    name: "media: thumbnail nested in media:content",
    doc: rss2(
      `<item><title>N</title><media:content url="https://v.example.org/a.mp4" type="video/mp4"><media:thumbnail url="https://v.example.org/a.jpg"/></media:content></item>`,
    ),
    items: [
      {
        image: "https://v.example.org/a.jpg",
        enclosures: [{ url: "https://v.example.org/a.mp4", type: "video/mp4" }],
      },
    ],
  },
  {
    name: "media: enclosure and media:content with the same URL are deduplicated",
    doc: rss2(
      `<item><title>D</title><enclosure url="https://cdn.example.org/s.mp3" type="audio/mpeg" length="10"/><media:content url="https://cdn.example.org/s.mp3" type="audio/mpeg"/></item>`,
    ),
    items: [{ enclosures: [{ url: "https://cdn.example.org/s.mp3", type: "audio/mpeg", length: 10 }] }],
  },
  {
    name: "media: relative media URLs stay relative (no xml:base)",
    doc: rss2(`<item><title>R</title><media:thumbnail url="/thumbs/r.jpg"/></item>`),
    items: [{ image: "/thumbs/r.jpg" }],
  },
  {
    name: "media: item-level <image> element (non-standard)",
    doc: rss2(`<item><title>I</title><image>https://img.example.org/i.png</image></item>`),
    items: [{ image: "https://img.example.org/i.png" }],
  },
  {
    name: "media: item-level <image><url> element",
    doc: rss2(`<item><title>I</title><image><url>https://img.example.org/u.png</url></image></item>`),
    items: [{ image: "https://img.example.org/u.png" }],
  },
  {
    name: "media: media:content without url is ignored",
    doc: rss2(`<item><title>E</title><media:content type="video/mp4"/></item>`),
    items: [{ title: "E" }],
    missing: { 0: ["enclosures", "image"] },
  },
  {
    name: "media: enclosure without url is ignored",
    doc: rss2(`<item><title>E</title><enclosure type="audio/mpeg" length="5"/></item>`),
    items: [{ title: "E" }],
    missing: { 0: ["enclosures"] },
  },
  {
    name: "media: itunes:image preferred after media thumbnails",
    doc: rss2(
      `<item><title>P</title><itunes:image href="https://pod.example.org/ep.jpg"/><enclosure url="https://pod.example.org/ep.mp3" type="audio/mpeg"/></item>`,
    ),
    items: [{ image: "https://pod.example.org/ep.jpg" }],
  },
  {
    name: "media: huge length is ignored when not a safe integer",
    doc: rss2(
      `<item><title>L</title><enclosure url="https://cdn.example.org/l.iso" type="application/octet-stream" length="99999999999999999999"/></item>`,
    ),
    items: [{ enclosures: [{ url: "https://cdn.example.org/l.iso", type: "application/octet-stream" }] }],
  },
  {
    name: "media: a full-size media:content image is the image before its thumbnail (Flickr style)",
    doc: rss2(
      `<item><title>P</title><media:content url="https://img.example.org/pic.jpg" medium="image"/><media:thumbnail url="https://img.example.org/thumb.jpg"/></item>`,
    ),
    items: [{ image: "https://img.example.org/pic.jpg" }],
  },
  {
    // Guardian: no type or medium; the URL's extension says image (as the renderer's enclosure type does).
    name: "media: media:content without type or medium but an image URL is the image, not an untyped enclosure",
    doc: rss2(`<item><title>G</title>
<media:content width="140" url="https://i.paper.example/img/media/abc/master/3000.jpg?width=140&amp;quality=85&amp;s=1a2b"><media:credit scheme="urn:ebu">Photograph: AP</media:credit></media:content>
<media:content width="460" url="https://i.paper.example/img/media/abc/master/3000.jpg?width=460&amp;quality=85&amp;s=3c4d"/>
<media:content url="https://v.example.org/clip.MP4"/><media:content url="https://v.example.org/poster.jpg" medium="video"/></item>`),
    items: [
      {
        image: "https://i.paper.example/img/media/abc/master/3000.jpg?width=140&quality=85&s=1a2b",
        enclosures: [{ url: "https://v.example.org/clip.MP4" }, { url: "https://v.example.org/poster.jpg" }],
      },
    ],
  },
  {
    name: "media: an untyped enclosure with an image URL also gives the item its image",
    doc: rss2(
      `<item><title>E</title><enclosure url="https://img.example.org/cover.PNG#x" length="10"/></item>`,
    ),
    items: [
      {
        image: "https://img.example.org/cover.PNG#x",
        enclosures: [{ url: "https://img.example.org/cover.PNG#x", length: 10 }],
      },
    ],
  },
  {
    // YouTube channel feeds hold the video's text only in media:group/media:description.
    name: "media: media:group/media:description is the content of an entry without one (YouTube)",
    file: "youtube-atom.xml",
    items: [{ title: "Perfect Rice & Beans", contentText: "Simple and good." }],
    missing: { 0: ["contentHtml", "summary"] },
    normalized: [{ summary: "Simple and good.", content: "<p>Simple and good.</p>" }],
  },
  {
    name: "media: media:description is plain text unless type=html, and never replaces the item's own text",
    doc: rss2(`<item><title>A</title><media:description>Use &lt;b&gt; for bold</media:description></item>
<item><title>B</title><media:content url="https://v.example.org/b.mp4" type="video/mp4"><media:description type="html">&lt;p&gt;Clip &lt;i&gt;b&lt;/i&gt;&lt;/p&gt;</media:description></media:content></item>
<item><title>C</title><description>Own text</description><media:group><media:description>Group text</media:description></media:group></item>`),
    items: [
      { contentText: "Use <b> for bold" },
      { contentHtml: "<p>Clip <i>b</i></p>" },
      { contentHtml: "Own text" },
    ],
    absent: ["Group text"],
    normalized: [
      { content: "<p>Use &lt;b&gt; for bold</p>" },
      { summary: "Clip b" },
      { summary: "Own text" },
    ],
  },
  {
    name: "media: itunes:summary, else itunes:subtitle, is the summary of an episode without a description",
    doc: rss2(
      `<item><title>1</title><itunes:summary>Only an itunes summary here.</itunes:summary><itunes:subtitle>Sub</itunes:subtitle></item>
<item><title>2</title><itunes:subtitle>Just the subtitle</itunes:subtitle></item>
<item><title>3</title><description>&lt;p&gt;Own notes&lt;/p&gt;</description><itunes:summary>Not this</itunes:summary><itunes:subtitle>Nor this</itunes:subtitle></item>`,
    ),
    items: [
      { summary: "Only an itunes summary here." },
      { summary: "Just the subtitle" },
      { contentHtml: "<p>Own notes</p>" },
    ],
    missing: { 0: ["contentHtml", "contentText"], 2: ["summary"] },
    absent: ["Not this", "Nor this"],
    normalized: [
      { summary: "Only an itunes summary here.", content: "<p>Only an itunes summary here.</p>" },
      { summary: "Just the subtitle" },
      { summary: "Own notes" },
    ],
  },
  {
    name: "media: itunes:author is the author of an episode without one, the channel's of the others",
    doc: rss2(
      `<item><title>1</title><itunes:author>Jane Host</itunes:author></item>
<item><title>2</title></item>
<item><title>3</title><dc:creator>Own Writer</dc:creator><itunes:author>Not Her</itunes:author></item>`,
      `<itunes:author>Drone Media</itunes:author>`,
    ),
    items: [
      { authors: [{ name: "Jane Host" }] },
      { authors: [{ name: "Drone Media" }] },
      { authors: [{ name: "Own Writer" }] },
    ],
    absent: ["Not Her"],
  },
];
