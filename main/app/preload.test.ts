import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANGE_CHANNEL } from '../../shared/contract-kit.js';
import { CALL_NAMES } from '../../shared/contract.js';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn() },
}));
vi.mock('electron', () => electron);

describe('preload', () => {
  beforeEach(() => {
    vi.resetModules();
    electron.contextBridge.exposeInMainWorld.mockClear();
  });

  async function exposed(): Promise<Record<string, (...args: unknown[]) => unknown>> {
    await import('./preload.js');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0];
    expect(key).toBe('koe');
    return api;
  }

  it('exposes window.koe with exactly the contract calls and onChange', async () => {
    const api = await exposed();
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'onChange'].sort());
  });

  it('never exposes ipcRenderer or any of its methods', async () => {
    const api = await exposed();
    const values = Object.values(api);
    expect(values).not.toContain(electron.ipcRenderer);
    for (const method of Object.values(electron.ipcRenderer)) expect(values).not.toContain(method);
  });

  it('calls through ipcRenderer.invoke and unwraps the envelope', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { count: 2 } });
    const api = await exposed();
    await expect(api['quarantine:count']({})).resolves.toEqual({ count: 2 });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('koe:quarantine:count', {});
  });

  it('rejects with a code the renderer can read after the bridge', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'unauthenticated', message: 'Please sign in.' } });
    const api = await exposed();
    await expect(api['inbox:markSeen']({})).rejects.toMatchObject({ code: 'unauthenticated', message: 'Please sign in.' });
  });

  it('onChange listens on the change channel without handing out the IPC event', async () => {
    const api = await exposed();
    const listener = vi.fn();
    const off = api.onChange(listener) as () => void;
    const [channel, handler] = electron.ipcRenderer.on.mock.calls.at(-1) as [string, (event: unknown, payload: unknown) => void];
    expect(channel).toBe(CHANGE_CHANNEL);
    handler({ sender: electron.ipcRenderer }, { topics: ['views'] });
    expect(listener).toHaveBeenCalledWith({ topics: ['views'] });
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(CHANGE_CHANNEL, handler);
  });
});

describe('preload imports', () => {
  it('imports only electron, shared/ and its pure sibling, so it bundles for the sandbox', async () => {
    const fs = await import('node:fs');
    for (const file of ['preload.ts', 'preload-api.ts']) {
      const source = fs.readFileSync(new URL(file, import.meta.url), 'utf8');
      const specifiers = [...source.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]);
      for (const specifier of specifiers) {
        expect(['electron', './preload-api.js'].includes(specifier) || specifier.startsWith('../../shared/'), `${file}: ${specifier}`).toBe(true);
      }
    }
  });
});
