import { childElements, firstChild, parseXmlTree, type XmlElement } from "./xml-tree.js";

// Post-check of the invariants the fix passes exist for (design §1 render): if a future feed version or
// a bug in a fix breaks one, the build fails instead of publishing an invalid feed.

export function assertFeedShape(kind: "rss" | "atom", xml: string): void {
  const root = parseXmlTree(xml).root;
  const problems = kind === "rss" ? rssProblems(root) : atomProblems(root);
  if (problems.length > 0) throw new Error(`${kind} output failed its post-check: ${problems.join("; ")}`);
}

function rssProblems(rss: XmlElement): string[] {
  const problems: string[] = [];
  const channel = firstChild(rss, "channel");
  if (rss.name !== "rss" || !channel) return ["root is not <rss><channel>"];
  if (!childElements(channel, "atom:link").some((l) => l.attrs.get("rel") === "self"))
    problems.push('no <atom:link rel="self">');
  for (const name of ["title", "link", "description"]) {
    if (!firstChild(channel, name)) problems.push(`channel has no <${name}>`);
  }
  for (const item of childElements(channel, "item")) {
    if (!firstChild(item, "title") && !firstChild(item, "description"))
      problems.push("item without title and description");
    const enclosure = firstChild(item, "enclosure");
    if (enclosure && !["url", "length", "type"].every((a) => enclosure.attrs.has(a)))
      problems.push("incomplete enclosure");
  }
  return problems;
}

function atomProblems(feed: XmlElement): string[] {
  const problems: string[] = [];
  if (feed.name !== "feed") return ["root is not <feed>"];
  if (!feed.attrs.get("xml:lang")) problems.push("no xml:lang");
  if (!firstChild(feed, "author")) problems.push("no feed-level <author>");
  if (!childElements(feed, "link").some((l) => l.attrs.get("rel") === "self"))
    problems.push('no <link rel="self">');
  for (const name of ["id", "title", "updated"]) {
    if (!firstChild(feed, name)) problems.push(`feed has no <${name}>`);
  }
  for (const entry of childElements(feed, "entry")) {
    for (const name of ["id", "title", "updated"]) {
      if (!firstChild(entry, name)) problems.push(`entry has no <${name}>`);
    }
    if (childElements(entry, "category").some((c) => !c.attrs.has("term")))
      problems.push("category without term");
  }
  return problems;
}
