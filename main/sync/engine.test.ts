// The real sync engine against the real simulator over loopback, with each fault switched on.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import type { Faults } from '../simulator/faults.js';
import { tempStore, type TempStore } from '../test-support/temp-store.js';
import { type OfficeClient, ApiError, UnreachableError } from './client.js';
import { connect } from './connection.js';
import { SyncEngine } from './engine.js';
import { applyAction } from '../triage/commands.js';
import { getSubmission, cliRecord } from '../store/submission-queries.js';
import { listQuarantine } from '../store/quarantine.js';
import type { Db } from '../store/db.js';
import { getCursor } from '../store/statements.js';

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

async function startSim(faults: Partial<Faults> = {}, count = 300) {
  sim = await startSimulator({ count, seed: 11, now: NOW, faults });
  return sim;
}

/** A workstation: its own encrypted store, client and engine. Waits are recorded, not slept. */
function workstation(s: SimulatorHandle, username = 'sato', o: { creds?: boolean } = {}) {
  const t = tempStore();
  stores.push(t);
  const waits: number[] = [];
  const client = connect(t.db, {
    baseUrl: s.url,
    credentials: () => (o.creds === false ? null : { username, password: 'koe-demo' }),
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    random: () => 0.5,
    timeoutMs: 5000,
  });
  clients.push(client);
  const engine = new SyncEngine(t.db, client, { pageLimit: 100 });
  return { t, db: t.db, client, engine, waits };
}

