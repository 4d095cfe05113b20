// The transfers calls through the services' one dispatcher, as the app and the harness make
// them: main enforces the ministry rules and the admin role, and an export reaches the user
// through the door the call came in by — a save dialog in the app, a download in the harness.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportResult, PendingGroup, TransferSummary } from '../../shared/contract-transfers.js';
import type { Envelope } from '../../shared/contract-kit.js';
import { KeyFileProvider } from '../keys/key-file.js';
import { listAudit } from '../store/audit.js';
import { openServices, type Services } from '../services.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { waitFor } from '../simulator/test-helpers.js';
import { tempDir } from '../test-support/temp-store.js';
import { parseCsv } from '../transfers/csv.js';
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

async function start(username = 'sato', dialog?: SaveDialog) {
  sim = await startSimulator({ count: 60, seed: 4, transferDecisionMs: 60_000 });
  const dir = tempDir('koe-transfers-');
  dirs.push(dir);
  services = await openServices({ dataDir: join(dir, 'data'), keyProvider: new KeyFileProvider(join(dir, 'key')), apiUrl: sim.url, demo: true, syncIntervalMs: 0, saveDialog: dialog, log: () => {} });
  const s = services;
  const call = async <T>(name: string, input: unknown = {}, door: 'ipc' | 'harness' = 'harness'): Promise<T> => {
    const r = (await s.dispatch(name, input, door)) as Envelope<T>;
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value;
  };
  await call('session:signIn', { username, password: 'koe-demo' });
  await s.runner.syncNow();
  const ids = (s.db.prepare('SELECT id FROM submissions WHERE email IS NOT NULL ORDER BY k DESC LIMIT 3').all() as { id: string }[]).map((r) => r.id);
  return { s, call, ids, dir };
}

async function sendOne(call: <T>(n: string, i?: unknown, d?: 'ipc' | 'harness') => Promise<T>, s: Services, ids: string[], includeContact = false) {
  await call('triage:act', { target: { ids }, action: { type: 'transfer_marked', ministry: 'mhlw', note: '年金' } });
  const sent = await call<{ transferIds: string[] }>('transfers:send', { ministry: 'mhlw', submissionIds: ids, note: '回付します', includeContact, contactReason: includeContact ? '回答に必要' : undefined });
  await waitFor(async () => (await call<TransferSummary[]>('transfers:list', {})).some((t) => t.id === sent.transferIds[0]), 5000);
  return sent.transferIds[0]!;
}

