// The renderer's transport without a browser: window, fetch and WebSocket are small stand-ins,
// so the token handling, the error shape and the reconnect timing can be pinned exactly.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKoeClient, KoeCallError, type KoeClient } from './client.js';

class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  close() {
    this.closed = true;
  }
  /** What the server side does: accept, push, drop. */
  open() {
    this.onopen?.();
  }
  push(data: unknown) {
    this.onmessage?.({ data: JSON.stringify(data) });
  }
  drop() {
    this.onclose?.();
  }
}

function fakeWindow(href: string, stored = new Map<string, string>()) {
  const win = {
    location: new URL(href),
    koe: undefined as unknown,
    history: {
      state: null,
      replaceState(_state: unknown, _title: string, url: string) {
        win.location = new URL(url, win.location.href);
      },
    },
    sessionStorage: {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    },
  };
  vi.stubGlobal('window', win);
  return { win, stored };
}

function answer(status: number, body: unknown) {
  const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('createKoeClient over the harness', () => {
  it('takes the token from the URL, removes it from the address bar and keeps it for a reload', async () => {
    const { win, stored } = fakeWindow('http://127.0.0.1:4000/?token=abc&x=1#/inbox?status=new');
    const fetchMock = answer(200, { ok: true, value: { version: '1' } });
    const client = createKoeClient();
    expect(win.location.href).toBe('http://127.0.0.1:4000/?x=1#/inbox?status=new');

    await expect(client['app:info']({})).resolves.toEqual({ version: '1' });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/bridge/call/app%3Ainfo');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['x-koe-token']).toBe('abc');
    expect(init.body).toBe('{}');

    // The reloaded page has no token in its URL and finds it in sessionStorage.
    fakeWindow('http://127.0.0.1:4000/', stored);
    createKoeClient()['app:info']({});
    expect((fetchMock.mock.calls[1][1].headers as Record<string, string>)['x-koe-token']).toBe('abc');
  });

  it('sends no body when there is no input, so the call’s default applies', async () => {
    fakeWindow('http://127.0.0.1:4000/?token=abc');
    const fetchMock = answer(200, { ok: true, value: null });
    await (createKoeClient()['session:get'] as (input?: unknown) => Promise<unknown>)();
    expect(fetchMock.mock.calls[0][1].body).toBeUndefined();
  });

  it('rejects with the envelope’s code and message, refusals included', async () => {
    fakeWindow('http://127.0.0.1:4000/?token=abc');
    answer(200, { ok: false, error: { code: 'forbidden', message: 'This needs the supervisor role.' } });
    const error = await createKoeClient()['audit:list']({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KoeCallError);
    expect(error).toMatchObject({ code: 'forbidden', message: 'This needs the supervisor role.' });

    answer(403, { ok: false, error: { code: 'forbidden_sender', message: 'This request did not come from the Koe window.' } });
    await expect(createKoeClient()['app:info']({})).rejects.toMatchObject({ code: 'forbidden_sender' });
  });

  it('rejects with a generic internal error when the bridge cannot be reached', async () => {
    fakeWindow('http://127.0.0.1:4000/?token=abc');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(createKoeClient()['app:info']({})).rejects.toMatchObject({ code: 'internal', name: 'KoeCallError' });
  });

  it('without any token refuses locally and never calls', async () => {
    fakeWindow('http://127.0.0.1:4000/');
    const fetchMock = answer(200, { ok: true, value: 1 });
    await expect(createKoeClient()['app:info']({})).rejects.toMatchObject({ code: 'forbidden_sender' });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('change events over the harness', () => {
  let client: KoeClient;
  beforeEach(() => {
    vi.useFakeTimers();
    fakeWindow('http://127.0.0.1:4000/?token=t%2Bk');
    client = createKoeClient();
  });

  it('connects on the first listener with the token and passes known topics on', () => {
    const seen: string[][] = [];
    client.onChange((e) => seen.push(e.topics));
    expect(FakeSocket.all).toHaveLength(1);
    expect(FakeSocket.all[0].url).toBe('ws://127.0.0.1:4000/bridge/events?token=t%2Bk');
    FakeSocket.all[0].open();
    FakeSocket.all[0].push({ topics: ['triage', 'bogus', 7] });
    FakeSocket.all[0].onmessage?.({ data: 'not json' });
    expect(seen).toEqual([['triage']]);
  });

  it('reconnects with a doubling delay capped at 30 s, and announces every topic after', () => {
    const seen: string[][] = [];
    client.onChange((e) => seen.push(e.topics));
    FakeSocket.all[0].open();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      FakeSocket.all.at(-1)!.drop();
      const before = FakeSocket.all.length;
      let waited = 0;
      while (FakeSocket.all.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    FakeSocket.all.at(-1)!.open();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual(expect.arrayContaining(['submissions', 'triage', 'sync', 'session']));
    // A good connection resets the delay.
    FakeSocket.all.at(-1)!.drop();
    const before = FakeSocket.all.length;
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all.length).toBe(before + 1);
  });

  it('closes the socket and stops reconnecting when the last listener leaves', () => {
    const stop = client.onChange(() => undefined);
    FakeSocket.all[0].open();
    stop();
    expect(FakeSocket.all[0].closed).toBe(true);
    FakeSocket.all[0].drop();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });
});

describe('createKoeClient in the Electron app', () => {
  it('uses window.koe and turns its plain-object rejections into KoeCallErrors', async () => {
    const { win } = fakeWindow('app://koe/');
    const onChange = vi.fn(() => () => undefined);
    win.koe = {
      'app:info': async () => ({ version: '9' }),
      'audit:list': async () => Promise.reject({ name: 'KoeError', code: 'forbidden', message: 'no' }),
      onChange,
    };
    const fetchMock = answer(200, {});
    const client = createKoeClient();
    await expect(client['app:info']({})).resolves.toEqual({ version: '9' });
    const error = await client['audit:list']({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KoeCallError);
    expect(error).toMatchObject({ code: 'forbidden', message: 'no' });
    client.onChange(() => undefined);
    expect(onChange).toHaveBeenCalledOnce();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(FakeSocket.all).toHaveLength(0);
  });
});
