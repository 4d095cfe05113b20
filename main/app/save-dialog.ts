// Electron's save dialog behind the services' SaveDialog interface (kept this thin: the
// decisions — what to save, the audit entry, writing — live in main/handlers/save-dialog.ts).
import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { SaveDialog } from '../handlers/save-dialog.js';

export function electronSaveDialog(dialog: Pick<Dialog, 'showSaveDialog'>, window: () => BrowserWindow | null, defaultDir: () => string): SaveDialog {
  return {
    async choosePath({ suggestedName, filters }) {
      // The suggested name is Koe's own (built from safe characters); only its base name is used.
      const options = { defaultPath: path.join(defaultDir(), path.basename(suggestedName)), filters, properties: ['showOverwriteConfirmation' as const] };
      const win = window();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
