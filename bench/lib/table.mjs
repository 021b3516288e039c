// Plain-text tables for the terminal (and markdown-compatible: the lead pastes them into the README).

export function formatTable(headers, rows) {
  const cells = rows.map((row) =>
    row.map((cell) => (cell === undefined || cell === null ? "—" : String(cell))),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (row) =>
    `| ${row.map((cell, i) => (i === 0 || i === 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i <= 1 ? `${"-".repeat(w + 1)}-` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(headers), rule, ...cells.map(line)].join("\n");
}

export function seconds(ms) {
  return ms === undefined ? undefined : (ms / 1000).toFixed(2);
}

export function ratio(value, base) {
  return value === undefined || !base ? undefined : `${(value / base).toFixed(2)}×`;
}
