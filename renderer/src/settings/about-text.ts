// What the About box says, as plain functions of main's answers (tested without React).
import type { BuildSigning, SettingRow, UpdateStatus } from '../../../shared/contract-admin.js';
import type { MessageKey } from '../i18n/ja.js';
import type { Vars } from '../i18n/translate.js';

type T = (key: MessageKey, vars?: Vars) => string;

export function signingText(signing: BuildSigning, t: T): string {
  return t(`about.signing.${signing}`);
}

export function updateText(status: UpdateStatus, t: T): string {
  switch (status.state) {
    case 'off':
      return t(`about.update.off.${status.reason}`);
    case 'downloading':
      return t('about.update.downloading', { version: status.version, percent: status.percent });
    case 'ready':
      return t('about.update.ready', { version: status.version });
    case 'error':
      return t('about.update.error', { message: status.message });
    default:
      return t(`about.update.${status.state}`);
  }
}

/** Main's answer changes while an update is being looked for or downloaded. */
export function updateInProgress(status: UpdateStatus | undefined): boolean {
  return status?.state === 'checking' || status?.state === 'downloading';
}

export function canCheckNow(status: UpdateStatus | undefined): boolean {
  return status?.state === 'idle' || status?.state === 'up-to-date' || status?.state === 'error';
}

export function settingValueText(row: SettingRow, t: T): string {
  if (row.value === null || row.value === '') return t('about.notSet');
  if (typeof row.value === 'boolean') return t(row.value ? 'about.on' : 'about.off');
  return String(row.value);
}

export function settingSourceText(row: SettingRow, t: T): string {
  if (row.invalidInPolicy) return t('about.invalidInPolicy');
  return t(`about.source.${row.source}`);
}

export function lockText(row: SettingRow, t: T): string | null {
  return row.locked ? t('about.locked', { source: row.lockedBy ?? t('about.source.policy') }) : null;
}
