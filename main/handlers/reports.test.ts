// The reports calls through the services' one dispatcher: supervisors and admins only (a staff
// member is refused in main and the refusal is logged), each export written to the audit log
// before it leaves, through the door it came in by, with progress and cancel.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../shared/contract.js';
import type { Envelope } from '../../shared/contract-kit.js';
import type { ExportProgress, Report, ReportExportResult } from '../../shared/contract-reports.js';
import { KeyFileProvider } from '../keys/key-file.js';
import { listAudit } from '../store/audit.js';
import { dateOfDay, dayOfMs } from '../reports/calendar.js';
import { kvSetJson } from '../store/statements.js';
import { openServices, type Services } from '../services.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { tempDir } from '../test-support/temp-store.js';
import type { SaveDialog } from './save-dialog.js';

let sim: SimulatorHandle | null = null;
let services: Services | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await services?.close();
  services = null;
  await sim?.close();
  sim = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Call = <T>(name: string, input?: unknown, door?: 'ipc' | 'harness') => Promise<T>;

async function start(username: string, dialog?: SaveDialog): Promise<{ s: Services; call: Call; dir: string }> {
  sim = await startSimulator({ count: 300, seed: 11 });
  const dir = tempDir('koe-reports-');
  dirs.push(dir);
  services = await openServices({ dataDir: join(dir, 'data'), keyProvider: new KeyFileProvider(join(dir, 'key')), apiUrl: sim.url, demo: true, syncIntervalMs: 0, saveDialog: dialog, log: () => {} });
  const s = services;
  const call: Call = async <T>(name: string, input: unknown = {}, door: 'ipc' | 'harness' = 'harness'): Promise<T> => {
    const r = (await s.dispatch(name, input, door)) as Envelope<T>;
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value;
  };
  await call('session:signIn', { username, password: 'koe-demo' });
  await s.runner.syncNow();
  return { s, call, dir };
}

// The simulator's opinions span the ~400 days before now.
const RANGE = { from: dateOfDay(dayOfMs(Date.now()) - 430), to: dateOfDay(dayOfMs(Date.now()) + 1) };
const exportInput = (over: Record<string, unknown> = {}) => ({ query: { from: '2025-01-01', to: '2027-12-31', granularity: 'month' }, format: 'csv', exportId: 'export-0001', ...over });

