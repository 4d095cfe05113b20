import { describe, expect, it, vi } from 'vitest';
import { CHANGE_CHANNEL, CHANNEL_PREFIX, type Handlers } from '../../shared/contract-kit.js';
import { CALL_NAMES, contract, type KoeContract } from '../../shared/contract.js';
import type { Role } from '../../shared/office-api.js';
import { createDispatcher } from './dispatch.js';
import { broadcastChange, registerIpc, type InvokeEventLike } from './register.js';

type Ctx = { staff: { id: string; role: Role } | null };
type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

const APP = 'app://koe';
const fromApp: InvokeEventLike = { senderFrame: { url: 'app://koe/index.html', parent: null } };

function setup(staff: Ctx['staff'] = { id: 's1', role: 'staff' }) {
  const registered = new Map<string, Listener>();
  const ipcMain = {
    handle: vi.fn((channel: string, listener: Listener) => {
      if (registered.has(channel)) throw new Error(`second handler for ${channel}`);
      registered.set(channel, listener);
    }),
  };
  // Every handler answers with its own name, so a test can see which one ran.
  const handlers = Object.fromEntries(CALL_NAMES.map((name) => [name, vi.fn(async () => `ran ${name}`)])) as unknown as Handlers<KoeContract, Ctx>;
  const onRefused = vi.fn();
  const dispatch = vi.fn(createDispatcher(contract, handlers, { getCaller: (ctx: Ctx) => ctx.staff, onRefused }));
  const onForbiddenSender = vi.fn();
  const channels = registerIpc(ipcMain, dispatch, { appOrigin: APP, context: () => ({ staff }), onForbiddenSender });
  const invoke = (name: string, event: InvokeEventLike, input?: unknown) => {
    const listener = registered.get(CHANNEL_PREFIX + name);
    if (!listener) throw new Error(`no channel for ${name}`);
    return listener(event, input);
  };
  return { registered, channels, dispatch, handlers, onRefused, onForbiddenSender, invoke };
}

describe('registerIpc', () => {
  it('registers exactly one channel per contract call', () => {
    const { registered, channels } = setup();
    const expected = CALL_NAMES.map((n) => CHANNEL_PREFIX + n).sort();
    expect([...registered.keys()].sort()).toEqual(expected);
    expect([...channels].sort()).toEqual(expected);
  });

  it('wraps every channel with the sender check: a foreign origin never reaches the dispatcher', async () => {
    const { registered, dispatch, onForbiddenSender } = setup({ id: 'a', role: 'admin' });
    const foreign: InvokeEventLike = { senderFrame: { url: 'https://attacker.example/', parent: null } };
    for (const [channel, listener] of registered) {
      expect(await listener(foreign, {}), channel).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(onForbiddenSender).toHaveBeenCalledTimes(CALL_NAMES.length);
  });

  it('wraps every channel with the dispatcher: a trusted sender reaches its own handler', async () => {
    const { registered, handlers } = setup({ id: 'a', role: 'admin' });
    for (const [channel, listener] of registered) {
      const name = channel.slice(CHANNEL_PREFIX.length) as keyof KoeContract;
      // Calls without required fields accept an empty object; others are refused by their schema,
      // which still proves the dispatcher, not a bare handler, is behind the channel.
      const result = (await listener(fromApp, {})) as { ok: boolean; value?: unknown; error?: { code: string } };
      if (result.ok) {
        expect(result.value).toBe(`ran ${name}`);
        expect(handlers[name]).toHaveBeenCalledTimes(1);
      } else {
        expect(result.error?.code, channel).toBe('bad_request');
        expect(handlers[name]).not.toHaveBeenCalled();
      }
    }
  });

  it.each([
    ['a subframe of the app', { url: 'app://koe/index.html', parent: {} }],
    ['a look-alike origin', { url: 'app://koe.evil/index.html', parent: null }],
    ['a prefix trick', { url: 'http://localhost:5173.attacker.com/', parent: null }],
    ['a file: page', { url: 'file:///tmp/x.html', parent: null }],
    ['a destroyed frame', null],
  ])('refuses %s', async (_label, senderFrame) => {
    const { invoke, dispatch } = setup();
    expect(await invoke('inbox:markSeen', { senderFrame }, {})).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a malformed payload with bad_request naming the field', async () => {
    const { invoke, handlers } = setup(null);
    const result = (await invoke('session:signIn', fromApp, { username: '', password: 'x' })) as { ok: false; error: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('bad_request');
    expect(result.error.message).toContain('username');
    expect(handlers['session:signIn']).not.toHaveBeenCalled();
  });

  it('refuses a staff caller on a supervisor call and reports it for the audit log', async () => {
    const { invoke, handlers, onRefused } = setup({ id: 's1', role: 'staff' });
    expect(await invoke('audit:list', fromApp, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handlers['audit:list']).not.toHaveBeenCalled();
    expect(onRefused).toHaveBeenCalledWith(expect.objectContaining({ call: 'audit:list', ctx: { staff: { id: 's1', role: 'staff' } } }));
  });

  it('hands a trusted, valid call to its handler with the parsed input and the context', async () => {
    const { invoke, handlers } = setup({ id: 'v1', role: 'supervisor' });
    expect(await invoke('audit:list', fromApp, { limit: 3 })).toEqual({ ok: true, value: 'ran audit:list' });
    expect(handlers['audit:list']).toHaveBeenCalledWith({ limit: 3 }, { staff: { id: 'v1', role: 'supervisor' } });
  });
});

describe('broadcastChange', () => {
  it('sends the topics on the change channel', () => {
    const contents = { isDestroyed: () => false, send: vi.fn() };
    broadcastChange(contents, { topics: ['submissions', 'triage'] });
    expect(contents.send).toHaveBeenCalledWith(CHANGE_CHANNEL, { topics: ['submissions', 'triage'] });
  });

  it('skips a destroyed window', () => {
    const contents = { isDestroyed: () => true, send: vi.fn() };
    broadcastChange(contents, { topics: ['sync'] });
    expect(contents.send).not.toHaveBeenCalled();
  });
});
