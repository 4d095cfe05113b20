// Data safety commands: backup, restore, rekey, audit verify / export. Each change is written to
// the audit log with the operating-system user who ran it.
import { closeSync, existsSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { appendAudit, verifyAudit } from '../store/audit.js';
import { dbPath } from '../store/open-store.js';
import { auditCsv } from '../safety/audit-export.js';
import { createBackup, writeBackup } from '../safety/backup.js';
import { rekeyDatabase } from '../safety/rekey.js';
import { restoreFromBackup } from '../safety/restore.js';
import { str, UsageError, type Command } from './command.js';

const actor = () => `cli:${userInfo().username}`;

/** Writes a new file only (never over an existing one), 0600, flushed. */
function writeNewFile(path: string, content: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export const safetyCommands: Command[] = [
  {
    name: 'backup',
    usage: ['backup [--out FILE] [--json]              encrypted backup (default: the data dir\'s backups/, oldest pruned)'],
    options: { out: { type: 'string' }, json: { type: 'boolean' } },
    run: (ctx) =>
      ctx.withStore((db) => {
        const out = str(ctx.values.out);
        let summary: Record<string, unknown>;
        if (out) {
          const target = resolve(out);
          if (existsSync(target)) throw new UsageError(`${out} already exists; choose a new file name`);
          const r = writeBackup(db, target);
          summary = { file: target, bytes: r.bytes, ms: Math.round(r.ms) };
        } else {
          const b = createBackup(db, ctx.dataDir);
          summary = { file: b.path, bytes: b.bytes, ms: Math.round(b.ms) };
        }
        appendAudit(db, { actor: actor(), action: 'backup_created', detail: { name: basename(String(summary.file)), bytes: summary.bytes } });
        if (ctx.values.json) ctx.out(JSON.stringify(summary));
        else ctx.err(`backup written: ${String(summary.file)} (${String(summary.bytes)} bytes)`);
        return 0;
      }),
  },
  {
    name: 'restore',
    usage: ['restore FILE [--json]                     checks FILE, keeps the current database aside, restores'],
    options: { json: { type: 'boolean' } },
    run: async (ctx) => {
      const file = ctx.args[0];
      if (!file) throw new UsageError('usage: koe restore FILE');
      const r = await restoreFromBackup(resolve(file), { dataDir: ctx.dataDir, keys: ctx.keys(), actor: actor() });
      const summary = { restored: basename(file), schema: r.backup?.schema, submissions: r.backup?.submissions, kept_as: r.keptAs, carried_over: r.carriedOver, lost: r.lost.length };
      for (const item of r.lost) ctx.err(`koe: not carried over: ${item.submissionId} ${item.action} ${item.detail}`);
      if (ctx.values.json) ctx.out(JSON.stringify(summary));
      else ctx.err(`restored ${basename(file)}; the previous database is kept in ${r.keptAs || '(none)'}; ${r.carriedOver} unsent actions carried over`);
      return 0;
    },
  },
  {
    name: 'rekey',
    usage: ['rekey [--json]                            rotates the database key (and re-encrypts the backups)'],
    options: { json: { type: 'boolean' } },
    run: (ctx) =>
      ctx.withStore(async (db) => {
        const r = await rekeyDatabase(db, { dataDir: ctx.dataDir, path: dbPath(ctx.dataDir), keys: ctx.keys(), actor: actor() });
        for (const name of r.backupsNotRekeyed) ctx.err(`koe: warning: backup ${name} could not be re-encrypted and no longer opens`);
        if (ctx.values.json) ctx.out(JSON.stringify({ ms: r.ms, backups_rekeyed: r.backupsRekeyed, backups_not_rekeyed: r.backupsNotRekeyed.length }));
        else ctx.err(`key rotated in ${r.ms} ms; ${r.backupsRekeyed} backups re-encrypted`);
        return 0;
      }),
  },
  {
    name: 'audit',
    usage: ['audit verify [--json]                     checks the audit log\'s hash chain', 'audit export --out FILE                   the audit log as CSV'],
    options: { out: { type: 'string' }, json: { type: 'boolean' } },
    run: (ctx) => {
      const sub = ctx.args[0];
      if (sub === 'verify') {
        return ctx.withStore((db) => {
          const r = verifyAudit(db);
          if (ctx.values.json) ctx.out(JSON.stringify(r));
          if (!r.ok) {
            ctx.err(`koe: audit log: ${r.problem}`);
            return 1;
          }
          if (!ctx.values.json) ctx.err(`audit log intact (${r.entries} entries)`);
          return 0;
        });
      }
      if (sub === 'export') {
        const out = str(ctx.values.out);
        if (!out) throw new UsageError('usage: koe audit export --out FILE');
        if (existsSync(out)) throw new UsageError(`${out} already exists; choose a new file name`);
        return ctx.withStore((db) => {
          const { csv, entries } = auditCsv(db);
          writeNewFile(out, csv);
          appendAudit(db, { actor: actor(), action: 'audit_exported', detail: { entries, file: basename(out) } });
          if (ctx.values.json) ctx.out(JSON.stringify({ file: resolve(out), entries }));
          else ctx.err(`${entries} audit entries written to ${out}`);
          return 0;
        });
      }
      throw new UsageError('usage: koe audit verify | koe audit export --out FILE');
    },
  },
];
