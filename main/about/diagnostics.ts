// "Copy diagnostics": the text a staff member pastes into a ticket for IT. It is built only from
// facts about the installation — versions, signature state, policy, settings, counts, times —
// never from what the store holds about people: no opinion text, no email address, no name of a
// citizen or of the staff member, no tag or note, no audit entry, no server error text (which
// may quote a record). Paths under the user's home folder lose the user name.
import type { BuildFacts, PolicyFacts, SettingRow, UpdateStatus } from '../../shared/contract-admin.js';

export interface StoreCounts {
  schemaVersion: number;
  submissions: number;
  pendingEvents: number;
  /** Per outbox table other than the event outbox (e.g. mail_outbox, transfer_outbox). */
  otherOutboxes: Record<string, number>;
  quarantined: number;
  indexPending: number;
  databaseBytes: number | null;
}

export interface DiagnosticsFacts {
  generatedAt: string;
  build: BuildFacts;
  os: { platform: string; release: string; arch: string };
  dataDir: string;
  /** The user's home folder, replaced by ~ wherever it appears in a path. */
  home: string | null;
  keyStore: string | null;
  policy: PolicyFacts;
  settings: readonly SettingRow[];
  store: StoreCounts | null;
  sync: { lastSyncAt: string | null; phase: string; running: boolean; offline: boolean; failing: boolean; sessionExpired: boolean };
  updates: UpdateStatus;
}

export function redactHome(text: string, home: string | null): string {
  if (!home || home.length < 2) return text;
  const variants = new Set([home, home.replace(/\\/g, '/'), home.replace(/\//g, '\\')]);
  let out = text;
  for (const v of variants) out = out.split(v).join('~');
  return out;
}

function settingValue(row: SettingRow): string {
  if (row.value === null) return '(not set)';
  return typeof row.value === 'string' ? row.value : String(row.value);
}

function updateLine(u: UpdateStatus): string {
  switch (u.state) {
    case 'off':
      return `off (${u.reason})`;
    case 'downloading':
      return `downloading ${u.version} (${u.percent}%)`;
    case 'ready':
      return `ready to install: ${u.version}`;
    case 'error':
      return 'last check failed';
    default:
      return u.state;
  }
}

export function diagnosticsText(f: DiagnosticsFacts): string {
  const b = f.build;
  const signature = { signed: 'signed', unsigned: 'UNSIGNED', 'checksum-only': 'not code-signed (Linux; verify with SHA256SUMS)', development: 'development build (not packaged)' }[b.signing];
  const lines = [
    'Koe diagnostics',
    `generated: ${f.generatedAt}`,
    '',
    '[build]',
    `version: ${b.appVersion}`,
    `signature: ${signature}`,
    `fuses: ${b.fuses ?? 'n/a'}`,
    `built: ${b.builtAt ?? 'n/a'}${b.commit ? ` (${b.commit.slice(0, 12)})` : ''}`,
    `electron: ${b.electron ?? 'n/a'}, chrome: ${b.chrome ?? 'n/a'}, node: ${b.node}`,
    `os: ${f.os.platform} ${f.os.release} ${f.os.arch}`,
    '',
    '[data]',
    `data dir: ${f.dataDir}`,
    `key store: ${f.keyStore ?? 'unknown'}`,
  ];
  if (f.store) {
    const s = f.store;
    lines.push(
      `schema: ${s.schemaVersion}`,
      `database size: ${s.databaseBytes === null ? 'unknown' : `${s.databaseBytes} bytes`}`,
      `opinions: ${s.submissions}`,
      `pending events: ${s.pendingEvents}`,
      ...Object.entries(s.otherOutboxes).map(([table, n]) => `pending ${table}: ${n}`),
      `quarantined: ${s.quarantined}`,
      `waiting for the search index: ${s.indexPending}`,
    );
  }
  lines.push(
    '',
    '[sync]',
    `last sync: ${f.sync.lastSyncAt ?? 'never'}`,
    `state: ${f.sync.running ? `running (${f.sync.phase})` : f.sync.phase}${f.sync.offline ? ', offline' : ''}${f.sync.failing ? ', last sync failed' : ''}${f.sync.sessionExpired ? ', session expired' : ''}`,
    '',
    '[updates]',
    `updates: ${updateLine(f.updates)}`,
    '',
    '[policy]',
    `source: ${f.policy.source ?? 'none'}`,
    `sets: ${f.policy.settings.length ? f.policy.settings.join(', ') : 'nothing'}`,
    `invalid (defaults apply): ${f.policy.invalid.length ? f.policy.invalid.join(', ') : 'none'}`,
    '',
    '[settings]',
    ...f.settings.map((r) => `${r.name} = ${settingValue(r)} (${r.source}${r.locked ? ', locked' : ''}${r.invalidInPolicy ? ', invalid in policy' : ''})`),
    '',
  );
  return redactHome(lines.join('\n'), f.home);
}
