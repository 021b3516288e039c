// File extensions and the media types they stand for: the renderer labels an untyped enclosure with it, and
// the feed adapter recognises an untyped media:content image by it.

const MEDIA_TYPE_BY_EXTENSION = new Map<string, string>([
  ["mp3", "audio/mpeg"],
  ["m4a", "audio/mp4"],
  ["aac", "audio/aac"],
  ["ogg", "audio/ogg"],
  ["oga", "audio/ogg"],
  ["opus", "audio/ogg"],
  ["wav", "audio/wav"],
  ["flac", "audio/flac"],
  ["mp4", "video/mp4"],
  ["m4v", "video/mp4"],
  ["webm", "video/webm"],
  ["mov", "video/quicktime"],
  ["jpg", "image/jpeg"],
  ["jpeg", "image/jpeg"],
  ["png", "image/png"],
  ["gif", "image/gif"],
  ["webp", "image/webp"],
  ["svg", "image/svg+xml"],
  ["avif", "image/avif"],
  ["pdf", "application/pdf"],
  ["zip", "application/zip"],
  ["doc", "application/msword"],
  ["docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  ["xls", "application/vnd.ms-excel"],
  ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  ["ppt", "application/vnd.ms-powerpoint"],
  ["pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
  ["txt", "text/plain"],
  ["html", "text/html"],
]);

/**
 * The media type the extension of a URL's last path segment stands for (`…/3000.jpg?width=140` is
 * image/jpeg), if known. The URL may be relative; query and fragment do not count.
 */
export function mediaTypeFromExtension(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url, "http://relative.invalid/").pathname;
  } catch {
    return undefined;
  }
  const name = pathname.slice(pathname.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot < 0 ? undefined : MEDIA_TYPE_BY_EXTENSION.get(name.slice(dot + 1).toLowerCase());
}
