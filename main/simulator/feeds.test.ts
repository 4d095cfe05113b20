import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { wirePage } from '../../shared/office-api.js';
import { planSeededChanges } from './data/seeded-changes.js';
import { startSimulator, type SimulatorHandle } from './server.js';
import { call, FIXED_NOW, readFeed, signIn } from './test-helpers.js';

describe('submissions feed over HTTP', () => {
  let sim: SimulatorHandle;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ count: 500, seed: 7, now: FIXED_NOW });
    token = await signIn(sim);
  });
  afterAll(() => sim.close());

  it('is deterministic: two simulators with the same seed serve the same items', async () => {
    const twin = await startSimulator({ count: 500, seed: 7, now: FIXED_NOW });
    const other = await startSimulator({ count: 500, seed: 8, now: FIXED_NOW });
    try {
      const a = await readFeed(sim, token, 'submissions', 137);
      const b = await readFeed(twin, await signIn(twin), 'submissions', 1000);
      const c = await readFeed(other, await signIn(other), 'submissions', 1000);
      expect(b.items).toEqual(a.items);
      expect(c.items.map((i) => i.body)).not.toEqual(a.items.map((i) => i.body));
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('pages with a next_cursor on every page, the last included, and reads to the end', async () => {
    const { items, pages } = await readFeed(sim, token, 'submissions', 50);
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) expect(wirePage.safeParse(page).success).toBe(true);
    expect(pages.at(-1)!.has_more).toBe(false);
    expect(new Set(items.map((i) => i.id)).size).toBe(500);
    expect(items.map((i) => i.seq)).toEqual(items.map((_, p) => p + 1));
    const live = new Set(sim.submissionIds());
    expect(live.size).toBe(500 - items.filter((i) => i.deleted).length);
  });

  it('serves the same items again from an older cursor', async () => {
    const first = await call(sim, 'GET', '/v1/submissions?limit=20', { token });
    const second = await call(sim, 'GET', `/v1/submissions?limit=20&cursor=${first.body.next_cursor}`, { token });
    await call(sim, 'GET', `/v1/submissions?limit=20&cursor=${second.body.next_cursor}`, { token });
    const again = await call(sim, 'GET', `/v1/submissions?limit=20&cursor=${first.body.next_cursor}`, { token });
    expect(again.body.items).toEqual(second.body.items);
    expect(again.body.next_cursor).toBe(second.body.next_cursor);
  });

  it('defaults to 200 items and rejects a bad limit with 400', async () => {
    const page = await call(sim, 'GET', '/v1/submissions', { token });
    expect(page.body.items).toHaveLength(200);
    for (const bad of ['0', '1001', 'abc', '-5', '2.5', '']) {
      const r = await call(sim, 'GET', `/v1/submissions?limit=${bad}`, { token });
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code).toBe('bad_request');
    }
    const extras = planSeededChanges({ seed: 7, count: 500, nowMs: FIXED_NOW.getTime() }).length;
    expect((await call(sim, 'GET', '/v1/submissions?limit=1000', { token })).body.items.length).toBe(500 + extras);
  });

  it('answers a cursor it did not issue with 400 invalid_cursor', async () => {
    const events = await call(sim, 'GET', '/v1/events?limit=1', { token });
    for (const bad of ['garbage', 'eyJmIjoic3VibWlzc2lvbnMiLCJwIjo5OTk5OTksImUiOjB9', events.body.next_cursor]) {
      const r = await call(sim, 'GET', `/v1/submissions?cursor=${encodeURIComponent(bad)}`, { token });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_cursor');
    }
  });

  it('shows arrivals, corrections and deletions at the end of the feed, and keeps the last cursor useful', async () => {
    const { cursor } = await readFeed(sim, token, 'submissions');
    const [newId] = sim.addSubmissions(1);
    const target = sim.submissionIds()[10]!;
    sim.correctSubmission(target, { theme: 'tax', body: '訂正後の本文です。税についての意見として再分類しました。' });
    sim.deleteSubmission(newId!, 'withdrawn');
    const next = await call(sim, 'GET', `/v1/submissions?cursor=${cursor}`, { token });
    expect(next.body.items.map((i: { id: string }) => i.id)).toEqual([newId, target, newId]);
    const [arrived, corrected, tombstone] = next.body.items;
    expect(Date.now() - Date.parse(arrived.received_at)).toBeLessThan(60_000);
    expect(corrected).toMatchObject({ theme: 'tax', body: '訂正後の本文です。税についての意見として再分類しました。' });
    expect(tombstone).toMatchObject({ deleted: true, reason: 'withdrawn' });
    expect(tombstone.seq).toBeGreaterThan(arrived.seq);
    expect(sim.submissionIds()).not.toContain(newId);
    expect(next.body.has_more).toBe(false);
  });

  it('needs a token', async () => {
    const r = await call(sim, 'GET', '/v1/submissions');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthenticated');
  });
});
