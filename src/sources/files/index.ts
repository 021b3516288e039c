// Public surface of the files source: local .txt/.md/.html announcements → raw items.
export { markdownToHtml } from "./markdownToHtml.js";
export { fileItem, MAX_FILE_BYTES, readFilesSource, readSingleFile } from "./readFilesSource.js";
