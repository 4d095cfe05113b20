// Numbered migrations in one ordered list, each run in a transaction and recorded in
// user_version. A database written by a newer Koe is refused and left untouched.
import type Database from 'better-sqlite3-multiple-ciphers';
import { StoreError } from '../db.js';
import { m001Initial } from './001-initial.js';
import { m002Transfers } from './002-transfers.js';
import { m003Mail } from './003-mail.js';
import { m004Reports } from './004-reports.js';
import { m005ReportsPacked } from './005-reports-packed.js';
import { m006ViewIndexes } from './006-view-indexes.js';
import { m007Similar } from './007-similar.js';
import { m008ShortTerms } from './008-short-terms.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [m001Initial, m002Transfers, m003Mail, m004Reports, m005ReportsPacked, m006ViewIndexes, m007Similar, m008ShortTerms];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StoreError(
      'newer_schema',
      `this database was written by a newer version of Koe (schema ${current}; this version knows ${latest}). Install the newer Koe; the database was not changed.`,
    );
  }
  for (const m of migrations.slice(current)) {
    try {
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } catch (err) {
      throw new StoreError('migration_failed', `migration ${m.version} (${m.name}) failed: ${(err as Error).message}. The database was left at schema ${m.version - 1}.`);
    }
  }
  return latest;
}
