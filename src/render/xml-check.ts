import { SaxesParser } from "saxes";
import { findXmlIllegalChar } from "./feeds/xml-chars.js";

/**
 * Throws unless `xml` is a well-formed, namespace-well-formed XML 1.0 document without illegal characters. Strict and
 * non-validating: saxes expands no entities beyond the five predefined ones, so a DOCTYPE cannot smuggle
 * anything in. The message names line and column (1-based) of the first problem.
 */
export function checkXml(xml: string, name = "xml"): void {
  const bad = findXmlIllegalChar(xml);
  if (bad !== null) {
    const { line, column } = position(xml, bad.index);
    const hex = bad.codePoint.toString(16).toUpperCase().padStart(4, "0");
    throw new Error(`${name}:${line}:${column}: illegal XML character U+${hex}`);
  }
  // Namespace-aware: an undeclared prefix (e.g. dc: without xmlns:dc) is an error too.
  const parser = new SaxesParser({ fileName: name, position: true, xmlns: true });
  let root = false;
  parser.on("opentag", () => {
    root = true;
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    throw new Error(`not well-formed XML: ${(error as Error).message}`);
  }
  if (!root) throw new Error(`${name}: not well-formed XML: no root element`);
}

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  const column = index - before.lastIndexOf("\n");
  return { line, column };
}
