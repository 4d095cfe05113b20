// The report as an Excel workbook: an overview sheet (what the report covers) and one sheet per
// table, each with a bold frozen header, counts as numbers, dates as dates, a total row and the
// suppression mark explained where it is used.
import ExcelJS from 'exceljs';
import { SUPPRESSED_MARK, type ReportTable, type TableSet } from './tables.js';

const SHEET_NAME_MAX = 31;

function sheetName(title: string, used: Set<string>): string {
  const clean = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim() || 'Sheet';
  let name = clean.slice(0, SHEET_NAME_MAX);
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${clean.slice(0, SHEET_NAME_MAX - String(i).length - 1)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

const asDate = (iso: string): Date | string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
};

function addTable(wb: ExcelJS.Workbook, table: ReportTable, name: string): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c) => ({
    header: c.label,
    width: c.kind === 'text' ? Math.min(48, Math.max(14, c.label.length * 2 + 4)) : Math.max(12, c.label.length * 2 + 2),
    style: c.kind === 'count' ? { numFmt: '#,##0' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'hours' ? { numFmt: '0.0' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  const write = (values: (number | string | null)[], total: boolean) => {
    const row = ws.addRow(values.map((v, i) => (v === null ? SUPPRESSED_MARK : table.columns[i]?.kind === 'date' && typeof v === 'string' ? asDate(v) : v)));
    values.forEach((v, i) => {
      if (v !== null) return;
      const cell = row.getCell(i + 1);
      cell.alignment = { horizontal: 'right' };
      cell.font = { color: { argb: 'FF666666' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
    });
    if (total) {
      row.font = { bold: true };
      row.border = { top: { style: 'thin' } };
    }
  };
  for (const r of table.rows) write(r, false);
  if (table.totalRow) write(table.totalRow, true);
  if (table.note) {
    ws.addRow([]);
    ws.addRow([table.note]).font = { italic: true, color: { argb: 'FF555555' } };
  }
}

export async function reportXlsx(set: TableSet, opts: { now: Date; onTable?: (done: number, total: number) => Promise<void> | void }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Koe';
  wb.created = opts.now;
  wb.modified = opts.now;
  wb.title = set.title;
  const used = new Set<string>();

  const overview = wb.addWorksheet(sheetName(set.language === 'ja' ? '概要' : 'Overview', used));
  overview.columns = [{ width: 28 }, { width: 60 }];
  overview.addRow([set.title]).font = { bold: true, size: 14 };
  overview.addRow([]);
  for (const [k, v] of set.meta) overview.addRow([k, v]).getCell(1).font = { bold: true };

  let done = 0;
  for (const table of set.tables) {
    addTable(wb, table, sheetName(table.sheet ?? table.title, used));
    await opts.onTable?.(++done, set.tables.length);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
