import { intBetween, pick } from "./prng.mjs";

// Word lists for plausible announcement text: Latin prose and Chinese (simplified and traditional) so that
// strings carry two-byte characters the way real government notices do.

const LATIN = (
  "the council announces a public consultation on the proposed changes to water supply roads schools " +
  "transport budget residents are invited to submit comments before deadline meeting will be held in " +
  "the town hall notice service interruption maintenance works district office permit application " +
  "results of the tender environmental report health department vaccination schedule update"
).split(" ");

const CJK = [
  "关于",
  "开展",
  "公开征求意见",
  "的通知",
  "各有关单位",
  "根据",
  "工作安排",
  "现将有关事项",
  "公告如下",
  "市政府",
  "办公厅",
  "交通管制",
  "施工期间",
  "请广大市民",
  "注意出行安全",
  "特此公告",
  "政府資訊公開",
  "臺北市",
  "環境保護局",
  "公告事項",
  "申請期間",
  "聯絡電話",
  "社區活動中心",
];

export function latinWords(rng, count) {
  const words = [];
  for (let i = 0; i < count; i++) words.push(pick(rng, LATIN));
  return words.join(" ");
}

export function cjkPhrase(rng, count) {
  let text = "";
  for (let i = 0; i < count; i++) {
    text += pick(rng, CJK);
    if (rng() < 0.25) text += rng() < 0.5 ? "，" : "。";
  }
  return `${text}。`;
}

export function titleText(rng) {
  return rng() < 0.5
    ? `${cjkPhrase(rng, intBetween(rng, 3, 5)).slice(0, -1)}（第${intBetween(rng, 1, 99)}号）`
    : capitalize(latinWords(rng, intBetween(rng, 5, 10)));
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * An HTML body of roughly `targetBytes` UTF-8 bytes: paragraphs mixing CJK and Latin, links, emphasis, an
 * image, a list, and characters that need escaping (&, <, quotes) inside text.
 */
export function articleHtml(rng, origin, targetBytes) {
  const parts = [];
  let size = 0;
  let n = 0;
  while (size < targetBytes) {
    let part;
    switch (n++ % 5) {
      case 0:
        part = `<p>${cjkPhrase(rng, intBetween(rng, 8, 14))}</p>`;
        break;
      case 1:
        part = `<p>${capitalize(latinWords(rng, intBetween(rng, 18, 30)))} &amp; "R&amp;D" &lt;draft&gt;. <a href="${origin}/doc/${intBetween(rng, 1, 99999)}.html?utm_source=bench">${latinWords(rng, 3)}</a></p>`;
        break;
      case 2:
        part = `<p><strong>${cjkPhrase(rng, 3)}</strong>${latinWords(rng, 12)} <em>${cjkPhrase(rng, 4)}</em></p>`;
        break;
      case 3:
        part = `<ul><li>${latinWords(rng, 6)}</li><li>${cjkPhrase(rng, 3)}</li><li>${latinWords(rng, 5)}</li></ul>`;
        break;
      default:
        part = `<p><img src="/img/${intBetween(rng, 1, 9999)}.png" alt="${latinWords(rng, 2)}"> ${cjkPhrase(rng, 6)}</p>`;
    }
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return parts.join("\n");
}

/** Escapes text for an XML/HTML text node or attribute value. */
export function escapeXml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}
