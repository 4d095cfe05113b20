// Transfers end to end in main: marks → not yet transferred → the durable outbox → the office
// (the real simulator over loopback, with its faults) → tracking, returns and the record for the
// file, on real encrypted stores.
import { afterEach, describe, expect, it } from 'vitest';
import { KoeError } from '../../shared/contract-kit.js';
import { listAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { countInbox, listInbox } from '../store/inbox-queries.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import type { Faults } from '../simulator/faults.js';
import { waitFor } from '../simulator/test-helpers.js';
import { tempStore, type TempStore } from '../test-support/temp-store.js';
import type { OfficeClient } from '../sync/client.js';
import { connect } from '../sync/connection.js';
import { SyncEngine } from '../sync/engine.js';
import { applyAction } from '../triage/commands.js';
import { buildExport } from './export.js';
import { assertChoosable } from './ministries.js';
import { discardRefused, listOutbox, queueBatch, resendRefused } from './outbox.js';
import { pushTransferOutbox } from './sender.js';
import { rankSuggestions, setThemeMinistry, themeCounts, themeMap } from './suggest.js';
import { listTransfers, pendingGroups, transfersOf } from './tracking.js';
import { parseCsv } from './csv.js';
import { pdfText } from '../test-support/pdf-text.js';

const NOW = new Date('2026-11-28T12:00:00+09:00');
let sim: SimulatorHandle | null = null;
const stores: TempStore[] = [];
const clients: OfficeClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of stores.splice(0)) s.cleanup();
  await sim?.close();
  sim = null;
});

async function startSim(o: { faults?: Partial<Faults>; count?: number; decisionMs?: number } = {}) {
  sim = await startSimulator({ count: o.count ?? 150, seed: 11, now: NOW, transferDecisionMs: o.decisionMs ?? 60_000, faults: o.faults });
  return sim;
}

/** A workstation: its own encrypted store, client and engine that also pushes transfers. */
async function workstation(s: SimulatorHandle, username = 'sato') {
  const t = tempStore();
  stores.push(t);
  const client = connect(t.db, { baseUrl: s.url, credentials: () => ({ username, password: 'koe-demo' }), sleep: async () => {}, random: () => 0.5, timeoutMs: 5000 });
  clients.push(client);
  const engine = new SyncEngine(t.db, client, { pageLimit: 500, pushers: [(c) => pushTransferOutbox(t.db, c)] });
  await engine.syncOnce();
  return { t, db: t.db, client, engine };
}

const newest = (db: Db, n: number, theme?: string): string[] =>
  (db.prepare(`SELECT id FROM submissions ${theme ? 'WHERE theme = ?' : ''} ORDER BY k DESC LIMIT ?`).all(...(theme ? [theme, n] : [n])) as { id: string }[]).map((r) => r.id);
const mark = (db: Db, ids: string[], ministry: string, note: string | null = null) => applyAction(db, ids, { type: 'transfer_marked', ministry, note }, 'st-001');
const pendingOf = (db: Db, ministry: string) => pendingGroups(db).find((g) => g.ministry === ministry)?.items.map((i) => i.id) ?? [];
type StoredTransfer = { id: string; ministry: string; submission_ids: string[]; status: string; include_contact: boolean };
const stored = (s: SimulatorHandle) => s.storedTransfers() as StoredTransfer[];

