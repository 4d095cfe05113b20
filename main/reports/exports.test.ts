// Exports parsed back and compared with the report: CSV (BOM, quoting), XLSX (exceljs: sheets,
// types), PDF (pdf.js text, fonts embedded). Publication exports carry only suppressed
// aggregates, and no export ever carries a body, an email address or a tag's free text where it
// must not.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportExportInput, type ReportExportInput } from '../../shared/contract-reports.js';
import { pdfText } from '../test-support/pdf-text.js';
import { tempStore, type TempStore } from '../test-support/temp-store.js';
import { csvField } from './csv.js';
import { buildReportFile } from './exporter.js';
import { FIXTURE_NOW, loadFixture } from './test-fixture.js';

let t: TempStore;
beforeAll(() => {
  t = tempStore();
  loadFixture(t.db);
});
afterAll(() => t.cleanup());

const QUERY = { from: '2026-10-31', to: '2026-11-28' };
function exportOf(over: Partial<ReportExportInput>) {
  const input = reportExportInput.parse({ query: QUERY, format: 'csv', exportId: 'test-export-1', ...over });
  return buildReportFile(t.db, input, { threshold: 5, now: FIXTURE_NOW });
}

/** RFC 4180, enough for our own files. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

/** The rows of one section ("# title" line) up to the next blank line. */
function section(rows: string[][], title: string): string[][] {
  const start = rows.findIndex((r) => r[0] === `# ${title}`);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const end = rows.findIndex((r, i) => i > start && r.length === 1 && r[0] === '');
  return rows.slice(start + 1, end < 0 ? undefined : end);
}

const PERSONAL = ['本文', 'citizen-', '@example.jp'];

describe('CSV', () => {
  it('is UTF-8 with a BOM and CRLF, and every table reads back with the report’s figures', async () => {
    const file = await exportOf({ format: 'csv' });
    expect(file.fileName).toBe('koe-report_2026-10-31_2026-11-28.csv');
    expect(file.mime).toBe('text/csv; charset=utf-8');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.bytes.toString('utf8').slice(1);
    expect(text).toContain('\r\n');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['意見の集計']);
    expect(rows).toContainEqual(['対象期間（受付日）', '2026-10-31 – 2026-11-28']);
    expect(section(rows, '種別')).toEqual([
      ['種別', 'コード', '件数'],
      ['ご意見', 'opinion', '4'],
      ['ご質問', 'question', '1'],
      ['ご要望', 'request', '1'],
      ['苦情', 'complaint', '1'],
      ['合計', '', '7'],
    ]);
    expect(section(rows, '未処理の意見（状態・経過日数別）')).toEqual([
      ['状態', '当日', '1〜2日', '3〜6日', '1〜2週', '2〜4週', '1〜3か月', '3か月以上', '合計'],
      ['新規', '1', '1', '0', '0', '1', '0', '0', '3'],
      ['対応中', '0', '0', '0', '0', '1', '0', '0', '1'],
      ['合計', '1', '1', '0', '0', '2', '0', '0', '4'],
    ]);
    expect(section(rows, '概要')).toContainEqual(['初回返信までの時間（中央値・時間）', '2']);
    expect(section(rows, 'よく使われたタグ')).toEqual([
      ['タグ', '件数'],
      ['要確認', '2'],
      ['回付検討', '1'],
    ]);
    for (const p of PERSONAL) expect(text).not.toContain(p);
  });

  it('in English', async () => {
    const rows = parseCsv((await exportOf({ format: 'csv', language: 'en' })).bytes.toString('utf8').slice(1));
    expect(section(rows, 'Channel')).toEqual([
      ['Channel', 'Code', 'Count'],
      ['Form', 'form', '5'],
      ['Email', 'email', '2'],
      ['Total', '', '7'],
    ]);
  });

  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+81')).toBe("'+81");
    expect(csvField(null)).toBe('X');
    expect(csvField(12)).toBe('12');
  });
});

describe('publication', () => {
  it('hides small cells (marked X) and their companions, and leaves out tags and groups', async () => {
    const file = await exportOf({ format: 'csv', publication: true });
    expect(file.fileName).toBe('koe-report_2026-10-31_2026-11-28_publication.csv');
    const text = file.bytes.toString('utf8').slice(1);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['意見の集計（公表用）']);
    expect(rows).toContainEqual(['秘匿の閾値', '5']);
    // 4, 1, 1, 1 are all under 5: every category hidden, the total of 7 shown.
    expect(section(rows, '種別').slice(1, 6)).toEqual([
      ['ご意見', 'opinion', 'X'],
      ['ご質問', 'question', 'X'],
      ['ご要望', 'request', 'X'],
      ['苦情', 'complaint', 'X'],
      ['合計', '', '7'],
    ]);
    // Form 5 alone would give Email 2 away: both hidden.
    expect(section(rows, '受付経路').slice(1, 4)).toEqual([
      ['フォーム', 'form', 'X'],
      ['メール', 'email', 'X'],
      ['合計', '', '7'],
    ]);
    // Three replies: too few for times to be published.
    expect(section(rows, '概要')).toContainEqual(['初回返信までの時間（中央値・時間）', 'X']);
    expect(text).not.toContain('よく使われたタグ');
    expect(text).not.toContain('要確認');
    expect(text).not.toContain('g-1');
    expect(text).not.toContain('未処理（現在）');
    for (const p of PERSONAL) expect(text).not.toContain(p);
  });

  it('with a threshold of 1 shows everything, and a stricter one hides more', async () => {
    const input = reportExportInput.parse({ query: QUERY, format: 'csv', publication: true, exportId: 'test-export-2' });
    const open = parseCsv((await buildReportFile(t.db, input, { threshold: 1, now: FIXTURE_NOW })).bytes.toString('utf8').slice(1));
    expect(section(open, '種別')[1]).toEqual(['ご意見', 'opinion', '4']);
    const strict = parseCsv((await buildReportFile(t.db, input, { threshold: 8, now: FIXTURE_NOW })).bytes.toString('utf8').slice(1));
    expect(section(strict, '種別').at(-2)).toEqual(['合計', '', 'X']);
  });
});

