// The sandboxed preload: exposes `window.koe` and nothing else. Never `ipcRenderer` itself —
// with it a compromised page could send on any channel. Bundled to one CommonJS file for the
// sandbox, so it imports only `electron`, shared/ and its pure sibling.
import { contextBridge, ipcRenderer } from 'electron';
import { bridgeSafe, buildPreloadApi } from './preload-api.js';

export { buildPreloadApi } from './preload-api.js';

const api = buildPreloadApi(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (channel, listener) => {
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
);

contextBridge.exposeInMainWorld('koe', bridgeSafe(api));
