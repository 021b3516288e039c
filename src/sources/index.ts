import type { SourceConfig } from "../config/index.js";
import type { SourceContext, SourceReadResult } from "./types.js";

// Adapters are loaded on first use: a build whose sources all answer 304 never loads the parsers
// (rss-parser, cheerio), which is most of crier's start-up time.
export type { ExtractedList } from "./html/index.js";
export {
  type FetchedDocument,
  fetchDocument,
  isInside,
  type LoadedDocument,
  loadDocument,
  resolveLocalPath,
  SourcePathError,
} from "./load.js";
export type { SourceContext, SourceReader, SourceReadResult } from "./types.js";

/** Reads one configured source with the adapter of its type. */
export async function readSource(source: SourceConfig, context: SourceContext): Promise<SourceReadResult> {
  switch (source.type) {
    case "feed": {
      const { readFeedSource } = await import("./feed/readFeedSource.js");
      return readFeedSource(source, context);
    }
    case "html": {
      const { createHtmlSourceReader, readHtmlSource } = await import("./html/readHtmlSource.js");
      return source.detail?.maxFetches === undefined
        ? readHtmlSource(source, context)
        : createHtmlSourceReader({ maxDetailFetches: source.detail.maxFetches })(source, context);
    }
    case "files": {
      const { readFilesSource } = await import("./files/readFilesSource.js");
      return readFilesSource(source, context);
    }
  }
}