/** Everything a staff member sees, for comparing two stores. */
function snapshot(db: Db) {
  const ids = (db.prepare('SELECT id FROM submissions ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  return ids.map((id) => cliRecord(getSubmission(db, id)!));
}

async function liveServerState(s: SimulatorHandle) {
  const w = workstation(s, 'ito');
  await w.engine.syncOnce();
  return snapshot(w.db);
}

describe('sync engine against the simulator', () => {
  it('a full sync brings every live submission, the events and the reference data', async () => {
    const s = await startSim();
    const w = workstation(s);
    const summary = await w.engine.syncOnce({ waitForIndex: true });
    const local = (w.db.prepare('SELECT id FROM submissions').all() as { id: string }[]).map((r) => r.id).sort();
    expect(local).toEqual([...s.submissionIds()].sort());
    expect(summary.eventsPulled).toBe(s.storedEvents().length);
    expect(w.db.prepare("SELECT value FROM kv WHERE key = 'reference'").get()).toBeTruthy();
    expect((w.db.prepare('SELECT count(*) AS n FROM fts_pending').get() as { n: number }).n).toBe(0);
    const again = await w.engine.syncOnce();
    expect(again.updated).toBe(0);
    expect(again.eventsPulled).toBe(0);
  });

  it('asks for the next page before writing this one, and still saves each cursor after its page', async () => {
    const s = await startSim({}, 450);
    const t = tempStore();
    stores.push(t);
    const client = connect(t.db, { baseUrl: s.url, credentials: () => ({ username: 'sato', password: 'koe-demo' }), timeoutMs: 5000 });
    clients.push(client);
    const log: string[] = [];
    const request = client.request.bind(client);
    client.request = ((method: string, path: string, o?: object) => {
      if (path.startsWith('/v1/submissions')) log.push(`GET ${new URL(path, s.url).searchParams.has('cursor') ? 'next' : 'first'}`);
      return request(method, path, o as never);
    }) as typeof client.request;
    const engine = new SyncEngine(t.db, client, {
      pageLimit: 100,
      changeEveryMs: 0,
      onChange: (topics) => {
        if (topics.includes('submissions') && !topics.includes('transfers')) log.push('written');
      },
    });
    await engine.syncOnce();
    // Pages of 100 (450 opinions, and the feed's corrections and tombstones): each page is asked
    // for before the one before it is written, and none after the last.
    const pages = log.filter((e) => e === 'written').length;
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(log).toEqual(['GET first', ...Array.from({ length: pages - 1 }, () => ['GET next', 'written']).flat(), 'written']);
    expect((t.db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n).toBe(s.submissionIds().length);
  });

  it('announces a feed at its first page, then at most once a second while it is read, and always at its end', async () => {
    const s = await startSim({}, 900);
    const w = workstation(s);
    const events: string[] = [];
    const engine = new SyncEngine(w.db, w.client, {
      pageLimit: 50,
      onProgress: (p) => {
        if (p.phase === 'submissions' && p.itemsDone > 0) events.push('page');
      },
      onChange: (topics) => {
        if (topics.includes('submissions') && !topics.includes('transfers')) events.push('announced');
      },
    });
    const t0 = performance.now();
    await engine.syncOnce();
    const seconds = (performance.now() - t0) / 1000;
    const pages = events.filter((e) => e === 'page').length;
    const announced = events.filter((e) => e === 'announced').length;
    expect(pages).toBeGreaterThanOrEqual(18);
    expect(announced).toBeGreaterThanOrEqual(1);
    expect(announced).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
    // The last page is announced before its progress is reported: the screen sees the final state.
    expect(events.slice(-2)).toEqual(['announced', 'page']);
  });

  it('a page ahead that fails leaves the pages written so far and their cursor; the next sync goes on from there', async () => {
    const s = await startSim({}, 450);
    const t = tempStore();
    stores.push(t);
    const client = connect(t.db, { baseUrl: s.url, credentials: () => ({ username: 'sato', password: 'koe-demo' }), timeoutMs: 5000, maxTries: 1 });
    clients.push(client);
    let written = 0;
    const engine = new SyncEngine(t.db, client, {
      pageLimit: 100,
      changeEveryMs: 0,
      onChange: (topics) => {
        if (topics.includes('submissions') && !topics.includes('transfers') && ++written === 2) s.setFaults({ offline: true });
      },
    });
    await expect(engine.syncOnce()).rejects.toThrow();
    const held = (t.db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n;
    expect(held).toBeGreaterThan(150);
    expect(held).toBeLessThan(s.submissionIds().length);
    expect(getCursor(t.db, 'submissions')).not.toBeNull();
    s.setFaults({ offline: false });
    await engine.syncOnce();
    expect((t.db.prepare('SELECT id FROM submissions ORDER BY id').all() as { id: string }[]).map((r) => r.id)).toEqual([...s.submissionIds()].sort());
  });

  it('closing the client ends a wait between tries at once: nothing more is sent', async () => {
    const s = await startSim({ offline: true }, 10);
    const t = tempStore();
    stores.push(t);
    let waiting = false;
    // A wait that never ends by itself: only close() can end it.
    const client = connect(t.db, {
      baseUrl: s.url,
      credentials: () => ({ username: 'sato', password: 'koe-demo' }),
      sleep: () => {
        waiting = true;
        return new Promise<void>(() => undefined);
      },
      timeoutMs: 5000,
    });
    const request = client.request('GET', '/v1/reference', { auth: false }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(waiting).toBe(true));
    client.close();
    const err = await request;
    expect(err).toBeInstanceOf(UnreachableError);
    expect((err as Error).message).toMatch(/closing/);
  });

  it('retryNow ends a wait between tries: the next try goes at once', async () => {
    const s = await startSim({ offline: true }, 10);
    const t = tempStore();
    stores.push(t);
    let waits = 0;
    const client = connect(t.db, {
      baseUrl: s.url,
      credentials: () => ({ username: 'sato', password: 'koe-demo' }),
      sleep: () => {
        waits++;
        return new Promise<void>(() => undefined);
      },
      timeoutMs: 5000,
    });
    clients.push(client);
    // Signing in is the first request; it meets the offline office and waits.
    const request = client.request('GET', '/v1/reference');
    await vi.waitFor(() => expect(waits).toBe(1));
    s.setFaults({ offline: false });
    client.retryNow();
    expect((await request).status).toBe(200);
    expect(waits).toBe(1);
  });

  it('waits Retry-After on 429 and 503, backs off on 500 and dropped connections, and ends in the same state', async () => {
    const s = await startSim();
    const clean = await liveServerState(s);
    s.setFaults({ rateLimitNext: 2, retryAfter: '2' });
    const a = workstation(s);
    await a.engine.syncOnce();
    expect(a.waits.slice(0, 2)).toEqual([2000, 2000]);
    s.setFaults({ unavailableNext: 1, retryAfter: new Date(Date.now() + 3000).toUTCString() });
    const b = workstation(s);
    await b.engine.syncOnce();
    expect(b.waits[0]).toBeGreaterThan(500);
    expect(b.waits[0]).toBeLessThanOrEqual(3000);
    s.setFaults({ serverErrorNext: 2, dropNext: 2 });
    const c = workstation(s);
    await c.engine.syncOnce();
    expect(c.waits.length).toBe(4);
    for (const w of [a, b, c]) expect(snapshot(w.db)).toEqual(clean);
  });

  it('gives up after the tries the contract asks for and reports the failure', async () => {
    const s = await startSim();
    s.setFaults({ serverErrorNext: 100 });
    const w = workstation(s);
    await expect(w.engine.syncOnce()).rejects.toThrow(/after 6 tries|tries/);
    expect(w.waits.length).toBe(5);
    expect(w.waits.every((ms) => ms <= 30_000)).toBe(true);
  });

  it('quarantines invalid items and still syncs everything valid', async () => {
    const s = await startSim({ invalidItemsEvery: 25 });
    const w = workstation(s);
    const summary = await w.engine.syncOnce();
    expect(summary.quarantined).toBeGreaterThan(0);
    const q = listQuarantine(w.db);
    expect(q.length).toBe(summary.quarantined);
    expect(q.every((x) => x.reason.length > 0)).toBe(true);
    s.setFaults({ invalidItemsEvery: 0 });
    expect(snapshot(w.db)).toEqual(await liveServerState(s));
    // Reading the same invalid items again keeps each once.
    w.db.prepare('DELETE FROM feed_cursors').run();
    s.setFaults({ invalidItemsEvery: 25 });
    await w.engine.syncOnce();
    expect(listQuarantine(w.db).length).toBe(q.length);
  });

  it('overlapping pages and empty pages give the same state', async () => {
    const s = await startSim({ overlapPages: 7, emptyPagesEvery: 3 });
    const w = workstation(s);
    await w.engine.syncOnce();
    s.setFaults({ overlapPages: 0, emptyPagesEvery: 0 });
    expect(snapshot(w.db)).toEqual(await liveServerState(s));
  });

  it('an expired cursor starts a full resync that keeps unsent local work', async () => {
    const s = await startSim();
    const w = workstation(s);
    await w.engine.syncOnce();
    const id = s.submissionIds()[0];
    applyAction(w.db, [id], { type: 'tag_added', tag: 'オフライン作業' }, 'st-001');
    s.setFaults({ expireCursors: true, dropNext: 0 });
    s.addSubmissions(5);
    // Push fails offline first so the work stays pending through the resync.
    s.setFaults({ offline: true });
    await expect(w.engine.syncOnce()).rejects.toThrow();
    expect((w.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(1);
    s.setFaults({ offline: false });
    const summary = await w.engine.syncOnce();
    expect(summary.eventsPushed).toBe(1);
    expect(JSON.parse(getSubmission(w.db, id)!.tags)).toContain('オフライン作業');
    s.setFaults({ expireCursors: false });
    expect(snapshot(w.db)).toEqual(await liveServerState(s));
  });

  it('signs in again once on 401 with stored credentials, and asks when there are none', async () => {
    const s = await startSim();
    const w = workstation(s);
    await w.engine.syncOnce();
    s.revokeAllTokens();
    s.addSubmissions(3);
    const summary = await w.engine.syncOnce();
    expect(summary.updated).toBe(3);
    const noCreds = workstation(s, 'sato', { creds: false });
    const err = await noCreds.engine.syncOnce().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('unauthenticated');
  });

  it('pushes each action once with its id as Idempotency-Key, even when a response is lost', async () => {
    const s = await startSim();
    const w = workstation(s);
    await w.engine.syncOnce();
    const [a, b] = s.submissionIds();
    applyAction(w.db, [a, b], { type: 'status_set', status: 'in_progress' }, 'st-001');
    const ids = (w.db.prepare('SELECT id FROM outbox ORDER BY n').all() as { id: string }[]).map((r) => r.id);
    s.setFaults({ dropResponseNext: 1 });
    await w.engine.syncOnce();
    const posted = s.posted.events.filter((p) => ids.includes(p.idempotencyKey ?? ''));
    expect(new Set(posted.map((p) => p.idempotencyKey))).toEqual(new Set(ids));
    for (const p of posted) expect((p.body as { id: string }).id).toBe(p.idempotencyKey);
    const stored = s.storedEvents().filter((e) => ids.includes((e as { id: string }).id));
    expect(stored).toHaveLength(2);
    expect((w.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(0);
  });

  it('drops an action on a submission deleted on the server and tells the user', async () => {
    const s = await startSim();
    const w = workstation(s);
    await w.engine.syncOnce();
    const id = s.submissionIds()[3];
    applyAction(w.db, [id], { type: 'note_added', text: '確認中' }, 'st-001');
    s.deleteSubmission(id, 'withdrawn');
    const summary = await w.engine.syncOnce();
    expect(summary.eventsDropped).toBe(1);
    expect(getSubmission(w.db, id)).toBeNull();
    // The notice went with the purge of that submission; the outbox is empty either way.
    expect((w.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(0);
  });

  it('two workstations that have synced show the same state', async () => {
    const s = await startSim();
    const one = workstation(s, 'sato');
    const two = workstation(s, 'suzuki');
    await one.engine.syncOnce();
    await two.engine.syncOnce();
    const ids = s.submissionIds().slice(0, 5);
    applyAction(one.db, ids, { type: 'tag_added', tag: '共通' }, 'st-001');
    applyAction(two.db, ids, { type: 'status_set', status: 'done' }, 'st-002');
    applyAction(one.db, ids.slice(0, 2), { type: 'status_set', status: 'spam' }, 'st-001');
    applyAction(two.db, ids.slice(0, 1), { type: 'assigned', staffId: 'st-002' }, 'st-002');
    await one.engine.syncOnce();
    await two.engine.syncOnce();
    await one.engine.syncOnce();
    expect(snapshot(one.db)).toEqual(snapshot(two.db));
    expect(snapshot(one.db)).toEqual(await liveServerState(s));
  });

  it('applies corrections and tombstones that arrive later', async () => {
    const s = await startSim();
    const w = workstation(s);
    await w.engine.syncOnce({ waitForIndex: true });
    const [fix, gone] = s.submissionIds();
    s.correctSubmission(fix, { body: '訂正後の本文：通学路の安全対策を求めます' });
    s.deleteSubmission(gone, 'legal');
    await w.engine.syncOnce({ waitForIndex: true });
    expect(getSubmission(w.db, fix)!.body).toBe('訂正後の本文：通学路の安全対策を求めます');
    expect(getSubmission(w.db, gone)).toBeNull();
    const hits = w.db.prepare(`SELECT rowid FROM submissions_fts WHERE submissions_fts MATCH '"通学路の安全対策"'`).all();
    expect(hits).toHaveLength(1);
  });
});
