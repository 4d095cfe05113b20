// What the email field shows. Main sends the address masked; this is the last line of defence
// should an unmasked address ever arrive in `emailMasked`: it is masked again here, because an
// address on screen before the staff member asked (and main audited) would break a promise.
import { maskEmail } from '../../../shared/email.js';

const MASK = '•';

export type EmailView =
  | { kind: 'none' }
  | { kind: 'masked'; text: string; valid: boolean }
  | { kind: 'revealed'; text: string; valid: boolean };

export function emailView(d: { hasEmail: boolean; emailMasked: string | null; emailValid: boolean }, revealed: string | null): EmailView {
  if (!d.hasEmail) return { kind: 'none' };
  if (revealed !== null) return { kind: 'revealed', text: revealed, valid: d.emailValid };
  return { kind: 'masked', text: safeMasked(d.emailMasked), valid: d.emailValid };
}

export function safeMasked(value: string | null): string {
  if (!value) return `${MASK.repeat(4)}`;
  return value.includes(MASK) ? value : maskEmail(value);
}
