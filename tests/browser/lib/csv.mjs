// Reads the CSV pakta writes: every cell quoted, `""` for a quote, rows
// ending in CRLF. Anything else is an error, so a change of format shows.

/** The rows of `text` (a leading byte-order mark dropped), each a list of cells. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    if (text[i] !== '"') throw new Error(`unquoted cell at ${i}: ${text.slice(i, i + 20)}`);
    let cell = '';
    i += 1;
    for (;;) {
      const quote = text.indexOf('"', i);
      if (quote < 0) throw new Error('a cell is never closed');
      cell += text.slice(i, quote);
      if (text[quote + 1] === '"') { cell += '"'; i = quote + 2; } else { i = quote + 1; break; }
    }
    row.push(cell);
    if (text[i] === ',') { i += 1; } else if (text.startsWith('\r\n', i)) {
      rows.push(row); row = []; i += 2;
    } else {
      throw new Error(`unexpected ${JSON.stringify(text[i])} after a cell`);
    }
  }
  if (row.length) throw new Error('the last row does not end in CRLF');
  return rows;
}
