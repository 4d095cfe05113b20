// `koe report` as a supervisor's scheduled job runs it: a child process, the simulator, a real
// encrypted store. The same figures as the screen, the same role rule, an audit entry per file.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportQuery } from '../../shared/contract-reports.js';
import { KeyFileProvider } from '../keys/key-file.js';
import { buildReport } from '../reports/aggregates.js';
import { dateOfDay, dayOfMs } from '../reports/calendar.js';
import { refreshRollupsNow } from '../reports/rollup.js';
import { listAudit } from '../store/audit.js';
import { openStore } from '../store/open-store.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { pdfText } from '../test-support/pdf-text.js';
import { tempDir } from '../test-support/temp-store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

let sim: SimulatorHandle;
const dir = tempDir('koe-cli-report-');
const dataDir = join(dir, 'data');
const staffDir = join(dir, 'staff-data');
const keyFile = join(dir, 'db.key');
const today = dayOfMs(Date.now());
const FROM = dateOfDay(today - 430);
const TO = dateOfDay(today);

function koe(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, join(ROOT, 'main', 'cli.ts'), ...args],
      { env: { ...process.env, KOE_DB_KEY_FILE: keyFile, KOE_USERNAME: 'tanaka', KOE_PASSWORD: 'koe-demo', ...env } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  sim = await startSimulator({ count: 200, seed: 9 });
  expect((await koe(['sync', '--once', '--data-dir', dataDir, '--api', sim.url])).code).toBe(0);
  expect((await koe(['sync', '--once', '--data-dir', staffDir, '--api', sim.url], { KOE_USERNAME: 'sato' })).code).toBe(0);
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('koe report', () => {
  it('writes a CSV with the same figures as the report screen, and records it', async () => {
    const out = join(dir, 'report.csv');
    const r = await koe(['report', '--from', FROM, '--to', TO, '--format', 'csv', '--out', out, '--granularity', 'month', '--json', '--data-dir', dataDir]);
    expect(r.stderr).toMatch(/rendering/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: out, format: 'csv', mode: 'internal', threshold: null });
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);

    const db = await openStore(dataDir, new KeyFileProvider(keyFile));
    try {
      refreshRollupsNow(db);
      const report = buildReport(db, reportQuery.parse({ from: FROM, to: TO, granularity: 'month' }));
      expect(text).toContain(`受付件数,${report.totals.received}\r\n`);
      for (const p of report.volume) expect(text).toContain(`${p.period},${p.count}\r\n`);
      const entry = listAudit(db, 5).find((e) => e.action === 'report_exported')!;
      expect(entry.actor).toBe('st-004');
      expect(JSON.parse(entry.detail)).toMatchObject({ from: FROM, to: TO, format: 'csv', mode: 'internal', door: 'cli', file: 'report.csv' });
    } finally {
      db.close();
    }
  });

  it('writes XLSX and PDF for publication', async () => {
    const xlsx = join(dir, 'public.xlsx');
    expect((await koe(['report', '--from', FROM, '--to', TO, '--format', 'xlsx', '--out', xlsx, '--publication', '--lang', 'en', '--data-dir', dataDir])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).not.toContain('Tags');
    expect(wb.getWorksheet('Overview')!.getRow(1).getCell(1).value).toBe('Opinions report (for publication)');

    const pdf = join(dir, 'public.pdf');
    expect((await koe(['report', '--from', FROM, '--to', TO, '--format', 'pdf', '--out', pdf, '--publication', '--threshold', '10', '--data-dir', dataDir])).code).toBe(0);
    const text = await pdfText(readFileSync(pdf));
    expect(text).toContain('意見の集計（公表用）');
    expect(text).toContain('秘匿の閾値');
  });

  it('refuses a staff member’s session, and logs the refusal', async () => {
    const out = join(dir, 'staff.csv');
    const r = await koe(['report', '--from', FROM, '--to', TO, '--format', 'csv', '--out', out, '--data-dir', staffDir], { KOE_USERNAME: 'sato' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/supervisor role/);
    expect(existsSync(out)).toBe(false);
    const db = await openStore(staffDir, new KeyFileProvider(keyFile));
    try {
      expect(listAudit(db, 5).find((e) => e.action === 'role_refused')).toMatchObject({ actor: 'st-001' });
    } finally {
      db.close();
    }
  });

  it('says how to use it when the options are wrong', async () => {
    const base = ['report', '--from', FROM, '--to', TO, '--out', join(dir, 'x.csv'), '--data-dir', dataDir];
    expect((await koe([...base])).code).toBe(2);
    const badFormat = await koe([...base, '--format', 'docx']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/format/);
    expect((await koe(['report', '--from', '2026-02-30', '--to', TO, '--format', 'csv', '--out', join(dir, 'x.csv'), '--data-dir', dataDir])).code).toBe(2);
    expect((await koe([...base, '--format', 'csv', '--threshold', 'five'])).code).toBe(2);
  });
});
