// Saving a file the user asked for (an export): in the app, main asks where with the system's
// save dialog and writes the file itself, so no path ever comes from the renderer. The dialog
// is behind this interface — Electron's in main/app/save-dialog.ts, a fake in tests — and the
// browser harness, which has none, hands the bytes to the page as a download instead.
import { writeFile } from 'node:fs/promises';

export interface SaveDialog {
  /** The path the user chose, or null when they cancelled. */
  choosePath(o: { suggestedName: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
}

export interface FileToSave {
  fileName: string;
  mime: string;
  bytes: Buffer;
}

export type SaveOutcome = { outcome: 'saved'; fileName: string } | { outcome: 'cancelled'; fileName: string } | { outcome: 'download'; fileName: string; mime: string; base64: string };

/**
 * Hands a file over through the door the call came in by. `beforeHandOver` runs once the user
 * has committed (chosen a path, or asked for the download) and before any byte leaves main: the
 * audit entry for an export with personal data is written first, or the export does not happen.
 */
export async function handOver(file: FileToSave, door: 'ipc' | 'harness', dialog: SaveDialog | undefined, beforeHandOver: () => void): Promise<SaveOutcome> {
  if (door === 'harness') {
    beforeHandOver();
    return { outcome: 'download', fileName: file.fileName, mime: file.mime, base64: file.bytes.toString('base64') };
  }
  if (!dialog) throw new Error('no save dialog is wired for the app');
  const ext = file.fileName.slice(file.fileName.lastIndexOf('.') + 1);
  const path = await dialog.choosePath({ suggestedName: file.fileName, filters: [{ name: ext.toUpperCase(), extensions: [ext] }] });
  if (path === null) return { outcome: 'cancelled', fileName: file.fileName };
  beforeHandOver();
  await writeFile(path, file.bytes);
  return { outcome: 'saved', fileName: file.fileName };
}
