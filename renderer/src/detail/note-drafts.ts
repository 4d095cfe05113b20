// Unsaved note drafts per opinion, in memory only (never written to disk), so a draft survives
// moving to another opinion or an expired session — and is forgotten when the user signs out,
// so the next person at the desk never sees it.
const drafts = new Map<string, string>();

export function getDraft(id: string): string {
  return drafts.get(id) ?? '';
}

export function setDraft(id: string, text: string): void {
  if (text) drafts.set(id, text);
  else drafts.delete(id);
}

export function clearDrafts(): void {
  drafts.clear();
}
