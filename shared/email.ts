// Email addresses as citizens typed them: a practical check (an addr-spec without quoted local
// parts or address literals; internationalised domains allowed) and the masked display.

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TLD = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

export function isValidEmail(address: string | null | undefined): boolean {
  if (!address || address.length > 254 || /\s/.test(address)) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at !== address.indexOf('@')) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || domain.length > 253) return false;
  if (!labels.every((l) => LABEL.test(l))) return false;
  return TLD.test(labels[labels.length - 1]);
}

/** `someone@example.jp` → `s••••@example.jp`; something that is not an address keeps only its first character. */
export function maskEmail(address: string): string {
  const first = Array.from(address)[0] ?? '';
  const at = address.lastIndexOf('@');
  if (at <= 0) return `${first}••••`;
  return `${first}••••@${address.slice(at + 1)}`;
}
