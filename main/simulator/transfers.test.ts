import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { wireTransfer } from '../../shared/office-api.js';
import { startSimulator, type SimulatorHandle } from './server.js';
import { decisionFor, RETURN_REASONS } from './transfers.js';
import { call, FIXED_NOW, readFeed, signIn, waitFor } from './test-helpers.js';

const DECISION_MS = 150;

describe('transfers to ministries', () => {
  let sim: SimulatorHandle;
  let token: string;
  let ids: string[];
  const post = (body: { id: string }, key: string | null = body.id) =>
    call(sim, 'POST', '/v1/transfers', { token, body, headers: key ? { 'idempotency-key': key } : {} });
  const transfer = (over: Record<string, unknown> = {}) => ({
    id: crypto.randomUUID(),
    ministry: 'mhlw',
    submission_ids: ids.slice(0, 3),
    note: '所管のため回付します。',
    include_contact: false,
    ...over,
  });

  beforeAll(async () => {
    sim = await startSimulator({ count: 100, now: FIXED_NOW, transferDecisionMs: DECISION_MS });
    token = await signIn(sim, 'suzuki');
    ids = sim.submissionIds();
  });
  afterAll(() => sim.close());

  it('stores a transfer once: 201, then 200 with the same transfer', async () => {
    const t = transfer();
    const first = await post(t);
    expect(first.status).toBe(201);
    expect(wireTransfer.safeParse(first.body).success).toBe(true);
    expect(first.body).toMatchObject({ ...t, status: 'submitted', reason: null, created_by: 'st-002' });
    const again = await post(t);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(t.id);
    expect(sim.storedTransfers().filter((x) => (x as { id: string }).id === t.id)).toHaveLength(1);
  });

  it('has the ministry decide after the delay, and the transfer comes again with a higher seq', async () => {
    // Ids chosen so that both outcomes occur: two returned, two accepted.
    const chosen: string[] = [];
    for (const want of ['returned', 'returned', 'accepted', 'accepted']) {
      let id = crypto.randomUUID();
      while (decisionFor(id).status !== want) id = crypto.randomUUID();
      chosen.push(id);
    }
    const posted = [];
    for (const [i, id] of chosen.entries()) posted.push((await post(transfer({ id, submission_ids: [ids[i]!] }))).body);
    await waitFor(async () => (await readFeed(sim, token, 'transfers')).items.filter((x) => x.status !== 'submitted').length >= 5, 5000);
    const { items } = await readFeed(sim, token, 'transfers');
    expect(items.map((x) => x.seq)).toEqual(items.map((_, i) => i + 1));
    for (const t of posted) {
      const versions = items.filter((x) => x.id === t.id);
      expect(versions.map((v) => v.status)).toEqual(['submitted', decisionFor(t.id).status]);
      const decided = versions[1]!;
      expect(decided.seq).toBeGreaterThan(t.seq);
      expect(Date.parse(decided.updated_at) - Date.parse(decided.created_at)).toBeGreaterThanOrEqual(DECISION_MS - 1);
      if (decided.status === 'returned') expect(RETURN_REASONS).toContain(decided.reason);
      else expect(decided.reason).toBeNull();
    }
    const statuses = new Set(posted.map((t) => decisionFor(t.id).status));
    expect(statuses).toEqual(new Set(['accepted', 'returned']));
    // The idempotent repeat returns the transfer as it is now.
    expect((await post(posted[0])).body.status).toBe(decisionFor(posted[0].id).status);
  });

  it('decides deterministically from the id, returning about one in four', () => {
    const outcomes = Array.from({ length: 2000 }, (_, i) => decisionFor(`transfer-${i}`).status);
    const returned = outcomes.filter((s) => s === 'returned').length / outcomes.length;
    expect(returned).toBeGreaterThan(0.2);
    expect(returned).toBeLessThan(0.3);
    expect(decisionFor('abc')).toEqual(decisionFor('abc'));
  });

  it('answers 422 invalid_transfer naming an unknown or inactive ministry or unknown or deleted submissions', async () => {
    const unknownMinistry = await post(transfer({ ministry: 'ministry-of-magic' }));
    expect(unknownMinistry.status).toBe(422);
    expect(unknownMinistry.body.error).toMatchObject({ code: 'invalid_transfer', ministry: 'ministry-of-magic' });
    expect(unknownMinistry.body.error.message).toContain('ministry-of-magic');
    const inactive = await post(transfer({ ministry: 'sia' }));
    expect(inactive.status).toBe(422);
    sim.deleteSubmission(ids[40]!, 'withdrawn');
    const bad = await post(transfer({ submission_ids: [ids[41], ids[40], 'S-2026-8888888'] }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.submission_ids).toEqual([ids[40], 'S-2026-8888888']);
    expect(bad.body.error.message).toContain('S-2026-8888888');
  });

  it('lets a test fix a ministry\'s answer (handle and control endpoint); the reason still follows the id', async () => {
    sim.setTransferOutcome('mext', 'returned');
    const ctl = await call(sim, 'POST', '/__sim/control', { body: { transferOutcomes: { env: 'accepted' } } });
    expect(ctl.status).toBe(200);
    expect((await call(sim, 'POST', '/__sim/control', { body: { transferOutcomes: { env: 'maybe' } } })).status).toBe(400);
    let acceptedId = crypto.randomUUID();
    while (decisionFor(acceptedId).status !== 'accepted') acceptedId = crypto.randomUUID();
    let returnedId = crypto.randomUUID();
    while (decisionFor(returnedId).status !== 'returned') returnedId = crypto.randomUUID();
    // Each would have gone the other way on its own.
    const a = (await post(transfer({ id: acceptedId, ministry: 'mext', submission_ids: [ids[50]!] }))).body;
    const b = (await post(transfer({ id: returnedId, ministry: 'env', submission_ids: [ids[51]!] }))).body;
    await waitFor(async () => (await readFeed(sim, token, 'transfers')).items.filter((x) => (x.id === a.id || x.id === b.id) && x.status !== 'submitted').length === 2, 5000);
    const latest = new Map((await readFeed(sim, token, 'transfers')).items.map((x) => [x.id, x]));
    expect(latest.get(a.id)).toMatchObject({ status: 'returned', reason: decisionFor(a.id, 'returned').reason });
    expect(RETURN_REASONS).toContain(latest.get(a.id).reason);
    expect(latest.get(b.id)).toMatchObject({ status: 'accepted', reason: null });
    sim.setTransferOutcome('mext', null);
    sim.setTransferOutcome('env', null);
  });

  it('takes 1 to 500 submissions and answers 422 outside that, and 400 without the key', async () => {
    expect((await post(transfer({ submission_ids: [] }))).status).toBe(422);
    const many = Array.from({ length: 501 }, () => ids[0]!);
    expect((await post(transfer({ submission_ids: many }))).status).toBe(422);
    expect((await post(transfer({ submission_ids: many.slice(0, 500) }))).status).toBe(201);
    expect((await post(transfer(), null)).status).toBe(400);
    expect((await post(transfer(), 'not-the-id')).status).toBe(400);
    expect((await post(transfer({ include_contact: 'yes' }))).status).toBe(422);
  });
});
