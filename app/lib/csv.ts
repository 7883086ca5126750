/**
 * CSV for spreadsheets (RFC 4180: comma separated, CRLF line ends, fields quoted when
 * they hold a comma, quote or line break, quotes doubled). A cell that starts with
 * = + - @ (or a tab or carriage return) would run as a formula when the file is opened
 * in a spreadsheet (CSV injection), so it is prefixed with a single quote and read as text.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Numbers we write ourselves (a negative one would look like a formula) stay numbers.
  if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',');
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => `${csvRow(row)}\r\n`).join('');
}
