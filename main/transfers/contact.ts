// Contact stripping, pure: a ministry receives the citizen's email address and age only when
// staff chose to include them for that transfer (and gave a reason). Everything that leaves
// Koe for a ministry — the CSV and anything built on it — goes through here.

/** What Koe holds about one transferred opinion. */
export interface HeldItem {
  id: string;
  receivedAt: string;
  category: string;
  theme: string | null;
  body: string;
  email: string | null;
  ageBand: string | null;
}

export interface WithoutContact {
  id: string;
  receivedAt: string;
  category: string;
  theme: string | null;
  body: string;
}
export interface WithContact extends WithoutContact {
  email: string | null;
  ageBand: string | null;
}
export type TransferItemRecord = WithoutContact | WithContact;

/** Builds the record field by field, so a field added to HeldItem later never leaks by default. */
export function itemRecord(item: HeldItem, includeContact: boolean): TransferItemRecord {
  const base: WithoutContact = { id: item.id, receivedAt: item.receivedAt, category: item.category, theme: item.theme, body: item.body };
  return includeContact ? { ...base, email: item.email, ageBand: item.ageBand } : base;
}

export function hasContact(r: TransferItemRecord): r is WithContact {
  return 'email' in r;
}
