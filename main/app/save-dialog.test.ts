import { describe, expect, it, vi } from 'vitest';
import { electronSaveDialog } from './save-dialog.js';

describe("Electron's save dialog", () => {
  it('suggests the name in the default folder, over the window, and returns the chosen path', async () => {
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: '/home/sato/書類/record.csv' }));
    const win = {} as never;
    const d = electronSaveDialog({ showSaveDialog } as never, () => win, () => '/home/sato/Documents');
    await expect(d.choosePath({ suggestedName: 'koe-transfer-mhlw.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] })).resolves.toBe('/home/sato/書類/record.csv');
    expect(showSaveDialog).toHaveBeenCalledWith(win, expect.objectContaining({ defaultPath: '/home/sato/Documents/koe-transfer-mhlw.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] }));
  });

  it('returns null when the user cancels, and never lets a suggested name leave the folder', async () => {
    const showSaveDialog = vi.fn(async () => ({ canceled: true, filePath: '' }));
    const d = electronSaveDialog({ showSaveDialog } as never, () => null, () => '/docs');
    await expect(d.choosePath({ suggestedName: '../../etc/passwd', filters: [] })).resolves.toBeNull();
    expect(showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: '/docs/passwd' }));
  });
});
