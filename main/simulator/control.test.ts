import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startSimulator, type SimulatorHandle } from './server.js';
import { call, FIXED_NOW, newEvent, postEvent, signIn } from './test-helpers.js';

// What a test in another process (end-to-end, benchmarks) does: steer over HTTP only.
describe('control endpoint', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ count: 100, now: FIXED_NOW });
  });
  afterAll(() => sim.close());
  const control = (body: unknown) => call(sim, 'POST', '/__sim/control', { body });

  it('sets faults, adds submissions, revokes tokens and posts as another staff member', async () => {
    const token = await signIn(sim);
    expect((await control({ faults: { rateLimitNext: 1 } })).body).toEqual({ ok: true });
    expect((await call(sim, 'GET', '/v1/staff', { token })).status).toBe(429);
    expect((await call(sim, 'GET', '/v1/staff', { token })).status).toBe(200);

    const added = await control({ addSubmissions: 3 });
    expect(added.body.ids).toHaveLength(3);
    expect(sim.submissionIds()).toEqual(expect.arrayContaining(added.body.ids));

    const posted = await control({ postEventAs: { username: 'takahashi', event: { submission_id: added.body.ids[0], type: 'reply_claimed', payload: {} } } });
    expect(posted.body.postEventAs.status).toBe(201);
    expect(posted.body.postEventAs.body.staff_id).toBe('st-003');
    const refused = await control({ postEventAs: { username: 'sato', event: { submission_id: added.body.ids[0], type: 'reply_claimed', payload: {} } } });
    expect(refused.body.postEventAs.status).toBe(409);
    expect(refused.body.postEventAs.body.holder).toBe('st-003');

    await control({ revokeAllTokens: true });
    expect((await call(sim, 'GET', '/v1/staff', { token })).status).toBe(401);
  });

  it('corrects and deletes submissions', async () => {
    const [id] = sim.submissionIds();
    expect((await control({ correctSubmission: { id, patch: { category: 'question' } } })).status).toBe(200);
    expect((await control({ deleteSubmission: { id, reason: 'legal' } })).status).toBe(200);
    expect(sim.submissionIds()).not.toContain(id);
  });

  it('reports what clients posted, and what is stored', async () => {
    const token = await signIn(sim);
    const ev = newEvent(sim.submissionIds()[1]!, 'note_added', { text: '確認済み' });
    await postEvent(sim, token, ev);
    const posted = await call(sim, 'GET', '/__sim/posted');
    expect(posted.body.events.at(-1)).toMatchObject({ idempotencyKey: ev.id, body: ev, status: 201, at: expect.any(String) });
    expect(posted.body.transfers).toEqual([]);
    const stored = await call(sim, 'GET', '/__sim/stored');
    expect(stored.body.events.at(-1).id).toBe(ev.id);
  });

  it('answers a bad command with 400 and ignores faults itself', async () => {
    expect((await control({ faults: { nonsense: 1 } })).status).toBe(400);
    expect((await control({ addSubmissions: -1 })).status).toBe(400);
    expect((await control('not json')).status).toBe(400);
    expect((await call(sim, 'GET', '/__sim/control')).status).toBe(405);
    await control({ faults: { serverErrorNext: 5 } });
    expect((await call(sim, 'GET', '/__sim/posted')).status).toBe(200);
    await control({ faults: { serverErrorNext: 0 } });
  });
});
