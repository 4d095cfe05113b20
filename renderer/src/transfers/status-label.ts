// A transfer status as words; one Koe does not know is shown raw.
import type { MessageKey } from '../i18n/ja.js';
import { isMessageKey } from '../i18n/translate.js';

export function transferStatusLabel(status: string, t: (key: MessageKey) => string): string {
  const key = `transfers.status.${status}`;
  return isMessageKey(key) ? t(key) : status;
}