describe('transfers against the simulator', () => {
  it('marks by ministry, sends each batch once, and tracks accepted and returned items back to the inbox', async () => {
    const s = await startSim({ decisionMs: 1000 });
    const w = await workstation(s);
    const [a, b, c] = newest(w.db, 3);
    mark(w.db, [a!, b!], 'mhlw', '年金の件');
    mark(w.db, [c!], 'cfa');
    await w.engine.syncOnce();
    expect(pendingOf(w.db, 'mhlw').sort()).toEqual([a, b].sort());
    expect(pendingOf(w.db, 'cfa')).toEqual([c]);
    expect(pendingGroups(w.db).find((g) => g.ministry === 'mhlw')!.items.find((i) => i.id === a)!.note).toBe('年金の件');

    s.setTransferOutcome('mhlw', 'accepted');
    s.setTransferOutcome('cfa', 'returned');
    const one = queueBatch(w.db, { ministry: 'mhlw', submissionIds: [a!, b!], note: '所管のため回付します。', includeContact: false }, 'st-001');
    const two = queueBatch(w.db, { ministry: 'cfa', submissionIds: [c!], note: '', includeContact: false }, 'st-001');
    // Written before the first try, and no longer waiting: they are on their way.
    expect(listOutbox(w.db).map((q) => q.id)).toEqual([...one.drafts, ...two.drafts].map((d) => d.id));
    expect([...pendingOf(w.db, 'mhlw'), ...pendingOf(w.db, 'cfa')].filter((id) => [a, b, c].includes(id))).toEqual([]);
    expect(transfersOf(w.db, c!)).toMatchObject([{ ministry: 'cfa', status: 'queued' }]);

    await w.engine.syncOnce();
    expect(listOutbox(w.db)).toEqual([]);
    expect(stored(s).map((t) => [t.ministry, t.submission_ids.length])).toEqual([['mhlw', 2], ['cfa', 1]]);
    expect(s.posted.transfers.map((p) => p.idempotencyKey)).toEqual([one.drafts[0]!.id, two.drafts[0]!.id]);
    expect(listTransfers(w.db).map((t) => t.status)).toEqual(['submitted', 'submitted']);

    await waitFor(() => stored(s).every((t) => t.status !== 'submitted'), 5000);
    await w.engine.syncOnce();
    const byMinistry = new Map(listTransfers(w.db).map((t) => [t.ministry, t]));
    expect(byMinistry.get('mhlw')).toMatchObject({ status: 'accepted', reason: null });
    expect(byMinistry.get('cfa')).toMatchObject({ status: 'returned' });
    const reason = byMinistry.get('cfa')!.reason;
    expect(reason).toBeTruthy();

    // The returned one is waiting again, flagged; the accepted ones are not.
    expect(pendingOf(w.db, 'mhlw').filter((id) => id === a || id === b)).toEqual([]);
    const back = pendingGroups(w.db).find((g) => g.ministry === 'cfa')!.items.filter((i) => i.id === c);
    expect(back).toMatchObject([{ id: c, returned: { transferId: two.drafts[0]!.id, reason } }]);
    const ctx = { meId: 'st-001', seenAt: 0 };
    const flagged = listInbox(w.db, { filter: { returned: true } }, ctx).items;
    expect(flagged.map((r) => [r.id, r.returnedBy])).toEqual([[c, [{ ministry: 'cfa', reason }]]]);
    expect(countInbox(w.db, { returned: false }, ctx)).toBe(countInbox(w.db, {}, ctx) - 1);
    expect(transfersOf(w.db, c!)).toMatchObject([{ transferId: two.drafts[0]!.id, ministry: 'cfa', status: 'returned', reason }]);

    // Re-routed: unmarked for the ministry that returned it, marked for another.
    applyAction(w.db, [c!], { type: 'transfer_unmarked', ministry: 'cfa' }, 'st-001');
    mark(w.db, [c!], 'mext');
    expect(countInbox(w.db, { returned: true }, ctx)).toBe(0);
    expect(pendingOf(w.db, 'mext')).toContain(c);
    expect(pendingOf(w.db, 'cfa')).not.toContain(c);
  });

  it('a retry after a dropped response creates one transfer, not two', async () => {
    const s = await startSim();
    const w = await workstation(s);
    const ids = newest(w.db, 4);
    mark(w.db, ids, 'mlit');
    await w.engine.syncOnce();
    const { drafts } = queueBatch(w.db, { ministry: 'mlit', submissionIds: ids, note: '', includeContact: false }, 'st-001');
    s.setFaults({ dropResponseNext: 1 });
    await w.engine.syncOnce();
    const posts = s.posted.transfers;
    expect(posts.map((p) => [p.idempotencyKey, p.status])).toEqual([
      [drafts[0]!.id, 0],
      [drafts[0]!.id, 200],
    ]);
    expect(stored(s)).toHaveLength(1);
    expect(listTransfers(w.db).map((t) => t.id)).toEqual([drafts[0]!.id]);
    expect(listOutbox(w.db)).toEqual([]);
  });

  it('keeps a transfer queued while the office cannot be reached, then sends it once with the same key', async () => {
    const s = await startSim();
    const w = await workstation(s);
    const ids = newest(w.db, 2);
    mark(w.db, ids, 'env');
    await w.engine.syncOnce();
    const { drafts } = queueBatch(w.db, { ministry: 'env', submissionIds: ids, note: '', includeContact: false }, 'st-001');
    s.setFaults({ offline: true });
    await expect(w.engine.syncOnce()).rejects.toThrow();
    expect(listOutbox(w.db)).toMatchObject([{ id: drafts[0]!.id, attempts: 1 }]);
    expect(listOutbox(w.db)[0]!.lastError).toBeTruthy();
    s.setFaults({ offline: false, serverErrorNext: 2, unavailableNext: 1, retryAfter: '0' });
    await w.engine.syncOnce();
    expect(stored(s).map((t) => t.id)).toEqual([drafts[0]!.id]);
    expect(new Set(s.posted.transfers.map((p) => p.idempotencyKey))).toEqual(new Set([drafts[0]!.id]));
    expect(listOutbox(w.db)).toEqual([]);
  });

  it('splits more than 500 items into several transfers, each its own id', async () => {
    const s = await startSim({ count: 700 });
    const w = await workstation(s);
    const ids = newest(w.db, 501);
    expect(ids).toHaveLength(501);
    // Marked by a colleague: "not yet transferred" is the team's, not only this workstation's.
    for (const id of ids) await s.postEventAs('suzuki', { submission_id: id, type: 'transfer_marked', payload: { ministry: 'mof', note: '' } });
    await w.engine.syncOnce();
    expect(pendingOf(w.db, 'mof')).toHaveLength(501);
    const { drafts } = queueBatch(w.db, { ministry: 'mof', submissionIds: ids, note: '税に関するご意見', includeContact: false }, 'st-001');
    expect(drafts.map((d) => d.submissionIds.length)).toEqual([500, 1]);
    await w.engine.syncOnce();
    const sent = stored(s);
    expect(sent.map((t) => t.id)).toEqual(drafts.map((d) => d.id));
    expect(sent.flatMap((t) => t.submission_ids).sort()).toEqual([...ids].sort());
    expect(pendingOf(w.db, 'mof')).toEqual([]);
  });

  it('a 422 names the unknown or deleted submissions: shown, dropped on resend, the rest sent under a new id', async () => {
    const s = await startSim();
    const w = await workstation(s);
    const ids = newest(w.db, 3);
    mark(w.db, ids, 'jta');
    await w.engine.syncOnce();
    const { drafts } = queueBatch(w.db, { ministry: 'jta', submissionIds: ids, note: '', includeContact: false }, 'st-001');
    s.deleteSubmission(ids[1]!, 'withdrawn');
    await w.engine.syncOnce();
    const [refused] = listOutbox(w.db);
    expect(refused).toMatchObject({ id: drafts[0]!.id, refused: { code: 'invalid_transfer', submissionIds: [ids[1]], ministry: false } });
    expect(refused!.refused!.message).toContain(ids[1]);
    expect(transfersOf(w.db, ids[0]!)).toMatchObject([{ status: 'refused' }]);
    // Refused rows wait for the user: another sync sends nothing.
    const posts = s.posted.transfers.length;
    await w.engine.syncOnce();
    expect(s.posted.transfers.length).toBe(posts);

    const { transferId, dropped } = resendRefused(w.db, drafts[0]!.id);
    expect(dropped).toBe(1);
    expect(transferId).not.toBe(drafts[0]!.id);
    await w.engine.syncOnce();
    expect(stored(s)).toMatchObject([{ id: transferId, submission_ids: [ids[0], ids[2]] }]);
    expect(listOutbox(w.db)).toEqual([]);
    // The deleted one left with its tombstone: nothing is waiting.
    expect(pendingOf(w.db, 'jta')).toEqual([]);
  });

  it('a discarded refusal puts its items back as not transferred', async () => {
    const s = await startSim();
    const w = await workstation(s);
    const ids = newest(w.db, 2);
    mark(w.db, ids, 'maff');
    await w.engine.syncOnce();
    const { drafts } = queueBatch(w.db, { ministry: 'maff', submissionIds: ids, note: '', includeContact: false }, 'st-001');
    expect(() => discardRefused(w.db, drafts[0]!.id)).toThrow(KoeError);
    s.deleteSubmission(ids[0]!, 'legal');
    await w.engine.syncOnce();
    // The tombstone came in the same sync: only the live one is still marked.
    discardRefused(w.db, drafts[0]!.id);
    expect(pendingOf(w.db, 'maff')).toEqual([ids[1]]);
  });

  it('sends only what is still waiting, and needs a reason, logged, to include contact data', async () => {
    const s = await startSim();
    const w = await workstation(s);
    const ids = newest(w.db, 3);
    mark(w.db, ids.slice(0, 2), 'mofa');
    await w.engine.syncOnce();
    expect(() => queueBatch(w.db, { ministry: 'mofa', submissionIds: ids, note: '', includeContact: true }, 'st-001')).toThrow(/reason/);
    expect(() => queueBatch(w.db, { ministry: 'mofa', submissionIds: ids, note: '', includeContact: true, contactReason: '   ' }, 'st-001')).toThrow(/reason/);
    const r = queueBatch(w.db, { ministry: 'mofa', submissionIds: ids, note: '', includeContact: true, contactReason: '回答のため連絡先が必要と外務省から依頼' }, 'st-001');
    expect(r.skipped).toBe(1);
    expect(r.drafts[0]!.submissionIds.sort()).toEqual(ids.slice(0, 2).sort());
    const [entry] = listAudit(w.db, 1);
    expect(entry).toMatchObject({ actor: 'st-001', action: 'transfer_contact_included' });
    expect(JSON.parse(entry!.detail)).toEqual({ ministry: 'mofa', transfer_ids: [r.drafts[0]!.id], count: 2, reason: '回答のため連絡先が必要と外務省から依頼' });
    expect(() => queueBatch(w.db, { ministry: 'mofa', submissionIds: ids, note: '', includeContact: false }, 'st-001')).toThrow(/Nothing/);
    await w.engine.syncOnce();
    expect(stored(s)).toMatchObject([{ include_contact: true }]);
  });

  it('refuses inactive and unknown ministries in main', async () => {
    const s = await startSim();
    const w = await workstation(s);
    expect(() => assertChoosable(w.db, 'mhlw')).not.toThrow();
    expect(() => assertChoosable(w.db, 'sia')).toThrow(/no longer takes transfers/);
    expect(() => assertChoosable(w.db, 'ministry-of-magic')).toThrow(/not in the office's list/);
    const ids = newest(w.db, 1);
    // Marked for an inactive ministry by someone else's (older) client: shown, never sendable.
    mark(w.db, ids, 'sia');
    expect(pendingGroups(w.db).find((g) => g.ministry === 'sia')).toMatchObject({ sendable: false, items: [{ id: ids[0] }] });
    expect(pendingGroups(w.db).filter((g) => g.ministry !== 'sia').every((g) => g.sendable)).toBe(true);
    expect(() => queueBatch(w.db, { ministry: 'sia', submissionIds: ids, note: '', includeContact: false }, 'st-001')).toThrow(/no longer takes transfers/);
  });

  it('suggests ministries from themes with the editable mapping, active ones only', async () => {
    const s = await startSim();
    const w = await workstation(s);
    expect(themeMap(w.db)).toContainEqual({ theme: 'childcare', ministry: 'cfa' });
    const childcare = newest(w.db, 3, 'childcare');
    const pension = newest(w.db, 1, 'pension');
    expect(rankSuggestions(themeCounts(w.db, [...childcare, ...pension]), themeMap(w.db), () => true)).toEqual([
      { ministry: 'cfa', count: childcare.length },
      { ministry: 'mhlw', count: 1 },
    ]);
    setThemeMinistry(w.db, 'childcare', 'mext');
    setThemeMinistry(w.db, 'pension', null);
    expect(rankSuggestions(themeCounts(w.db, [...childcare, ...pension]), themeMap(w.db), () => true)).toEqual([{ ministry: 'mext', count: childcare.length }]);
    expect(rankSuggestions([{ theme: 'childcare', count: 2 }], [{ theme: 'childcare', ministry: 'sia' }], (c) => c !== 'sia')).toEqual([]);
  });
});

describe('the record for the file', () => {
  async function sentTransfer(includeContact: boolean) {
    const s = await startSim();
    const w = await workstation(s);
    const ids = (w.db.prepare("SELECT id FROM submissions WHERE email IS NOT NULL AND age_band IS NOT NULL AND instr(email, '@') > 0 ORDER BY k DESC LIMIT 3").all() as { id: string }[]).map((r) => r.id);
    mark(w.db, ids, 'mhlw');
    await w.engine.syncOnce();
    const { drafts } = queueBatch(w.db, { ministry: 'mhlw', submissionIds: ids, note: '年金制度に関するご意見を回付します。\n二行目の備考。', includeContact, contactReason: includeContact ? '回答に必要' : undefined }, 'st-001');
    await w.engine.syncOnce();
    return { w, ids, id: drafts[0]!.id };
  }
  const held = (db: Db, id: string) => db.prepare('SELECT * FROM submissions WHERE id = ?').get(id) as { body: string; email: string; age_band: string; received_at: string };

  it('a CSV without contact data: the items, no email, no age', async () => {
    const { w, ids, id } = await sentTransfer(false);
    const file = await buildExport(w.db, id, 'csv');
    expect(file.fileName).toMatch(/^koe-transfer-mhlw-\d{8}-[0-9a-f]{8}\.csv$/);
    expect(file.withContact).toBe(false);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(file.bytes.toString('utf8'));
    expect(rows[0]).toEqual(['id', 'received_at', 'category', 'theme', 'body']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(ids);
    for (const [i, sid] of ids.entries()) {
      const h = held(w.db, sid);
      expect(rows[i + 1]![4]!.replace(/^'/, '')).toBe(h.body);
      expect(file.bytes.toString('utf8')).not.toContain(h.email);
      expect(rows[i + 1]![1]).toMatch(/\+09:00$/);
    }
  });

  it('a CSV with contact data carries email and age', async () => {
    const { w, ids, id } = await sentTransfer(true);
    const file = await buildExport(w.db, id, 'csv');
    expect(file.withContact).toBe(true);
    const rows = parseCsv(file.bytes.toString('utf8'));
    expect(rows[0]).toEqual(['id', 'received_at', 'category', 'theme', 'body', 'email', 'age_band']);
    expect(rows[1]![5]).toBe(held(w.db, ids[0]!).email);
    expect(rows[1]![6]).toMatch(/代|歳/);
  });

  it('a PDF cover sheet in Japanese with the font embedded, read back with pdf.js', async () => {
    const { w, id } = await sentTransfer(false);
    const file = await buildExport(w.db, id, 'pdf');
    expect(file.mime).toBe('application/pdf');
    expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(file.bytes);
    const t = listTransfers(w.db)[0]!;
    expect(text).toContain('意見移送票');
    expect(text).toContain('厚生労働省');
    expect(text).toContain('佐藤 花子');
    expect(text).toContain('3件');
    expect(text).toContain('年金制度に関するご意見を回付します。');
    expect(text).toContain('含まない');
    expect(text).toContain(id);
    const jst = new Date(Date.parse(t.createdAt) + 9 * 3600_000);
    expect(text).toContain(`${jst.getUTCFullYear()}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日`);
    expect(file.bytes.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansJP-Regular/);
    expect(file.bytes.toString('latin1')).toContain('/FontFile2');
  });

  it('refuses a transfer the office has not stored yet', async () => {
    const s = await startSim();
    const w = await workstation(s);
    await expect(buildExport(w.db, 'nope', 'pdf')).rejects.toThrow(/not known here/);
  });
});
