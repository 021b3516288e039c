import { atomDocument, BASE_TIME, htmlDetailDocument, htmlListDocument, rssDocument } from "./documents.mjs";

/**
 * The bench corpus: `feeds` feed sources (even index RSS 2.0, odd Atom 1.0) of `items` items each, and
 * `html` announcement-list sources of `htmlItems` entries with a detail page each. Documents are rendered
 * once into Buffers (so generating them is never part of a measurement) and re-rendered only for sources
 * that `change()` touches.
 */
export function createCorpus({ feeds, items, html, htmlItems = 20, origin }) {
  const sources = [];
  for (let s = 0; s < feeds; s++) {
    sources.push({
      id: `feed-${String(s).padStart(4, "0")}`,
      kind: s % 2 === 0 ? "rss" : "atom",
      s,
      path: `/feed/${s}.xml`,
      window: items,
      count: items,
      generation: 0,
    });
  }
  for (let s = 0; s < html; s++) {
    sources.push({
      id: `html-${String(s).padStart(2, "0")}`,
      kind: "html",
      s,
      path: `/html/${s}/list.html`,
      window: htmlItems,
      count: htmlItems,
      generation: 0,
    });
  }
  /** path → { body, contentType, etag, lastModified } */
  const documents = new Map();

  function render(source) {
    const lastModified = new Date(BASE_TIME + source.generation * 3_600_000).toUTCString();
    const etag = `"${source.kind}-${source.s}-g${source.generation}"`;
    const args = { s: source.s, count: source.count, window: source.window, origin };
    if (source.kind === "html") {
      const list = htmlListDocument(args);
      documents.set(source.path, { ...list, etag, lastModified });
      for (let seq = Math.max(0, source.count - source.window); seq < source.count; seq++) {
        const path = `/html/${source.s}/detail/${seq}.html`;
        if (documents.has(path)) continue;
        const detail = htmlDetailDocument({ s: source.s, seq, window: source.window, origin });
        documents.set(path, { ...detail, etag: `"d-${source.s}-${seq}"`, lastModified });
      }
      return;
    }
    const text = source.kind === "rss" ? rssDocument(args) : atomDocument(args);
    documents.set(source.path, {
      body: Buffer.from(text),
      contentType: `application/${source.kind}+xml; charset=utf-8`,
      etag,
      lastModified,
    });
  }

  for (const source of sources) render(source);
  const htmlSources = sources.filter((s) => s.kind === "html");

  return {
    origin,
    get(path) {
      return documents.get(path) ?? null;
    },
    /** Bytes of the main documents (feeds and list pages) of some sources, for the report. */
    mainBytes(list = sources) {
      let total = 0;
      for (const source of list) total += documents.get(source.path).body.length;
      return total;
    },
    /** The first `count` feed sources and every html source: the smaller sizes reuse the rendered docs. */
    select(count) {
      const chosen = [...sources.filter((s) => s.kind !== "html").slice(0, count), ...htmlSources];
      return {
        origin,
        sources: chosen,
        feedSources: chosen.filter((s) => s.kind !== "html"),
        htmlSources,
        /**
         * One new item in every chosen source whose position p satisfies p % every === offset (1% for
         * every = 100), spread over feeds and html lists alike. Returns the ids changed.
         */
        change({ every = 100, offset = 37 } = {}) {
          const changed = [];
          chosen.forEach((source, position) => {
            if (position % every !== offset) return;
            source.count += 1;
            source.generation += 1;
            render(source);
            changed.push(source.id);
          });
          return changed;
        },
      };
    },
  };
}
