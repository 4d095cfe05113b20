import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { wireSubmission, wireTombstone } from '../../shared/office-api.js';
import { startSimulator, type SimulatorHandle } from './server.js';
import { call, FIXED_NOW, newEvent, postEvent, readFeed, signIn, waitFor } from './test-helpers.js';

const fits = (item: { deleted?: unknown }) => (item.deleted === true ? wireTombstone : wireSubmission).safeParse(item).success;

describe('fault switches', () => {
  let sim: SimulatorHandle;
  let token: string;
  beforeEach(async () => {
    sim = await startSimulator({ count: 200, seed: 5, now: FIXED_NOW });
    token = await signIn(sim);
  });
  afterEach(() => sim.close());

  it('latencyMs delays every response', async () => {
    sim.setFaults({ latencyMs: 120 });
    const started = performance.now();
    expect((await call(sim, 'GET', '/v1/health')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('rateLimitNext answers the next N requests with 429 and Retry-After', async () => {
    sim.setFaults({ rateLimitNext: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await call(sim, 'GET', '/v1/staff', { token });
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.body.error.code).toBe('rate_limited');
    }
    expect((await call(sim, 'GET', '/v1/staff', { token })).status).toBe(200);
  });

  it('unavailableNext answers 503 with Retry-After, which may be an HTTP date', async () => {
    const date = new Date(Date.now() + 2000).toUTCString();
    sim.setFaults({ unavailableNext: 1, retryAfter: date });
    const r = await call(sim, 'GET', '/v1/health');
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe(date);
    expect((await call(sim, 'GET', '/v1/health')).status).toBe(200);
  });

  it('serverErrorNext answers 500 and does not process the request', async () => {
    sim.setFaults({ serverErrorNext: 1 });
    const ev = newEvent(sim.submissionIds()[0]!, 'status_set', { status: 'done' });
    const before = sim.storedEvents().length;
    expect((await postEvent(sim, token, ev)).status).toBe(500);
    expect(sim.storedEvents()).toHaveLength(before);
    expect((await postEvent(sim, token, ev)).status).toBe(201);
    expect(sim.posted.events.map((p) => p.status)).toEqual([500, 201]);
  });

  it('dropNext destroys the socket without an answer; nothing is stored', async () => {
    sim.setFaults({ dropNext: 1 });
    const ev = newEvent(sim.submissionIds()[0]!, 'status_set', { status: 'done' });
    const before = sim.storedEvents().length;
    await expect(postEvent(sim, token, ev)).rejects.toThrow();
    expect(sim.storedEvents()).toHaveLength(before);
    expect((await postEvent(sim, token, ev)).status).toBe(201);
    expect(sim.posted.events.map((p) => [p.idempotencyKey, p.status])).toEqual([
      [ev.id, 0],
      [ev.id, 201],
    ]);
  });

  it('dropResponseNext stores the write but loses the answer; the retry gets 200', async () => {
    sim.setFaults({ dropResponseNext: 1 });
    const ev = newEvent(sim.submissionIds()[0]!, 'tag_added', { tag: '至急' });
    await expect(postEvent(sim, token, ev)).rejects.toThrow();
    expect(sim.storedEvents().filter((e) => (e as { id: string }).id === ev.id)).toHaveLength(1);
    expect((await postEvent(sim, token, ev)).status).toBe(200);
  });

  it('offline destroys every API request but leaves /__sim working', async () => {
    sim.setFaults({ offline: true });
    await expect(fetch(`${sim.url}/v1/health`)).rejects.toThrow();
    expect((await fetch(`${sim.url}/__sim/posted`)).status).toBe(200);
    sim.setFaults({ offline: false });
    expect((await call(sim, 'GET', '/v1/health')).status).toBe(200);
  });

  it('invalidItemsEvery adds a deterministic invalid item at every Nth position', async () => {
    sim.setFaults({ invalidItemsEvery: 5 });
    const page = await call(sim, 'GET', '/v1/submissions?limit=20', { token });
    expect(page.body.items).toHaveLength(24);
    const invalid = page.body.items.filter((i: { deleted?: unknown }) => !fits(i));
    expect(invalid).toHaveLength(4);
    const again = await call(sim, 'GET', '/v1/submissions?limit=20', { token });
    expect(again.body.items).toEqual(page.body.items);
    // Over the whole feed every kind of breakage shows up, and the valid items are all there.
    const { items } = await readFeed(sim, token, 'submissions', 100);
    const bad = items.filter((i) => !fits(i));
    expect(bad.length).toBeGreaterThanOrEqual(40);
    expect(bad.some((i) => !('id' in i))).toBe(true);
    expect(bad.some((i) => i.channel === 'fax')).toBe(true);
    expect(bad.some((i) => i.body === '')).toBe(true);
    expect(bad.some((i) => typeof i.seq !== 'number' || !Number.isInteger(i.seq))).toBe(true);
    expect(new Set(items.filter(fits).map((i) => i.id)).size).toBe(200);
  });

  it('expireCursors invalidates every cursor issued before it was switched on', async () => {
    const old = await call(sim, 'GET', '/v1/submissions?limit=10', { token });
    const oldEvents = await call(sim, 'GET', '/v1/events?limit=1', { token });
    sim.setFaults({ expireCursors: true });
    for (const [feed, cursor] of [
      ['submissions', old.body.next_cursor],
      ['events', oldEvents.body.next_cursor],
    ]) {
      const r = await call(sim, 'GET', `/v1/${feed}?cursor=${cursor}`, { token });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_cursor');
    }
    const fresh = await call(sim, 'GET', '/v1/submissions?limit=10', { token });
    expect((await call(sim, 'GET', `/v1/submissions?cursor=${fresh.body.next_cursor}`, { token })).status).toBe(200);
    sim.setFaults({ expireCursors: false });
    expect((await call(sim, 'GET', `/v1/submissions?cursor=${old.body.next_cursor}`, { token })).status).toBe(200);
  });

  it('overlapPages repeats the last N items of the previous page', async () => {
    sim.setFaults({ overlapPages: 3 });
    const first = await call(sim, 'GET', '/v1/submissions?limit=10', { token });
    const second = await call(sim, 'GET', `/v1/submissions?limit=10&cursor=${first.body.next_cursor}`, { token });
    expect(second.body.items).toHaveLength(13);
    expect(second.body.items.slice(0, 3)).toEqual(first.body.items.slice(-3));
    expect(second.body.items[3].seq).toBe(11);
  });

  it('emptyPagesEvery makes every Nth page empty with has_more true; reading still reaches the end', async () => {
    sim.setFaults({ emptyPagesEvery: 3 });
    const { items, pages } = await readFeed(sim, token, 'submissions', 50);
    const empty = pages.filter((p) => p.items.length === 0);
    expect(empty.length).toBeGreaterThanOrEqual(2);
    for (const p of empty) expect(p.has_more).toBe(true);
    expect(new Set(items.map((i) => i.id)).size).toBe(200);
  });

  it('arrivalsPerMinute brings new submissions over time', async () => {
    const before = sim.submissionIds().length;
    sim.setFaults({ arrivalsPerMinute: 6000 });
    await waitFor(() => sim.submissionIds().length >= before + 5, 5000);
    sim.setFaults({ arrivalsPerMinute: 0 });
    const { items } = await readFeed(sim, token, 'submissions');
    const newest = items.at(-1)!;
    expect(Date.now() - Date.parse(newest.received_at)).toBeLessThan(60_000);
  });

  it('rejects nonsense fault values', () => {
    expect(() => sim.setFaults({ latencyMs: -1 })).toThrow();
    expect(() => sim.setFaults({ offline: 'yes' as unknown as boolean })).toThrow();
  });

  it('can be set from the start', async () => {
    const slow = await startSimulator({ count: 0, faults: { serverErrorNext: 1 } });
    try {
      expect((await call(slow, 'GET', '/v1/health')).status).toBe(500);
      expect((await call(slow, 'GET', '/v1/health')).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});
