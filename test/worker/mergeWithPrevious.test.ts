import { expect, it } from "vitest";
import { mergeWithPrevious } from "../../src/worker/refresh.js";
import { makeArticle } from "../fixtures/article.js";

// A source's stored copy of a story it still lists under another id goes (it would take a second place
// under the cap); copies stored under a session-id URL, before crier dropped session ids, count too.

it("drops a stored copy whose URL differs from the fresh one only by a session id", () => {
  const url = "http://gov.example/art/2019/5/30/art_1.html";
  const fresh = makeArticle(url, { title: "停水通知", url });
  const stale = makeArticle(`${url};jsessionid=A1B2C3`, {
    title: "停水通知",
    url: `${url};jsessionid=A1B2C3`,
  });
  const other = makeArticle("http://gov.example/art/2.html", {
    title: "停电通知",
    url: "http://gov.example/art/2.html",
  });
  expect(mergeWithPrevious([fresh], [stale, other], 10).map((a) => a.id)).toEqual([url, other.id]);
});
