import { connect } from 'node:net';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { wireReference, wireSession, wireStaffList, wireTemplateList } from '../../shared/office-api.js';
import { startSimulator, type SimulatorHandle } from './server.js';
import { call, FIXED_NOW, signIn, waitFor } from './test-helpers.js';

describe('health, sessions, reference, staff and templates', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ count: 50, now: FIXED_NOW });
  });
  afterAll(() => sim.close());

  it('answers health without a token', async () => {
    const r = await call(sim, 'GET', '/v1/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', version: expect.any(String) });
  });

  it('listens on loopback only', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('signs every account in with the demo password and answers 201 with the staff member', async () => {
    expect(new Set(sim.accounts.map((a) => a.role))).toEqual(new Set(['staff', 'supervisor', 'admin']));
    for (const a of sim.accounts) {
      const r = await call(sim, 'POST', '/v1/sessions', { body: { username: a.username, password: a.password } });
      expect(r.status).toBe(201);
      expect(wireSession.safeParse(r.body).success).toBe(true);
      expect(r.body.staff).toEqual({ id: a.staffId, name: a.name, role: a.role });
      expect(Date.parse(r.body.expires_at) - Date.now()).toBeGreaterThan(7.9 * 3600_000);
    }
  });

  it('answers wrong credentials with 401 invalid_credentials, then 429 after too many', async () => {
    const wrong = () => call(sim, 'POST', '/v1/sessions', { body: { username: 'suzuki', password: 'nope' } });
    const first = await wrong();
    expect(first.status).toBe(401);
    expect(first.body.error.code).toBe('invalid_credentials');
    for (let i = 0; i < 4; i++) await wrong();
    const locked = await call(sim, 'POST', '/v1/sessions', { body: { username: 'suzuki', password: 'koe-demo' } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call(sim, 'POST', '/v1/sessions', { body: { username: 'nobody', password: 'koe-demo' } })).status).toBe(401);
    expect((await call(sim, 'POST', '/v1/sessions', { body: '{not json' })).status).toBe(400);
    expect((await call(sim, 'POST', '/v1/sessions', { body: { username: 1 } })).status).toBe(400);
  });

  it('rejects a missing, unknown, signed-out or revoked token with 401 unauthenticated', async () => {
    const expect401 = async (token?: string) => {
      const r = await call(sim, 'GET', '/v1/staff', { token });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('unauthenticated');
    };
    await expect401();
    await expect401('made-up');
    const token = await signIn(sim, 'sato');
    expect((await call(sim, 'GET', '/v1/staff', { token })).status).toBe(200);
    expect((await call(sim, 'DELETE', '/v1/sessions/current', { token })).status).toBe(204);
    await expect401(token);
    const a = await signIn(sim, 'sato');
    const b = await signIn(sim, 'tanaka');
    sim.revokeAllTokens();
    await expect401(a);
    await expect401(b);
    expect((await call(sim, 'GET', '/v1/staff', { token: await signIn(sim, 'sato') })).status).toBe(200);
  });

  it('expires tokens after their lifetime', async () => {
    const short = await startSimulator({ count: 0, tokenTtlMs: 50 });
    try {
      const token = await signIn(short);
      const started = Date.now();
      await waitFor(() => Date.now() - started > 60);
      expect((await call(short, 'GET', '/v1/staff', { token })).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('serves reference data with an ETag and answers If-None-Match with 304', async () => {
    const token = await signIn(sim);
    const r = await call(sim, 'GET', '/v1/reference', { token });
    expect(r.status).toBe(200);
    expect(wireReference.safeParse(r.body).success).toBe(true);
    const etag = r.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const cached = await fetch(`${sim.url}/v1/reference`, { headers: { authorization: `Bearer ${token}`, 'if-none-match': etag } });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');
    const stale = await call(sim, 'GET', '/v1/reference', { token, headers: { 'if-none-match': '"old"' } });
    expect(stale.status).toBe(200);
    const codes = (k: string) => r.body[k].map((x: { code: string }) => x.code);
    expect(codes('categories')).toEqual(['opinion', 'question', 'request', 'complaint', 'praise', 'other']);
    expect(codes('themes')).toHaveLength(15);
    expect(codes('age_bands')).toContain('80_plus');
    for (const c of ['cao', 'digital', 'mhlw', 'maff', 'meti', 'mlit', 'env', 'mod', 'mof', 'mofa', 'moj', 'mic', 'mext', 'cfa', 'caa', 'fsa', 'npa', 'ppc', 'jftc', 'npsc', 'kunaicho', 'jta', 'jma', 'isa', 'bunka', 'sports', 'rinya', 'jfa', 'jpo', 'chusho', 'enecho', 'jcg', 'reconstruction']) {
      expect(codes('ministries')).toContain(c);
    }
    expect(r.body.ministries.find((m: { code: string }) => m.code === 'mhlw')).toEqual({ code: 'mhlw', name_ja: '厚生労働省', name_en: 'Ministry of Health, Labour and Welfare', active: true });
    expect(r.body.ministries.filter((m: { active: boolean }) => !m.active).length).toBeGreaterThanOrEqual(1);
  });

  it('lists staff, an inactive former member included', async () => {
    const r = await call(sim, 'GET', '/v1/staff', { token: await signIn(sim) });
    expect(wireStaffList.safeParse(r.body).success).toBe(true);
    expect(r.body.items.filter((s: { active: boolean }) => !s.active)).toHaveLength(1);
    expect(r.body.items.length).toBe(sim.accounts.length + 1);
  });

  it('lets supervisors and admins maintain templates, and answers staff with 403', async () => {
    const staff = await signIn(sim, 'sato');
    const supervisor = await signIn(sim, 'tanaka');
    const admin = await signIn(sim, 'ito');
    const list = await call(sim, 'GET', '/v1/templates', { token: staff });
    expect(wireTemplateList.safeParse(list.body).success).toBe(true);
    expect(list.body.items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(list.body.items.map((t: { language: string }) => t.language))).toEqual(new Set(['ja', 'en']));
    for (const p of ['{{received_date}}', '{{theme}}', '{{category}}', '{{staff_name}}', '{{office_name}}']) {
      expect(list.body.items.some((t: { body: string }) => t.body.includes(p))).toBe(true);
    }
    const template = { name: '試験用', language: 'ja', subject: '件名', body: '{{staff_name}}です。' };
    const denied = await call(sim, 'PUT', '/v1/templates/tpl-test', { token: staff, body: template });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    expect((await call(sim, 'DELETE', '/v1/templates/tpl-thanks-ja', { token: staff })).status).toBe(403);

    const created = await call(sim, 'PUT', '/v1/templates/tpl-test', { token: supervisor, body: template });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'tpl-test', ...template });
    const replaced = await call(sim, 'PUT', '/v1/templates/tpl-test', { token: admin, body: { ...template, subject: '新しい件名' } });
    expect(replaced.status).toBe(200);
    expect((await call(sim, 'GET', '/v1/templates', { token: staff })).body.items.find((t: { id: string }) => t.id === 'tpl-test').subject).toBe('新しい件名');
    expect((await call(sim, 'DELETE', '/v1/templates/tpl-test', { token: admin })).status).toBe(204);
    expect((await call(sim, 'GET', '/v1/templates', { token: staff })).body.items.some((t: { id: string }) => t.id === 'tpl-test')).toBe(false);
    expect((await call(sim, 'PUT', '/v1/templates/tpl-test', { token: admin, body: { name: 1 } })).status).toBe(422);
    expect((await call(sim, 'PUT', '/v1/templates/bad%20id', { token: admin, body: template })).status).toBe(400);
  });

  it('answers unknown paths with 404 and wrong methods with 405, in the error shape', async () => {
    const token = await signIn(sim);
    const missing = await call(sim, 'GET', '/v1/nothing', { token });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found', message: expect.any(String) });
    const wrong = await call(sim, 'DELETE', '/v1/submissions', { token });
    expect(wrong.status).toBe(405);
    expect(wrong.body.error.code).toBe('method_not_allowed');
  });

  it('survives bad input: broken paths, huge bodies, garbage on the socket', async () => {
    const admin = await signIn(sim, 'ito');
    expect((await call(sim, 'PUT', '/v1/templates/%E0%A4%A', { token: admin, body: {} })).status).toBe(400);
    const huge = await call(sim, 'POST', '/v1/events', { token: admin, body: 'x'.repeat(9 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(sim.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect((await call(sim, 'GET', '/v1/health')).status).toBe(200);
  });
});
