import type { SourceConfig } from "../config/index.js";
import { readFeedSource } from "./feed/index.js";
import { readFilesSource } from "./files/index.js";
import { createHtmlSourceReader, readHtmlSource } from "./html/index.js";
import type { SourceContext, SourceReadResult } from "./types.js";

export { parseFeedDocument, readFeedSource } from "./feed/index.js";
export { readFilesSource } from "./files/index.js";
export {
  createHtmlSourceReader,
  extractDetail,
  extractList,
  readHtmlSource,
  SelectorError,
} from "./html/index.js";
export { isInside, type LoadedDocument, loadDocument, resolveLocalPath, SourcePathError } from "./load.js";
export type { SourceContext, SourceReader, SourceReadResult } from "./types.js";

/** Reads one configured source with the adapter of its type. */
export function readSource(source: SourceConfig, context: SourceContext): Promise<SourceReadResult> {
  switch (source.type) {
    case "feed":
      return readFeedSource(source, context);
    case "html":
      return source.detail?.maxFetches === undefined
        ? readHtmlSource(source, context)
        : createHtmlSourceReader({ maxDetailFetches: source.detail.maxFetches })(source, context);
    case "files":
      return readFilesSource(source, context);
  }
}
