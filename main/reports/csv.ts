// The report as CSV: UTF-8 with a byte-order mark and CRLF line ends, which is what Excel on a
// Japanese Windows needs to open it without garbling (without the BOM it reads Shift_JIS).
// One file, the tables one after another, each with its title, header, rows and total.
import { SUPPRESSED_MARK, type CellValue, type TableSet } from './tables.js';

const BOM = '\uFEFF';

/** RFC 4180 quoting; text that a spreadsheet would run as a formula is kept as text. */
export function csvField(value: CellValue): string {
  if (value === null) return SUPPRESSED_MARK;
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CellValue[]): string {
  return values.map(csvField).join(',');
}

export function reportCsv(set: TableSet): Buffer {
  const lines: string[] = [csvLine([set.title])];
  for (const [k, v] of set.meta) lines.push(csvLine([k, v]));
  for (const table of set.tables) {
    lines.push('');
    lines.push(csvLine([`# ${table.title}`]));
    lines.push(csvLine(table.columns.map((c) => c.label)));
    for (const row of table.rows) lines.push(csvLine(row));
    if (table.totalRow) lines.push(csvLine(table.totalRow));
    if (table.note) lines.push(csvLine([table.note]));
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
