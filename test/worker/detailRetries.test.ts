import { describe, expect, it } from "vitest";
import type { Article, RawItem } from "../../src/model.js";
import { isDetailRetryDue, MAX_DETAIL_ATTEMPTS, nextDetailRetries } from "../../src/worker/detailRetries.js";

const A = "https://gov.example/a.html";
const B = "https://gov.example/b.html";
const C = "https://gov.example/c.html";
const stored = (...urls: string[]) => urls.map((url) => ({ url }) as Article);
const item = (link: string, extra: Partial<RawItem> = {}): RawItem => ({ title: link, link, ...extra });

describe("nextDetailRetries", () => {
  it("counts a failure, forgets a page read now, keeps one not asked for", () => {
    const next = nextDetailRetries(
      { [A]: 1, [B]: 2, [C]: 1 },
      [item(A, { detailFailed: true }), item(B)],
      stored(A, B, C),
    );
    expect(next).toEqual({ retries: { [A]: 2, [C]: 1 }, givenUp: [], pending: true });
  });

  it("a known item that was skipped keeps its count; a new failure starts at 1", () => {
    const next = nextDetailRetries(
      { [A]: 1 },
      [item(A, { detailSkipped: true }), item(B, { detailFailed: true })],
      stored(A, B),
    );
    expect(next.retries).toEqual({ [A]: 1, [B]: 1 });
  });

  it("gives a page up at the last attempt and then no longer needs the list again", () => {
    const next = nextDetailRetries(
      { [A]: MAX_DETAIL_ATTEMPTS - 1 },
      [item(A, { detailFailed: true })],
      stored(A),
    );
    expect(next).toEqual({ retries: { [A]: MAX_DETAIL_ATTEMPTS }, givenUp: [A], pending: false });
    expect(isDetailRetryDue(next.retries, A)).toBe(false);
    expect(isDetailRetryDue({ [A]: 1 }, A)).toBe(true);
    expect(isDetailRetryDue({ [A]: 1 }, B)).toBe(false);
  });

  it("keeps the count of a page no longer listed, but that page does not keep the list from a 304", () => {
    const next = nextDetailRetries({ [A]: 1 }, [item(B)], stored(A, B));
    expect(next).toEqual({ retries: { [A]: 1 }, givenUp: [], pending: false });
    // Listed again (known, so skipped by the reader only once given up): it is pending again.
    expect(nextDetailRetries({ [A]: 1 }, [item(A, { detailSkipped: true })], stored(A)).pending).toBe(true);
  });

  it("drops entries of items no longer stored, and local pages are never counted", () => {
    const next = nextDetailRetries(
      { [A]: 2 },
      [item("file:///site/x.html", { detailFailed: true })],
      stored(B),
    );
    expect(next).toEqual({ retries: undefined, givenUp: [], pending: false });
  });
});
