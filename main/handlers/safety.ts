// Data safety calls while the database is open: its health, backups, key rotation, the audit
// log's check and export. The recovery calls are answered by the safe-services wrapper
// (main/safety/safe-services.ts), which can close and replace the database; here they only say
// that there is nothing to recover.
import { KoeError } from '../../shared/contract-kit.js';
import type { BackupInfo, SafetyStatus } from '../../shared/contract-safety.js';
import type { KeyProvider } from '../keys/key-provider.js';
import { appendAudit, verifyAudit } from '../store/audit.js';
import { StoreError } from '../store/db.js';
import { dbPath } from '../store/open-store.js';
import { auditCsv } from '../safety/audit-export.js';
import { createBackupInBackground, DEFAULT_BACKUP_RETENTION, listBackups } from '../safety/backup.js';
import { rekeyDatabase, RekeyError } from '../safety/rekey.js';
import { describeStartupFailure } from '../safety/startup-checks.js';
import { storeGuard } from '../safety/write-guard.js';
import { requireStaff, type HandlerGroup, type ServiceState } from './context.js';
import { handOver } from './save-dialog.js';

export interface SafetyOptions {
  dataDir: string;
  keys: KeyProvider;
  backupRetention?: number;
}

const publicInfo = ({ name, createdAt, bytes }: BackupInfo): BackupInfo => ({ name, createdAt, bytes });

export function safetyStatus(s: ServiceState, o: SafetyOptions): SafetyStatus {
  const store = storeGuard(s.db).problem;
  const latest = listBackups(o.dataDir)[0];
  return {
    mode: store?.kind === 'corrupt' ? 'recovery' : store ? 'degraded' : 'ok',
    store,
    problem: store?.kind === 'corrupt' ? describeStartupFailure(new StoreError('corrupt', store.message)) : null,
    latestBackup: latest ? publicInfo(latest) : null,
  };
}

export function safetyHandlers(
  s: ServiceState,
  o: SafetyOptions,
): HandlerGroup<'safety:status' | 'safety:recoveryPlan' | 'safety:recover' | 'safety:backups' | 'safety:backupNow' | 'safety:rekey' | 'audit:verify' | 'audit:export'> {
  return {
    'safety:status': () => safetyStatus(s, o),
    'safety:recoveryPlan': () => null,
    'safety:recover': () => {
      throw new KoeError('conflict', 'The database is working; there is nothing to recover.');
    },
    'safety:backups': () => listBackups(o.dataDir).map(publicInfo),
    'safety:backupNow': async () => {
      const staff = requireStaff(s);
      const key = await o.keys.getKey();
      if (!key) throw new KoeError('store_unavailable', 'The database key is missing, so no backup can be made.');
      // In a worker, on its own connection: the window stays responsive however large the database.
      const b = await createBackupInBackground(dbPath(o.dataDir), key, o.dataDir, { retention: o.backupRetention ?? DEFAULT_BACKUP_RETENTION });
      appendAudit(s.db, { actor: staff.id, action: 'backup_created', detail: { name: b.name, bytes: b.bytes, ms: Math.round(b.ms) } });
      s.emit(['audit']);
      return publicInfo(b);
    },
    'safety:rekey': async () => {
      const staff = requireStaff(s);
      try {
        const rekey = () => rekeyDatabase(s.db, { dataDir: o.dataDir, path: dbPath(o.dataDir), keys: o.keys, actor: staff.id });
        // The count worker's connection would hold the file open: none while the key changes.
        const r = s.counter ? await s.counter.withoutWorker(rekey) : await rekey();
        s.emit(['audit']);
        return { ms: r.ms, backupsRekeyed: r.backupsRekeyed };
      } catch (err) {
        if (err instanceof RekeyError) throw new KoeError('conflict', `The key was not changed: ${err.message}.`);
        throw err;
      }
    },
    'audit:verify': () => {
      const r = verifyAudit(s.db);
      appendAudit(s.db, { actor: s.staff()?.id ?? null, action: 'audit_verified', detail: { ok: r.ok, entries: r.entries } });
      s.emit(['audit']);
      return { ok: r.ok, entries: r.entries, problem: r.ok ? null : r.problem };
    },
    'audit:export': async (_input, ctx) => {
      const { csv, entries } = auditCsv(s.db);
      const fileName = `koe-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      const r = await handOver({ fileName, mime: 'text/csv', bytes: Buffer.from(csv, 'utf8') }, ctx.door, s.saveDialog, () => {
        // Written before a byte leaves main: no export without its entry.
        appendAudit(s.db, { actor: s.staff()?.id ?? null, action: 'audit_exported', detail: { entries, fileName } });
        s.emit(['audit']);
      });
      return { ...r, entries };
    },
  };
}
