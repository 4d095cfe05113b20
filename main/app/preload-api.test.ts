import { describe, expect, it, vi } from 'vitest';
import { CHANGE_CHANNEL, CHANNEL_PREFIX } from '../../shared/contract-kit.js';
import { CALL_NAMES } from '../../shared/contract.js';
import { bridgeSafe, buildPreloadApi, KoeCallError, type Invoke } from './preload-api.js';

const noSubscribe = () => () => {};

describe('buildPreloadApi', () => {
  it('exposes exactly one function per contract call plus onChange', () => {
    const api = buildPreloadApi(vi.fn(), noSubscribe);
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'onChange'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('pins the exposed names', () => {
    // Changing this list is changing what a page can ask of main: review it with the contract.
    expect(Object.keys(buildPreloadApi(vi.fn(), noSubscribe)).sort()).toMatchInlineSnapshot(`
      [
        "admin:about",
        "admin:checkForUpdates",
        "admin:diagnostics",
        "admin:installUpdate",
        "admin:setSetting",
        "admin:settings",
        "app:info",
        "audit:export",
        "audit:list",
        "audit:verify",
        "inbox:count",
        "inbox:list",
        "inbox:markSeen",
        "mail:approvals",
        "mail:approve",
        "mail:cancel",
        "mail:claim",
        "mail:composer",
        "mail:deleteTemplate",
        "mail:outbox",
        "mail:preview",
        "mail:putTemplate",
        "mail:release",
        "mail:retry",
        "mail:return",
        "mail:saveDraft",
        "mail:send",
        "mail:sendTest",
        "mail:setSettings",
        "mail:settings",
        "mail:templates",
        "onChange",
        "quarantine:count",
        "reference:get",
        "reports:cancelExport",
        "reports:export",
        "reports:exportProgress",
        "reports:get",
        "reports:settings",
        "safety:backupNow",
        "safety:backups",
        "safety:recover",
        "safety:recoveryPlan",
        "safety:rekey",
        "safety:status",
        "session:get",
        "session:signIn",
        "session:signOut",
        "settings:setLanguage",
        "submission:get",
        "submission:revealEmail",
        "submission:similar",
        "sync:now",
        "sync:status",
        "tags:list",
        "transfers:discard",
        "transfers:export",
        "transfers:list",
        "transfers:ofSubmission",
        "transfers:outbox",
        "transfers:pending",
        "transfers:resend",
        "transfers:send",
        "transfers:setThemeMinistry",
        "transfers:suggest",
        "transfers:themeMap",
        "triage:act",
        "views:delete",
        "views:list",
        "views:save",
      ]
    `);
  });

  it('invokes the prefixed channel and resolves the value', async () => {
    const invoke = vi.fn<Invoke>(async () => ({ ok: true, value: { count: 7 } }));
    const api = buildPreloadApi(invoke, noSubscribe);
    await expect(api['inbox:count']({ filter: {} })).resolves.toEqual({ count: 7 });
    expect(invoke).toHaveBeenCalledWith(CHANNEL_PREFIX + 'inbox:count', { filter: {} });
  });

  it('rejects with an Error carrying the code, message and detail', async () => {
    const invoke: Invoke = async () => ({ ok: false, error: { code: 'conflict', message: 'Claimed by Sato.', detail: { holder: 'Sato' } } });
    const api = buildPreloadApi(invoke, noSubscribe);
    const error = await api['sync:now']({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KoeCallError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'conflict', message: 'Claimed by Sato.', detail: { holder: 'Sato' } });
  });

  it('treats a malformed answer or unknown code as internal', async () => {
    const api = buildPreloadApi(async () => 'what', noSubscribe);
    await expect(api['sync:now']({})).rejects.toMatchObject({ code: 'internal' });
    const api2 = buildPreloadApi(async () => ({ ok: false, error: { code: 'rm -rf', message: 'x' } }), noSubscribe);
    await expect(api2['sync:now']({})).rejects.toMatchObject({ code: 'internal', message: 'x' });
  });

  it('subscribes to the change channel and hands the listener only the topics', () => {
    let delivered: ((payload: unknown) => void) | undefined;
    const unsubscribe = vi.fn();
    const subscribe = vi.fn((_channel: string, listener: (payload: unknown) => void) => {
      delivered = listener;
      return unsubscribe;
    });
    const api = buildPreloadApi(vi.fn(), subscribe);
    const listener = vi.fn();
    const off = api.onChange(listener);
    expect(subscribe).toHaveBeenCalledWith(CHANGE_CHANNEL, expect.any(Function));
    delivered?.({ topics: ['submissions', 42, 'sync'], sender: { send() {} } });
    expect(listener).toHaveBeenCalledWith({ topics: ['submissions', 'sync'] });
    off();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });
});

describe('bridgeSafe', () => {
  it('keeps the names and turns a rejection into a plain object with the code', async () => {
    const api = bridgeSafe(buildPreloadApi(async () => ({ ok: false, error: { code: 'forbidden', message: 'Supervisors only.' } }), noSubscribe));
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'onChange'].sort());
    const error = await api['audit:list']({}).catch((e: unknown) => e);
    expect(error).toEqual({ name: 'KoeError', code: 'forbidden', message: 'Supervisors only.' });
  });

  it('hides a transport failure behind a generic message', async () => {
    const api = bridgeSafe(
      buildPreloadApi(async () => {
        throw new Error("Error invoking remote method 'koe:sync:now': at /app/main.js:1");
      }, noSubscribe),
    );
    await expect(api['sync:now']({})).rejects.toEqual({ name: 'KoeError', code: 'internal', message: expect.not.stringContaining('main.js') });
  });

  it('passes values through', async () => {
    const api = bridgeSafe(buildPreloadApi(async () => ({ ok: true, value: [1] }), noSubscribe));
    await expect(api['tags:list']({})).resolves.toEqual([1]);
  });
});