describe('reports calls', () => {
  it('are refused to staff in main, and each refusal is in the audit log', async () => {
    const { s, call } = await start('sato');
    for (const [name, input] of [
      ['reports:get', { from: '2026-01-01', to: '2026-01-31' }],
      ['reports:export', exportInput()],
      ['reports:settings', {}],
      ['reports:exportProgress', { exportId: 'export-0001' }],
      ['reports:cancelExport', { exportId: 'export-0001' }],
    ] as const) {
      await expect(call(name, input)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(call(name, input, 'ipc')).rejects.toMatchObject({ code: 'forbidden' });
    }
    const refusals = listAudit(s.db, 100).filter((e) => e.action === 'role_refused');
    expect(refusals).toHaveLength(10);
    expect(JSON.parse(refusals[0].detail)).toMatchObject({ call: 'reports:cancelExport' });
    expect(refusals.every((e) => e.actor === 'st-001')).toBe(true);
    expect(listAudit(s.db, 100).some((e) => e.action === 'report_exported')).toBe(false);
  });

  it('give a supervisor the whole report for what the store holds', async () => {
    const { s, call } = await start('tanaka');
    const held = (s.db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n;
    const r = await call<Report>('reports:get', { ...RANGE, granularity: 'month' });
    expect(r.totals.received).toBe(held);
    expect(r.volume.reduce((a, p) => a + p.count, 0)).toBe(held);
    expect(r.byCategory.reduce((a, c) => a + c.count, 0)).toBe(held);
    expect(await call('reports:settings')).toEqual({ suppressionThreshold: 5, thresholdLocked: false });
    // A bad range is refused with the field named.
    await expect(call('reports:get', { from: '2026-02-01', to: '2026-01-01' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(call('reports:get', { from: '2026-02-30', to: '2026-03-01' })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('follow triage at once (the rollups are brought up to date before reading)', async () => {
    const { s, call } = await start('tanaka');
    const before = await call<Report>('reports:get', RANGE);
    const ids = (s.db.prepare(`SELECT id FROM submissions WHERE status = 'new' ORDER BY k DESC LIMIT 4`).all() as { id: string }[]).map((r) => r.id);
    await call('triage:act', { target: { ids }, action: { type: 'status_set', status: 'done' } });
    const after = await call<Report>('reports:get', RANGE);
    const done = (r: Report) => r.byStatus.find((x) => x.code === 'done')!.count;
    expect(done(after)).toBe(done(before) + 4);
    expect(after.totals.open).toBe(before.totals.open - 4);
  });

  it('hand an export to the harness as a download, written to the audit log first', async () => {
    const { s, call } = await start('tanaka');
    const topics: string[] = [];
    s.onChange((e: ChangeEvent) => topics.push(...e.topics));
    const r = await call<ReportExportResult>('reports:export', exportInput({ publication: true, threshold: 7 }));
    expect(r).toMatchObject({ outcome: 'download', fileName: 'koe-report_2025-01-01_2027-12-31_publication.csv', mime: 'text/csv; charset=utf-8' });
    const text = Buffer.from((r as { base64: string }).base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF意見の集計（公表用）')).toBe(true);
    expect(text).toContain('秘匿の閾値,7');
    const entry = listAudit(s.db, 10).find((e) => e.action === 'report_exported')!;
    expect(entry.actor).toBe('st-004');
    expect(JSON.parse(entry.detail)).toMatchObject({
      from: '2025-01-01',
      to: '2027-12-31',
      granularity: 'month',
      filters: {},
      format: 'csv',
      mode: 'publication',
      threshold: 7,
      door: 'harness',
      file: 'koe-report_2025-01-01_2027-12-31_publication.csv',
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(topics).toContain('reports');
    expect(topics).toContain('audit');
    expect(await call<ExportProgress>('reports:exportProgress', { exportId: 'export-0001' })).toEqual({ exportId: 'export-0001', phase: 'done', fraction: 1 });
  });

  it('never lets a supervisor go below the managed threshold', async () => {
    const { call } = await start('tanaka');
    const r = await call<{ base64: string }>('reports:export', exportInput({ publication: true, threshold: 2 }));
    expect(Buffer.from(r.base64, 'base64').toString('utf8')).toContain('秘匿の閾値,5');
  });

  it('use the threshold as the settings screen resolves it', async () => {
    const { s, call } = await start('tanaka');
    kvSetJson(s.db, 'user_settings', { suppressionThreshold: 10 });
    expect(await call('reports:settings')).toEqual({ suppressionThreshold: 10, thresholdLocked: false });
    const r = await call<{ base64: string }>('reports:export', exportInput({ publication: true }));
    expect(Buffer.from(r.base64, 'base64').toString('utf8')).toContain('秘匿の閾値,10');
  });

  it('in the app ask where to save and write the file there; a cancelled dialog writes and logs nothing', async () => {
    const chosen: { path: string | null } = { path: null };
    const asked: string[] = [];
    const dialog: SaveDialog = {
      async choosePath({ suggestedName }) {
        asked.push(suggestedName);
        return chosen.path;
      },
    };
    const { s, call, dir } = await start('tanaka', dialog);
    const cancelled = await call<ReportExportResult>('reports:export', exportInput({ format: 'xlsx' }), 'ipc');
    expect(cancelled).toEqual({ outcome: 'cancelled', fileName: 'koe-report_2025-01-01_2027-12-31.xlsx' });
    expect(listAudit(s.db, 10).some((e) => e.action === 'report_exported')).toBe(false);

    chosen.path = join(dir, 'saved.pdf');
    const saved = await call<ReportExportResult>('reports:export', exportInput({ format: 'pdf', exportId: 'export-0002' }), 'ipc');
    expect(saved).toEqual({ outcome: 'saved', fileName: 'koe-report_2025-01-01_2027-12-31.pdf' });
    expect(asked).toEqual(['koe-report_2025-01-01_2027-12-31.xlsx', 'koe-report_2025-01-01_2027-12-31.pdf']);
    expect(existsSync(chosen.path)).toBe(true);
    expect(readFileSync(chosen.path).subarray(0, 5).toString()).toBe('%PDF-');
    // The path came from the dialog, never from the call: the input has no place for one.
    await expect(call('reports:export', exportInput({ exportId: 'export-0003', path: '/tmp/x.csv' }), 'ipc')).resolves.toMatchObject({ outcome: 'saved' });
    const entry = listAudit(s.db, 10).find((e) => e.action === 'report_exported')!;
    expect(JSON.parse(entry.detail)).toMatchObject({ format: 'csv', mode: 'internal', threshold: null, door: 'ipc' });
    expect(existsSync('/tmp/x.csv')).toBe(false);
  });

  it('stop an export on cancel: nothing handed over, nothing logged', async () => {
    const { s, call } = await start('tanaka');
    const progress: ExportProgress[] = [];
    let cancelled: Promise<unknown> | null = null;
    s.onChange((e) => {
      if (!e.topics.includes('reports')) return;
      void call<ExportProgress | null>('reports:exportProgress', { exportId: 'export-0009' }).then((p) => {
        if (!p) return;
        progress.push(p);
        if (p.phase === 'rendering' && !cancelled) cancelled = call('reports:cancelExport', { exportId: 'export-0009' });
      });
    });
    const r = await call<ReportExportResult>('reports:export', exportInput({ format: 'pdf', exportId: 'export-0009' }));
    expect(r).toEqual({ outcome: 'cancelled', fileName: 'koe-report_2025-01-01_2027-12-31.pdf' });
    expect(await cancelled).toEqual({ cancelled: true });
    expect((await call<ExportProgress>('reports:exportProgress', { exportId: 'export-0009' })).phase).toBe('cancelled');
    expect(progress.length).toBeGreaterThan(0);
    expect(listAudit(s.db, 10).some((e) => e.action === 'report_exported')).toBe(false);
    expect(await call('reports:cancelExport', { exportId: 'export-0009' })).toEqual({ cancelled: false });
  });
});
