// The safety commands as IT runs them, in a real child process on a real encrypted store:
// backup (encrypted, opens only with the key), restore (checked first, old file kept), rekey,
// audit verify (detects an edited, deleted or reordered entry on a tampered copy) and export.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../store/audit.js';
import { openDatabase, type Db } from '../store/db.js';
import { AUDIT_CSV_HEADER } from './audit-export.js';
import { act, audit, CANARY_BODY, CANARY_EMAIL, flipBytes, outboxIds, seededStore, type SeededStore } from './testing/seeded-store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

let s: SeededStore;
let keyFile: string;

function koe(args: string[], o: { dataDir?: string; keyFile?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, join(ROOT, 'main', 'cli.ts'), ...args, '--data-dir', o.dataDir ?? s.dataDir],
      { env: { ...process.env, KOE_DB_KEY_FILE: o.keyFile ?? keyFile } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const json = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
const key = () => Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
async function withDb<T>(dataDir: string, fn: (db: Db) => T): Promise<T> {
  const db = openDatabase({ path: join(dataDir, 'koe.db'), key: key() });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  s = await seededStore({ submissions: 50, prefix: 'koe-cli-safety-' });
  keyFile = join(s.dir, 'db.key');
  act(s.db, s.ids[3], 'cli-pending');
  for (const id of s.ids.slice(0, 4)) audit(s.db, 'email_revealed', { submission_id: id });
  s.db.close();
});
afterAll(() => rmSync(s.dir, { recursive: true, force: true }));

describe('koe backup / restore', () => {
  it('backup --out writes an encrypted file that opens only with the key, and logs it', async () => {
    const out = join(s.dir, 'manual.kbak');
    const r = await koe(['backup', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ file: out });
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(bytes.includes(Buffer.from(CANARY_EMAIL))).toBe(false);
    expect(bytes.includes(Buffer.from(CANARY_BODY.slice(0, 10)))).toBe(false);
    const db = openDatabase({ path: out, key: key(), readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM submissions').pluck().get()).toBe(50);
    db.close();
    expect(() => openDatabase({ path: out, key: Buffer.alloc(32, 7), readonly: true })).toThrow(/wrong key/);
    expect(await withDb(s.dataDir, (d) => listAudit(d, 1)[0].action)).toBe('backup_created');
    // Never over an existing file.
    expect((await koe(['backup', '--out', out])).code).toBe(2);
  });

  it('backup without --out goes to the data dir\'s backups folder', async () => {
    const r = await koe(['backup', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(String(json(r.stdout).file)).toContain(join(s.dataDir, 'backups', 'koe-'));
  });

  it('restore FILE brings the backup back, keeps the old database aside and carries unsent work over', async () => {
    const backup = join(s.dir, 'before-change.kbak');
    expect((await koe(['backup', '--out', backup])).code).toBe(0);
    const later = await withDb(s.dataDir, (d) => {
      d.prepare("UPDATE submissions SET subject = 'after' WHERE id = ?").run(s.ids[0]);
      return act(d, s.ids[9], 'made-after-the-backup');
    });
    const r = await koe(['restore', backup, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = json(r.stdout);
    expect(summary).toMatchObject({ restored: 'before-change.kbak', carried_over: 1, lost: 0 });
    expect(existsSync(join(s.dataDir, String(summary.kept_as), 'koe.db'))).toBe(true);
    await withDb(s.dataDir, (d) => {
      expect(d.prepare('SELECT subject FROM submissions WHERE id = ?').pluck().get(s.ids[0])).toBeNull();
      expect(outboxIds(d)).toContain(later);
      expect(listAudit(d, 1)[0]).toMatchObject({ action: 'database_restored' });
    });
  });

  it('restore of a damaged file fails with exit 1, says why and changes nothing', async () => {
    const bad = join(s.dir, 'bad.kbak');
    expect((await koe(['backup', '--out', bad])).code).toBe(0);
    flipBytes(bad, Math.floor(statSync(bad).size / 2), 64);
    const before = readFileSync(join(s.dataDir, 'koe.db'));
    const r = await koe(['restore', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^koe: bad\.kbak is damaged/);
    expect(readFileSync(join(s.dataDir, 'koe.db'))).toEqual(before);
  });
});

describe('koe rekey', () => {
  it('rotates the key: the old key no longer opens the database, the new one does', async () => {
    const oldKey = key();
    const r = await koe(['rekey', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ backups_rekeyed: 1, backups_not_rekeyed: 0 });
    expect(key().equals(oldKey)).toBe(false);
    expect(() => openDatabase({ path: join(s.dataDir, 'koe.db'), key: oldKey, readonly: true })).toThrow(/wrong key/);
    await withDb(s.dataDir, (d) => expect(listAudit(d, 1)[0].action).toBe('rekey'));
    const doctor = await koe(['doctor']);
    expect(doctor.code, doctor.stdout).toBe(0);
  });
});

describe('koe audit', () => {
  it('verify: an intact log exits 0', async () => {
    const r = await koe(['audit', 'verify', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ ok: true });
  });

  /** A copy of the data dir whose audit log was changed behind Koe's back (triggers dropped). */
  async function tamperedCopy(name: string, tamper: (db: Db) => void): Promise<string> {
    const copy = join(s.dir, `tampered-${name}`);
    cpSync(s.dataDir, copy, { recursive: true });
    await withDb(copy, (db) => {
      // The triggers refuse UPDATE and DELETE; a tamperer drops them first.
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      tamper(db);
    });
    return copy;
  }

  it.each([
    ['edited', (db: Db) => db.prepare(`UPDATE audit_log SET detail = '{"submission_id":"S-OTHER"}' WHERE seq = 3`).run(), /entry 3 was edited/],
    ['deleted', (db: Db) => db.prepare('DELETE FROM audit_log WHERE seq = 3').run(), /entry 3 is missing/],
    [
      'reordered',
      (db: Db) => {
        const [a, b] = db.prepare('SELECT * FROM audit_log WHERE seq IN (2, 3) ORDER BY seq').all() as Record<string, unknown>[];
        const put = db.prepare('UPDATE audit_log SET at = ?, actor = ?, action = ?, detail = ?, prev_hash = ?, hash = ? WHERE seq = ?');
        put.run(b.at, b.actor, b.action, b.detail, b.prev_hash, b.hash, 2);
        put.run(a.at, a.actor, a.action, a.detail, a.prev_hash, a.hash, 3);
      },
      /entry 2 does not follow/,
    ],
  ])('verify: a log with an entry %s exits 1 and names it', async (name, tamper, problem) => {
    const copy = await tamperedCopy(name, tamper);
    const r = await koe(['audit', 'verify'], { dataDir: copy });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(problem);
  });

  it('export --out FILE writes the whole log as CSV (0600), and the export is logged', async () => {
    const entries = await withDb(s.dataDir, (d) => d.prepare('SELECT count(*) FROM audit_log').pluck().get() as number);
    const out = join(s.dir, 'audit.csv');
    const r = await koe(['audit', 'export', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ entries });
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = csv.slice(1).trimEnd().split('\r\n');
    expect(rows[0]).toBe(AUDIT_CSV_HEADER.join(','));
    expect(rows).toHaveLength(entries + 1);
    expect(rows.some((l) => l.includes('email_revealed') && l.includes(s.ids[2]))).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    await withDb(s.dataDir, (d) => {
      const [last] = listAudit(d, 1);
      expect(last.action).toBe('audit_exported');
      expect(JSON.parse(last.detail)).toMatchObject({ entries });
    });
    expect((await koe(['audit', 'export', '--out', out])).code).toBe(2);
  });
});

describe('audit CSV cells', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', async () => {
    const { csvCell } = await import('./audit-export.js');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });
});
