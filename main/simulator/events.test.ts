import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eventPayloads, isKnownEventType, wireConflict, wireEvent } from '../../shared/office-api.js';
import { startSimulator, SimulatorRequestError, type SimulatorHandle } from './server.js';
import { call, FIXED_NOW, newEvent, postEvent, readFeed, signIn } from './test-helpers.js';

describe('triage events', () => {
  let sim: SimulatorHandle;
  let sato: string;
  let ids: string[];
  beforeAll(async () => {
    sim = await startSimulator({ count: 300, seed: 3, now: FIXED_NOW });
    sato = await signIn(sim, 'sato');
    ids = sim.submissionIds();
  });
  afterAll(() => sim.close());

  it('comes seeded with some triage history that fits the contract', async () => {
    const { items } = await readFeed(sim, sato, 'events');
    expect(items.length).toBeGreaterThan(10);
    for (const e of items) {
      expect(wireEvent.safeParse(e).success).toBe(true);
      const type: string = e.type;
      expect(isKnownEventType(type) && eventPayloads[type].safeParse(e.payload).success).toBe(true);
    }
    const types = new Set(items.map((e) => e.type));
    for (const t of ['status_set', 'tag_added', 'assigned', 'note_added', 'reply_sent']) expect(types.has(t)).toBe(true);
    expect(items.some((e) => e.staff_id === 'st-007')).toBe(true);
    expect(items).toEqual(sim.storedEvents());
  });

  it('stores an event once: 201 the first time, 200 with the same stored event after', async () => {
    const before = sim.storedEvents().length;
    const ev = newEvent(ids[5]!, 'tag_added', { tag: '要確認' });
    const first = await postEvent(sim, sato, ev);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: ev.id, submission_id: ids[5], type: 'tag_added', payload: { tag: '要確認' }, staff_id: 'st-001' });
    expect(wireEvent.safeParse(first.body).success).toBe(true);
    const again = await postEvent(sim, sato, ev);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(sim.storedEvents()).toHaveLength(before + 1);
    expect(sim.posted.events.filter((p) => p.idempotencyKey === ev.id).map((p) => p.status)).toEqual([201, 200]);
  });

  it('answers 404 unknown_submission for unknown and deleted submissions', async () => {
    const unknown = await postEvent(sim, sato, newEvent('S-2026-9999999', 'status_set', { status: 'done' }));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_submission');
    sim.deleteSubmission(ids[6]!, 'legal');
    const deleted = await postEvent(sim, sato, newEvent(ids[6]!, 'status_set', { status: 'done' }));
    expect(deleted.status).toBe(404);
  });

  it('answers 403 forbidden when staff approve or return a reply, and lets supervisors', async () => {
    for (const type of ['reply_approved', 'reply_returned']) {
      const r = await postEvent(sim, sato, newEvent(ids[7]!, type, { draft_id: 'd-1', comment: 'ok' }));
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    const tanaka = await signIn(sim, 'tanaka');
    expect((await postEvent(sim, tanaka, newEvent(ids[7]!, 'reply_approved', { draft_id: 'd-1' }))).status).toBe(201);
  });

  it('answers 422 invalid_event for an unknown type or a payload that does not fit', async () => {
    const cases = [
      newEvent(ids[8]!, 'reply_teleported', {}),
      newEvent(ids[8]!, 'tag_added', { tag: '' }),
      newEvent(ids[8]!, 'tag_added', { tag: 'x'.repeat(41) }),
      newEvent(ids[8]!, 'note_added', { text: 42 }),
      newEvent(ids[8]!, 'reply_sent', { message_id: 'm', subject: 's', body: 'b', sent_at: 'yesterday' }),
      { ...newEvent(ids[8]!, 'status_set', { status: 'done' }), client_time: 'now' },
    ];
    for (const ev of cases) {
      const r = await postEvent(sim, sato, ev);
      expect(r.status, JSON.stringify(ev)).toBe(422);
      expect(r.body.error.code).toBe('invalid_event');
    }
    const tag40 = await postEvent(sim, sato, newEvent(ids[8]!, 'tag_added', { tag: '𠮷'.repeat(40) }));
    expect(tag40.status).toBe(201);
  });

  it('answers 400 without an Idempotency-Key equal to the id, or with a body that is not JSON', async () => {
    const ev = newEvent(ids[9]!, 'status_set', { status: 'done' });
    expect((await call(sim, 'POST', '/v1/events', { token: sato, body: ev })).status).toBe(400);
    expect((await call(sim, 'POST', '/v1/events', { token: sato, body: ev, headers: { 'idempotency-key': 'other' } })).status).toBe(400);
    expect((await call(sim, 'POST', '/v1/events', { token: sato, body: '{oops', headers: { 'idempotency-key': ev.id } })).status).toBe(400);
  });

  it('lets one staff member hold a reply claim; others get 409 with holder and until', async () => {
    const suzuki = await signIn(sim, 'suzuki');
    const id = ids[11]!;
    expect((await postEvent(sim, sato, newEvent(id, 'reply_claimed'))).status).toBe(201);
    expect((await postEvent(sim, sato, newEvent(id, 'reply_claimed'))).status).toBe(201); // the holder may renew
    const conflict = await postEvent(sim, suzuki, newEvent(id, 'reply_claimed'));
    expect(conflict.status).toBe(409);
    expect(wireConflict.safeParse(conflict.body).success).toBe(true);
    expect(conflict.body.error).toMatchObject({ code: 'conflict', holder: 'st-001', until: expect.any(String) });
    expect(conflict.body.holder).toBe('st-001');
    expect(conflict.body.until).toBe(conflict.body.error.until);
    const until = Date.parse(conflict.body.until) - Date.now();
    expect(until).toBeGreaterThan(14 * 60_000);
    expect(until).toBeLessThanOrEqual(15 * 60_000);
    // Someone else's release does not free it; the holder's does.
    expect((await postEvent(sim, suzuki, newEvent(id, 'reply_released'))).status).toBe(201);
    expect((await postEvent(sim, suzuki, newEvent(id, 'reply_claimed'))).status).toBe(409);
    expect((await postEvent(sim, sato, newEvent(id, 'reply_released'))).status).toBe(201);
    expect((await postEvent(sim, suzuki, newEvent(id, 'reply_claimed'))).status).toBe(201);
    // The holder's reply_sent also ends the claim.
    const sent = { message_id: '<m1@koe.office.example>', subject: 'お問い合わせについて', body: '回答します。', sent_at: new Date().toISOString() };
    expect((await postEvent(sim, suzuki, newEvent(id, 'reply_sent', sent))).status).toBe(201);
    expect((await postEvent(sim, sato, newEvent(id, 'reply_claimed'))).status).toBe(201);
  });

  it('posts as another staff member through the same rules', async () => {
    const id = ids[12]!;
    const stored = (await sim.postEventAs('takahashi', { submission_id: id, type: 'reply_claimed', payload: {} })) as { staff_id: string; seq: number };
    expect(stored.staff_id).toBe('st-003');
    const mine = await postEvent(sim, sato, newEvent(id, 'reply_claimed'));
    expect(mine.status).toBe(409);
    expect(mine.body.holder).toBe('st-003');
    await expect(sim.postEventAs('sato', { submission_id: id, type: 'reply_approved', payload: { draft_id: 'd' } })).rejects.toMatchObject({ status: 403 });
    await expect(sim.postEventAs('sato', { submission_id: 'S-2026-9999999', type: 'status_set', payload: { status: 'done' } })).rejects.toBeInstanceOf(SimulatorRequestError);
    const feed = await readFeed(sim, sato, 'events');
    expect(feed.items.at(-1)!.seq).toBe(feed.items.length);
    expect(feed.items.some((e) => e.seq === stored.seq && e.staff_id === 'st-003')).toBe(true);
  });
});
