import type { RawItem } from "../../model.js";
import { refineDate } from "./dateText.js";

const TRUNCATED = /(?:\.{2,}|…+|。{3})$/;

/**
 * Detail fields override the list's, except a title (only when the list's is missing or cut short) and a
 * date (it refines the list's, see refineDate; `now` is the fetch time).
 */
export function mergeDetail(item: RawItem, found: Partial<RawItem>, now: Date): RawItem {
  const merged: RawItem = { ...item };
  if (found.baseUrl) merged.baseUrl = found.baseUrl;
  if (found.contentHtml) merged.contentHtml = found.contentHtml;
  if (found.authors?.length) merged.authors = found.authors;
  const published = refineDate(item.published, found.published, now);
  if (published) merged.published = published;
  if (found.title && (!item.title || TRUNCATED.test(item.title))) merged.title = found.title;
  return merged;
}
