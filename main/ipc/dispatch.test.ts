import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { call, KoeError, type Handlers } from '../../shared/contract-kit.js';
import type { Role } from '../../shared/office-api.js';
import { assertHandlersCoverContract, createDispatcher, INTERNAL_ERROR_MESSAGE } from './dispatch.js';

const contract = {
  'app:info': call(z.object({}).strict().default({}), { public: true }).returns<{ version: string }>(),
  'inbox:count': call(z.object({ limit: z.number().int().max(10) })).returns<{ count: number }>(),
  'audit:list': call(z.object({ limit: z.number().int().min(1).max(1000).default(200) }), { role: 'supervisor' }).returns<string[]>(),
  'quarantine:count': call(z.object({}).strict().default({}), { role: 'admin' }).returns<{ count: number }>(),
};
type Ctx = { staff: { id: string; role: Role } | null };

function setup(overrides: Partial<Handlers<typeof contract, Ctx>> = {}) {
  const handlers: Handlers<typeof contract, Ctx> = {
    'app:info': () => ({ version: '1.0.0' }),
    'inbox:count': (input) => ({ count: input.limit }),
    'audit:list': (input) => [`limit ${input.limit}`],
    'quarantine:count': () => ({ count: 3 }),
    ...overrides,
  };
  const onRefused = vi.fn();
  const onInternalError = vi.fn();
  const dispatch = createDispatcher(contract, handlers, { getCaller: (ctx) => ctx.staff, onRefused, onInternalError });
  return { dispatch, onRefused, onInternalError };
}

const signedOut: Ctx = { staff: null };
const as = (role: Role): Ctx => ({ staff: { id: `u-${role}`, role } });

describe('createDispatcher', () => {
  it('runs a public call for a signed-out caller, applying schema defaults', async () => {
    const { dispatch } = setup();
    expect(await dispatch('app:info', undefined, signedOut)).toEqual({ ok: true, value: { version: '1.0.0' } });
  });

  it.each(['nope', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])('refuses the unknown call %s', async (name) => {
    const { dispatch } = setup();
    const result = await dispatch(name, {}, as('admin'));
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('refuses a non-public call without a signed-in caller', async () => {
    const { dispatch, onRefused } = setup();
    expect(await dispatch('inbox:count', { limit: 1 }, signedOut)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await dispatch('audit:list', {}, signedOut)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(onRefused).not.toHaveBeenCalled();
  });

  it('refuses a malformed payload with a message naming the field', async () => {
    const { dispatch } = setup();
    const result = await dispatch('inbox:count', { limit: 'ten' }, as('staff'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad_request');
    expect(result.error.message).toContain('limit');
    expect(result.error.detail).toMatchObject({ issues: [{ path: 'limit' }] });
  });

  it('refuses a missing payload and extra keys on strict schemas', async () => {
    const { dispatch } = setup();
    expect(await dispatch('inbox:count', undefined, as('staff'))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch('app:info', { sneaky: true }, signedOut)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('does not echo the bad value back', async () => {
    const { dispatch } = setup();
    const result = await dispatch('inbox:count', { limit: 'citizen@example.jp' }, as('staff'));
    expect(JSON.stringify(result)).not.toContain('citizen@example.jp');
  });

  it('enforces the role order staff < supervisor < admin', async () => {
    const { dispatch } = setup();
    expect(await dispatch('audit:list', {}, as('supervisor'))).toEqual({ ok: true, value: ['limit 200'] });
    expect(await dispatch('audit:list', {}, as('admin'))).toMatchObject({ ok: true });
    expect(await dispatch('quarantine:count', {}, as('supervisor'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('quarantine:count', {}, as('admin'))).toEqual({ ok: true, value: { count: 3 } });
    expect(await dispatch('inbox:count', { limit: 2 }, as('staff'))).toEqual({ ok: true, value: { count: 2 } });
  });

  it('refuses a staff caller on a supervisor call and reports the refusal', async () => {
    const audit = vi.fn();
    const { dispatch, onRefused } = setup({ 'audit:list': audit });
    const ctx = as('staff');
    const result = await dispatch('audit:list', { limit: 5 }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(audit).not.toHaveBeenCalled();
    expect(onRefused).toHaveBeenCalledTimes(1);
    expect(onRefused).toHaveBeenCalledWith({ call: 'audit:list', reason: expect.stringContaining('staff'), ctx });
  });

  it('checks the role before the payload, so a malformed call above the role is still refused and logged', async () => {
    const { dispatch, onRefused } = setup();
    expect(await dispatch('audit:list', { limit: 'x' }, as('staff'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(onRefused).toHaveBeenCalledTimes(1);
  });

  it('treats an unknown role as no role', async () => {
    const { dispatch } = setup();
    const ctx = { staff: { id: 'x', role: 'root' as Role } };
    expect(await dispatch('audit:list', {}, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('still refuses when recording the refusal fails', async () => {
    const onInternalError = vi.fn();
    const dispatch = createDispatcher(contract, setupHandlers(), {
      getCaller: (ctx: Ctx) => ctx.staff,
      onRefused: () => {
        throw new Error('audit log is read-only');
      },
      onInternalError,
    });
    expect(await dispatch('audit:list', {}, as('staff'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(onInternalError).toHaveBeenCalledTimes(1);
  });

  it('passes a KoeError through with its code, message and detail', async () => {
    const { dispatch } = setup({
      'inbox:count': () => {
        throw new KoeError('conflict', 'Someone else is replying.', { holder: 'Sato' });
      },
    });
    expect(await dispatch('inbox:count', { limit: 1 }, as('staff'))).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Someone else is replying.', detail: { holder: 'Sato' } },
    });
  });

  it('turns any other error into a generic internal error without leaking it', async () => {
    const { dispatch, onInternalError } = setup({
      'inbox:count': async () => {
        throw new Error('SQLITE_ERROR: no such column: email in SELECT email FROM submissions');
      },
    });
    const result = await dispatch('inbox:count', { limit: 1 }, as('staff'));
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE } });
    expect(JSON.stringify(result)).not.toMatch(/SQLITE|SELECT|at .*\.ts/);
    expect(onInternalError).toHaveBeenCalledTimes(1);
  });

  it('handles a thrown non-Error value', async () => {
    const { dispatch } = setup({
      'inbox:count': () => {
        throw 'boom';
      },
    });
    expect(await dispatch('inbox:count', { limit: 1 }, as('staff'))).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

function setupHandlers(): Handlers<typeof contract, Ctx> {
  return {
    'app:info': () => ({ version: '1' }),
    'inbox:count': () => ({ count: 0 }),
    'audit:list': () => [],
    'quarantine:count': () => ({ count: 0 }),
  };
}

describe('assertHandlersCoverContract', () => {
  it('accepts an exact match', () => {
    expect(() => assertHandlersCoverContract(contract, setupHandlers())).not.toThrow();
  });

  it('names a missing handler', () => {
    const { 'audit:list': _omit, ...rest } = setupHandlers();
    expect(() => assertHandlersCoverContract(contract, rest)).toThrow(/missing handlers: audit:list/);
  });

  it('names an extra handler', () => {
    expect(() => assertHandlersCoverContract(contract, { ...setupHandlers(), 'debug:dump': () => 1 })).toThrow(/not in the contract: debug:dump/);
  });

  it('is applied when the dispatcher is made', () => {
    expect(() =>
      createDispatcher(contract, { ...setupHandlers(), 'debug:dump': () => 1 } as Handlers<typeof contract, Ctx>, { getCaller: () => null }),
    ).toThrow();
  });
});
