// Code passed to page.evaluate() runs in the browser, but this is a Node project without the DOM lib.
// These types describe just what that page-side code touches. Inside a callback write
// `const w = globalThis as unknown as PageWindow` (a type cast: nothing from Node crosses into the page).

export interface PageElement {
  id: string;
  tagName: string;
  href: string;
  getAttribute(name: string): string | null;
}

export interface PageDocument {
  activeElement: PageElement | null;
  body: PageElement;
  querySelectorAll(selector: string): Iterable<PageElement>;
}

export interface PageWindow {
  document: PageDocument;
  getComputedStyle(element: PageElement): { outlineStyle: string; backgroundColor: string };
  XSLTProcessor?: unknown;
}
