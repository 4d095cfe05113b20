// The printable report: A4, Noto Sans JP embedded (subset), each table with its chart drawn as
// vector shapes by pdfkit from the same figures as the table — so print and screen agree and the
// chart stays sharp at any zoom. Hidden (suppressed) counts get no bar, only their mark.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { SUPPRESSED_MARK, type CellValue, type ReportTable, type TableSet } from './tables.js';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'),
};
const fontCache = new Map<string, Buffer>();
const fontBytes = (file: string) => {
  let b = fontCache.get(file);
  if (!b) fontCache.set(file, (b = readFileSync(file)));
  return b;
};

const PAGE = { width: 595.28, height: 841.89, margin: 48 };
const CONTENT_W = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 14;
const INK = '#1f2933';
const MUTED = '#5f6b7a';
const RULE = '#d5dbe1';
export const PALETTE = ['#2f6f9f', '#e07b39', '#4c9a6a', '#b8475d', '#7a5ea8', '#c9a227', '#3c8d93', '#8c6d4f'];

type Doc = PDFKit.PDFDocument;

export interface PdfOptions {
  now: Date;
  onTable?: (done: number, total: number) => Promise<void> | void;
}

export async function reportPdf(set: TableSet, opts: PdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    info: { Title: set.title, Author: 'Koe', Subject: set.meta.map(([k, v]) => `${k}: ${v}`).join(' / '), CreationDate: opts.now, ModDate: opts.now },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('jp', fontBytes(FONTS.regular));
  doc.registerFont('jp-bold', fontBytes(FONTS.bold));

  doc.font('jp-bold').fontSize(20).fillColor(INK).text(set.title, PAGE.margin, PAGE.margin);
  doc.moveDown(0.6);
  for (const [k, v] of set.meta) {
    const y = doc.y;
    doc.font('jp').fontSize(9).fillColor(MUTED).text(k, PAGE.margin, y, { width: 140 });
    doc.font('jp').fontSize(10).fillColor(INK).text(v, PAGE.margin + 150, y, { width: CONTENT_W - 150 });
    doc.moveDown(0.25);
  }
  doc.moveDown(0.8);

  let n = 0;
  for (const table of set.tables) {
    drawSection(doc, table);
    await opts.onTable?.(++n, set.tables.length);
  }

  // Page numbers and the report's title in the footer of every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('jp').fontSize(8).fillColor(MUTED);
    doc.text(`${set.title} — ${i + 1} / ${range.count}`, PAGE.margin, PAGE.height - PAGE.margin + 8, { width: CONTENT_W, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

function drawSection(doc: Doc, table: ReportTable): void {
  const chartHeight = chartHeightOf(table);
  ensureSpace(doc, 30 + chartHeight + 60);
  doc.font('jp-bold').fontSize(13).fillColor(INK).text(table.title, PAGE.margin, doc.y, { width: CONTENT_W });
  doc.moveDown(0.3);
  if (chartHeight > 0) {
    const top = doc.y;
    drawChart(doc, table, top, chartHeight);
    doc.y = top + chartHeight + 8;
  }
  drawTable(doc, table);
  if (table.note) {
    ensureSpace(doc, 20);
    doc.font('jp').fontSize(8).fillColor(MUTED).text(table.note, PAGE.margin, doc.y + 2, { width: CONTENT_W });
  }
  doc.moveDown(1.2);
}

// ---- Charts ---------------------------------------------------------------------------------

const numeric = (v: CellValue): number | null => (typeof v === 'number' ? v : null);

/** The columns a chart draws. */
const seriesColumns = (table: ReportTable): number[] => table.series ?? [];

function chartHeightOf(table: ReportTable): number {
  if (!table.chart || table.chart === 'none' || table.rows.length === 0 || seriesColumns(table).length === 0) return 0;
  if (table.chart === 'bars') return 150;
  return Math.min((seriesColumns(table).length > 1 ? 18 : 0) + table.rows.length * 16 + 4, 300);
}

/** The top of a count axis with four whole-number steps. */
function niceMax(max: number): number {
  if (max <= 4) return 4;
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * pow >= raw && Number.isInteger(f * pow)) return f * pow * 4;
  return 40 * pow;
}

function drawChart(doc: Doc, table: ReportTable, top: number, height: number): void {
  if (table.chart === 'bars') return drawBars(doc, table, top, height);
  return drawHorizontal(doc, table, top, height);
}

function axisLabel(doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'right' | 'center') {
  doc.font('jp').fontSize(7).fillColor(MUTED).text(text, x, y, { width, align, lineBreak: false });
}

function drawBars(doc: Doc, table: ReportTable, top: number, height: number): void {
  const col = seriesColumns(table)[0];
  const values = table.rows.map((r) => numeric(r[col]));
  const max = niceMax(Math.max(0, ...values.map((v) => v ?? 0)));
  const left = PAGE.margin + 36;
  const width = CONTENT_W - 40;
  const plotH = height - 22;
  const step = width / Math.max(values.length, 1);
  const barW = Math.max(0.6, Math.min(28, step * 0.72));
  // Grid lines and the scale.
  for (let i = 0; i <= 4; i++) {
    const y = top + plotH - (plotH * i) / 4;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.4).strokeColor(RULE).stroke();
    axisLabel(doc, (max * i / 4).toLocaleString('en-US'), PAGE.margin, y - 4, 32, 'right');
  }
  const labelEvery = Math.ceil(values.length / 12);
  values.forEach((v, i) => {
    const x = left + i * step + (step - barW) / 2;
    if (v === null) {
      axisLabel(doc, SUPPRESSED_MARK, left + i * step, top + plotH - 10, step, 'center');
    } else if (v > 0) {
      const h = (plotH * v) / max;
      doc.rect(x, top + plotH - h, barW, h).fill(PALETTE[0]);
    }
    if (i % labelEvery === 0) axisLabel(doc, String(table.rows[i][0]), left + i * step - 20, top + plotH + 4, step + 40, 'center');
  });
}

/** Horizontal bars, one per row; several count columns are stacked, with a legend. */
function drawHorizontal(doc: Doc, table: ReportTable, top: number, height: number): void {
  const cols = seriesColumns(table);
  const rows = table.rows.slice(0, Math.floor((height - 4 - (cols.length > 1 ? 18 : 0)) / 16));
  const labelW = 130;
  const left = PAGE.margin + labelW + 6;
  const width = CONTENT_W - labelW - 50;
  const sums = rows.map((r) => cols.reduce((s, c) => s + (numeric(r[c]) ?? 0), 0));
  const max = niceMax(Math.max(0, ...sums));
  let y = top;
  if (cols.length > 1) {
    // Legend.
    let x = left;
    cols.forEach((c, k) => {
      doc.rect(x, y + 2, 8, 8).fill(PALETTE[k % PALETTE.length]);
      const label = table.columns[c].label;
      axisLabel(doc, label, x + 11, y + 2, 80, 'left');
      x += 14 + Math.min(80, doc.font('jp').fontSize(7).widthOfString(label) + 8);
    });
    y += 16;
  }
  rows.forEach((r, i) => {
    const rowY = y + i * 16;
    doc.font('jp').fontSize(8).fillColor(INK).text(String(r[0] ?? ''), PAGE.margin, rowY + 2, { width: labelW, align: 'right', lineBreak: false, ellipsis: true });
    let x = left;
    let hiddenAny = false;
    cols.forEach((c, k) => {
      const v = numeric(r[c]);
      if (v === null) {
        hiddenAny = true;
        return;
      }
      const w = (width * v) / max;
      if (w > 0) doc.rect(x, rowY + 2, w, 11).fill(PALETTE[k % PALETTE.length]);
      x += w;
    });
    const shown = !hiddenAny ? sums[i].toLocaleString('en-US') : sums[i] === 0 ? SUPPRESSED_MARK : `${sums[i].toLocaleString('en-US')} + ${SUPPRESSED_MARK}`;
    axisLabel(doc, shown, x + 4, rowY + 4, 60, 'left');
  });
}

// ---- Tables ---------------------------------------------------------------------------------

/** Writes one line of text in its box, shrinking the type until it fits (never wrapping). */
function fitText(doc: Doc, text: string, x: number, y: number, width: number, o: { font: string; size: number; color: string; align: 'left' | 'right' | 'center' }): void {
  let size = o.size;
  doc.font(o.font).fontSize(size);
  while (size > 5 && doc.widthOfString(text) > width) doc.fontSize((size -= 0.5));
  doc.fillColor(o.color).text(text, x, y + (o.size - size) / 2, { width, align: o.align, lineBreak: false, height: o.size * 1.4, ellipsis: true });
}

function drawTable(doc: Doc, table: ReportTable): void {
  const cols = table.columns;
  // A long list of dates and counts is set in three columns, like a newspaper, instead of pages of one.
  const narrow = cols.length <= 2 && cols.every((c) => c.kind !== 'text') && table.rows.length > 12;
  const blocks = narrow ? 3 : 1;
  const gap = 14;
  const blockW = narrow ? (CONTENT_W - gap * (blocks - 1)) / blocks : CONTENT_W;
  const textCols = cols.filter((c) => c.kind === 'text').length;
  const others = cols.length - textCols;
  const otherW = narrow ? blockW / cols.length : others > 0 ? Math.min(70, (CONTENT_W * (textCols ? 0.55 : 1)) / others) : 0;
  const textW = textCols > 0 ? (blockW - otherW * others) / textCols : 0;
  const widths = cols.map((c) => (c.kind === 'text' ? textW : otherW));
  const rowH = 14;
  let block = 0;
  let blockTop = doc.y;
  const left = () => PAGE.margin + block * (blockW + gap);
  const header = () => {
    const y = doc.y;
    doc.rect(left(), y, blockW, rowH + 2).fill('#e8eef4');
    let x = left();
    cols.forEach((c, i) => {
      fitText(doc, c.label, x + 3, y + 3, widths[i] - 6, { font: 'jp-bold', size: 7.5, color: INK, align: c.kind === 'text' ? 'left' : 'right' });
      x += widths[i];
    });
    doc.y = y + rowH + 2;
  };
  const line = (values: CellValue[], bold: boolean) => {
    if (doc.y + rowH > BOTTOM) {
      if (block < blocks - 1) {
        block++;
        doc.y = blockTop;
      } else {
        doc.addPage();
        block = 0;
        blockTop = doc.y;
        lowest = doc.y;
      }
      header();
    }
    const y = doc.y;
    let x = left();
    values.forEach((v, i) => {
      const c = cols[i];
      const text = v === null ? SUPPRESSED_MARK : typeof v === 'number' ? formatNumber(v, c?.kind) : v;
      fitText(doc, text, x + 3, y + 3, (widths[i] ?? 40) - 6, { font: bold ? 'jp-bold' : 'jp', size: 8, color: v === null ? MUTED : INK, align: c?.kind === 'text' ? 'left' : 'right' });
      x += widths[i] ?? 40;
    });
    doc.moveTo(left(), y + rowH).lineTo(left() + blockW, y + rowH).lineWidth(bold ? 0.8 : 0.3).strokeColor(bold ? MUTED : RULE).stroke();
    doc.y = y + rowH;
    lowest = Math.max(lowest, doc.y);
  };
  let lowest = doc.y;
  ensureSpace(doc, rowH * 3);
  blockTop = doc.y;
  lowest = doc.y;
  header();
  for (const r of table.rows) line(r, false);
  if (table.totalRow) line(table.totalRow, true);
  // Go on below the longest block.
  doc.y = lowest;
  doc.x = PAGE.margin;
}

function formatNumber(v: number, kind: string | undefined): string {
  return kind === 'count' ? v.toLocaleString('en-US') : String(v);
}
