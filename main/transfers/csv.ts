// The CSV of a transfer's items, pure: UTF-8 with a byte-order mark (so spreadsheet software
// opens Japanese text right), CRLF line ends and RFC 4180 quoting. Email and age columns exist
// only when contact data was included.
import { hasContact, type TransferItemRecord } from './contact.js';

const BOM = '\uFEFF';

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, and quotes inside are doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Citizen text that starts like a formula (=, +, -, @, tab, CR) would run as one in a spreadsheet
 * the ministry opens: it gets a leading apostrophe, which spreadsheets show as text.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface CsvLabels {
  category(code: string): string;
  theme(code: string | null): string;
  ageBand(code: string | null): string;
  /** The received time as the file shows it (Asia/Tokyo). */
  time(iso: string): string;
}

export const CSV_HEADER = ['id', 'received_at', 'category', 'theme', 'body'] as const;
export const CSV_CONTACT_HEADER = ['email', 'age_band'] as const;

export function transferCsv(records: readonly TransferItemRecord[], includeContact: boolean, labels: CsvLabels): Buffer {
  const header: string[] = [...CSV_HEADER, ...(includeContact ? CSV_CONTACT_HEADER : [])];
  const lines = [header.join(',')];
  for (const r of records) {
    const cells = [r.id, labels.time(r.receivedAt), labels.category(r.category), labels.theme(r.theme), r.body];
    // The columns follow the transfer's choice, never the record's shape alone.
    if (includeContact) cells.push(hasContact(r) ? (r.email ?? '') : '', hasContact(r) ? labels.ageBand(r.ageBand) : '');
    // The id and the time are Koe's own and must stay exactly as they are; the rest may carry
    // text that came from outside.
    lines.push(cells.map((c, i) => csvField(i < 2 ? c : neutralizeFormula(c))).join(','));
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

/** Reads RFC 4180 text back into rows: how the tests check what a ministry's software will see. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && src[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