describe('XLSX', () => {
  it('has an overview and one sheet per table, with numbers as numbers and dates as dates', async () => {
    const file = await exportOf({ format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概要', '概要（数値）', '受付件数', '種別', 'テーマ', '年代', '受付経路', '状態', '未処理', '初回返信', '移送', 'タグ', 'キャンペーン']);
    const category = wb.getWorksheet('種別')!;
    expect(category.getRow(1).values).toEqual([undefined, '種別', 'コード', '件数']);
    expect(category.getRow(2).values).toEqual([undefined, 'ご意見', 'opinion', 4]);
    expect(category.getRow(1).font?.bold).toBe(true);
    expect(category.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const volume = wb.getWorksheet('受付件数')!;
    const first = volume.getRow(2).getCell(1).value;
    expect(first).toBeInstanceOf(Date);
    expect((first as Date).toISOString()).toBe('2026-10-31T00:00:00.000Z');
    expect(volume.getRow(2).getCell(2).value).toBe(1);
    expect(volume.getRow(31).values).toEqual([undefined, '合計', 7]);
    const transfers = wb.getWorksheet('移送')!;
    expect(transfers.getRow(2).values).toEqual([undefined, 'こども家庭庁', 0, 2, 0, 0, 2, 1]);
    const all: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => all.push(String(c.value)))));
    for (const p of PERSONAL) expect(all.join('\n')).not.toContain(p);
  });

  it('in publication mode marks hidden cells X and leaves out internal sheets', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportOf({ format: 'xlsx', publication: true, language: 'en' })).bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Overview', 'Summary', 'Volume', 'Category', 'Theme', 'Age band', 'Channel', 'Status', 'First reply', 'Transfers']);
    const channel = wb.getWorksheet('Channel')!;
    expect(channel.getRow(2).values).toEqual([undefined, 'Form', 'form', 'X']);
    expect(channel.getRow(4).values).toEqual([undefined, 'Total', '', 7]);
  });
});

describe('PDF', () => {
  it('has the title, every table and its figures as text, in the embedded Japanese font', async () => {
    const file = await exportOf({ format: 'pdf' });
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.bytes.toString('latin1')).toMatch(/\/FontFile2/);
    const text = await pdfText(file.bytes);
    for (const s of ['意見の集計', '日別の受付件数', '種別', 'ご意見', 'テーマ', '子育て', '未処理の意見（状態・経過日数別）', '初回返信までの時間', 'こども家庭庁', '要確認', '2026-10-31 – 2026-11-28']) {
      expect(text).toContain(s);
    }
    for (const p of PERSONAL) expect(text).not.toContain(p);
  });

  it('in publication mode shows the mark and no internal tables', async () => {
    const text = await pdfText((await exportOf({ format: 'pdf', publication: true, language: 'en' })).bytes);
    expect(text).toContain('Opinions report (for publication)');
    expect(text).toContain('Suppression threshold');
    expect(text).toMatch(/\bX\b/);
    expect(text).not.toContain('Most used tags');
  });
});

describe('progress and cancel', () => {
  it('reports phases up to 95 % and stops when cancelled', async () => {
    const seen: [string, number][] = [];
    const input = reportExportInput.parse({ query: QUERY, format: 'xlsx', exportId: 'test-export-3' });
    await buildReportFile(t.db, input, { threshold: 5, now: FIXTURE_NOW, onProgress: (p, f) => seen.push([p, f]) });
    expect(seen[0]).toEqual(['preparing', 0]);
    expect(seen.at(-1)).toEqual(['rendering', 0.95]);
    expect(seen.map(([, f]) => f)).toEqual([...seen.map(([, f]) => f)].sort((a, b) => a - b));

    const controller = new AbortController();
    const pending = buildReportFile(t.db, { ...input, format: 'pdf' }, {
      threshold: 5,
      now: FIXTURE_NOW,
      signal: controller.signal,
      onProgress: (phase) => phase === 'rendering' && controller.abort(),
    });
    await expect(pending).rejects.toThrow(/abort/i);
  });
});