describe('transfers calls', () => {
  it('refuse marking for an inactive or unknown ministry, and sending to one', async () => {
    const { call, ids } = await start();
    await expect(call('triage:act', { target: { ids }, action: { type: 'transfer_marked', ministry: 'sia', note: null } })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(call('triage:act', { target: { ids }, action: { type: 'transfer_marked', ministry: 'nope', note: null } })).rejects.toMatchObject({ code: 'bad_request' });
    // Unmarking an inactive ministry is always allowed: that is how items are re-routed.
    await expect(call('triage:act', { target: { ids }, action: { type: 'transfer_unmarked', ministry: 'sia' } })).resolves.toEqual({ count: 0 });
    await expect(call('transfers:send', { ministry: 'sia', submissionIds: ids })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(call('transfers:send', { ministry: 'mhlw', submissionIds: ids, includeContact: true })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('send pushes at once; the batch leaves pending and shows in each submission history', async () => {
    const { s, call, ids } = await start();
    await call('triage:act', { target: { ids }, action: { type: 'transfer_marked', ministry: 'mhlw', note: null } });
    const mine = (groups: PendingGroup[]) => groups.find((g) => g.ministry === 'mhlw')?.items.filter((i) => ids.includes(i.id)).length ?? 0;
    expect(mine(await call<PendingGroup[]>('transfers:pending'))).toBe(3);
    const sent = await call<{ transferIds: string[]; count: number; skipped: number }>('transfers:send', { ministry: 'mhlw', submissionIds: ids });
    expect(sent).toMatchObject({ count: 3, skipped: 0 });
    expect(mine(await call<PendingGroup[]>('transfers:pending'))).toBe(0);
    await waitFor(async () => (await call<unknown[]>('transfers:outbox')).length === 0, 5000);
    expect(await call('transfers:ofSubmission', { id: ids[0] })).toMatchObject([{ transferId: sent.transferIds[0], ministry: 'mhlw' }]);
    expect((sim!.storedTransfers() as { id: string }[]).map((t) => t.id)).toEqual(sent.transferIds);
    expect(s.runner.getStatus().lastError).toBeNull();
  });

  it('exports through the harness as a download; with contact data the export is audited', async () => {
    const { s, call, ids } = await start();
    const id = await sendOne(call, s, ids, true);
    const csv = await call<ExportResult>('transfers:export', { id, format: 'csv' });
    expect(csv.outcome).toBe('download');
    if (csv.outcome !== 'download') return;
    expect(csv.mime).toMatch(/^text\/csv/);
    const rows = parseCsv(Buffer.from(csv.base64, 'base64').toString('utf8'));
    expect(rows[0]).toContain('email');
    const audit = listAudit(s.db, 5).map((e) => e.action);
    expect(audit).toContain('transfer_exported_with_contact');
    expect(audit).toContain('transfer_contact_included');
    const pdf = await call<ExportResult>('transfers:export', { id, format: 'pdf' });
    expect(pdf.outcome === 'download' && Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('exports in the app through the save dialog: main writes the file, nothing comes back, cancel writes nothing', async () => {
    let answer: string | null = null;
    const asked: string[] = [];
    const dialog: SaveDialog = { choosePath: async ({ suggestedName }) => (asked.push(suggestedName), answer) };
    const { s, call, ids, dir } = await start('sato', dialog);
    const id = await sendOne(call, s, ids);
    const cancelled = await call<ExportResult>('transfers:export', { id, format: 'csv' }, 'ipc');
    expect(cancelled).toEqual({ outcome: 'cancelled', fileName: asked[0] });
    answer = join(dir, 'chosen.csv');
    const saved = await call<ExportResult>('transfers:export', { id, format: 'csv' }, 'ipc');
    expect(saved).toEqual({ outcome: 'saved', fileName: asked[1] });
    expect(Object.keys(saved)).not.toContain('base64');
    const rows = parseCsv(readFileSync(answer, 'utf8'));
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual([...ids].sort());
    expect(rows[0]).not.toContain('email');
    expect(listAudit(s.db, 10).map((e) => e.action)).not.toContain('transfer_exported_with_contact');
    // The call takes no path: one sent along is refused by the schema, never used.
    const planted = join(dir, 'planted.csv');
    await expect(call('transfers:export', { id, format: 'csv', path: planted }, 'ipc')).rejects.toMatchObject({ code: 'bad_request' });
    expect(existsSync(planted)).toBe(false);
    expect(asked).toHaveLength(2);
  });

  it('the theme map is read by anyone and changed only by an admin', async () => {
    const { call } = await start('sato');
    expect(await call('transfers:themeMap')).toContainEqual({ theme: 'childcare', ministry: 'cfa' });
    await expect(call('transfers:setThemeMinistry', { theme: 'childcare', ministry: 'mext' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('an admin edits the theme map, only with ministries that take transfers', async () => {
    const { s, call } = await start('ito');
    await call('transfers:setThemeMinistry', { theme: 'childcare', ministry: 'mext' });
    await expect(call('transfers:setThemeMinistry', { theme: 'tax', ministry: 'sia' })).rejects.toMatchObject({ code: 'bad_request' });
    await call('transfers:setThemeMinistry', { theme: 'tax', ministry: null });
    const map = await call<{ theme: string; ministry: string }[]>('transfers:themeMap');
    expect(map).toContainEqual({ theme: 'childcare', ministry: 'mext' });
    expect(map.find((m) => m.theme === 'tax')).toBeUndefined();
    expect(listAudit(s.db, 5).map((e) => e.action)).toContain('transfer_theme_map_changed');
    const ids = (s.db.prepare("SELECT id FROM submissions WHERE theme = 'childcare' LIMIT 2").all() as { id: string }[]).map((r) => r.id);
    expect(await call('transfers:suggest', { target: { ids } })).toEqual([{ ministry: 'mext', count: ids.length }]);
  });
});
