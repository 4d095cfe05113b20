// Koe's first sync into a fresh encrypted store, as a new workstation does it: syncOnce()
// against the office simulator over loopback HTTP, then the background search index catching
// up (engine.catchUpIndex). Also measured: when the inbox first shows a full page, read on a
// second connection the way the renderer's queries would see it.
import type { Db } from '../main/store/db.js';
import { openDatabase } from '../main/store/db.js';
import { listInbox } from '../main/store/inbox-queries.js';
import { connect } from '../main/sync/connection.js';
import { SyncEngine } from '../main/sync/engine.js';
import { spawnSimulator } from './sim-process.js';
import { cpuSeconds, since } from './stats.js';
import { DEMO_CREDENTIALS, SIM_NOW, SIM_SEED, databaseSizeMb, freshStore, label, throttled, type StoreFiles } from './workspace.js';

export interface KoeSyncResult {
  n: number;
  /** Feed items applied (submissions, corrections and tombstones). */
  feedItems: number;
  /** Rows held after the sync (tombstoned ones are gone). */
  rows: number;
  /** syncOnce() from start to return: every row is listed in the inbox from here on. */
  syncSeconds: number;
  /** Of which inside the page transactions (validate, apply, commit); the rest is HTTP + JSON. */
  inTransactionSeconds: number;
  /** From syncOnce() start until listInbox on a second connection returned a full page. */
  firstPageSeconds: number | null;
  /** From syncOnce() start until that page held the newest 100 rows it shows once synced (the
   * feed comes oldest first, so until then the top of the inbox keeps changing). */
  newestPageSeconds: number | null;
  /** catchUpIndex() after the sync: the "indexing" state the user sees. */
  indexSeconds: number;
  /** This process's CPU time (user + system) in syncOnce, in its page transactions, and in
   * catchUpIndex. The simulator runs in its own process, so this is Koe's own work; steadier
   * than wall time on a busy machine. */
  syncCpuSeconds: number;
  inTransactionCpuSeconds: number;
  indexCpuSeconds: number;
  sizeMb: number;
  store: StoreFiles;
}

export const FIRST_PAGE = 100;
const CTX = { meId: 'st-001', seenAt: 0 };

/**
 * Times the outermost db.transaction() calls by wrapping the connection's method. Koe's code is
 * untouched; this only splits the sync's time into "applying pages" and "waiting for them".
 */
function timeTransactions(db: Db): { seconds: () => number; cpuSeconds: () => number; restore: () => void } {
  const original = db.transaction;
  let ms = 0;
  let cpuMicros = 0;
  let depth = 0;
  const timed = <A extends unknown[], R>(f: (...args: A) => R) => (...args: A): R => {
    const t0 = performance.now();
    const c0 = depth === 0 ? process.cpuUsage() : null;
    depth++;
    try {
      return f(...args);
    } finally {
      depth--;
      if (c0) {
        ms += since(t0);
        const c = process.cpuUsage(c0);
        cpuMicros += c.user + c.system;
      }
    }
  };
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const tx = original.call(db, fn);
    return Object.assign(timed(tx), {
      default: timed(tx.default),
      deferred: timed(tx.deferred),
      immediate: timed(tx.immediate),
      exclusive: timed(tx.exclusive),
    });
  }) as Db['transaction'];
  return { seconds: () => ms / 1000, cpuSeconds: () => cpuMicros / 1e6, restore: () => void (db.transaction = original) };
}

/** Watches the inbox from a second connection after each page the engine reports. */
function inboxWatcher(reader: Db) {
  // The 100th newest sort key: once it has its final value, the first page is final too
  // (rows are only added, bar a few tombstones).
  const hundredth = reader.prepare<[], { k: number }>(`SELECT k FROM submissions ORDER BY k DESC LIMIT 1 OFFSET ${FIRST_PAGE - 1}`);
  const seen: { seconds: number; k: number }[] = [];
  let firstPageSeconds: number | null = null;
  return {
    look(seconds: number) {
      if (firstPageSeconds === null && listInbox(reader, { limit: FIRST_PAGE }, CTX).items.length === FIRST_PAGE) firstPageSeconds = seconds;
      const row = hundredth.get();
      if (row) seen.push({ seconds, k: row.k });
    },
    firstPageSeconds: () => firstPageSeconds,
    newestPageSeconds(): number | null {
      const final = hundredth.get()?.k;
      return seen.find((s) => s.k === final)?.seconds ?? null;
    },
  };
}

export async function measureKoeSync(n: number): Promise<KoeSyncResult> {
  const name = `Koe sync ${label(n)}`;
  const sim = await spawnSimulator({ count: n, seed: SIM_SEED, now: SIM_NOW });
  const { db, ...store } = freshStore(`koe-${label(n)}`);
  // The second connection stands for the renderer's reads while the sync writes.
  const reader = openDatabase({ path: store.path, key: store.key, readonly: true });
  const watcher = inboxWatcher(reader);
  const client = connect(db, { baseUrl: sim.url, credentials: () => DEMO_CREDENTIALS });
  const tx = timeTransactions(db);
  const report = throttled(5000);
  let t0 = 0;
  let syncing = true;
  const engine = new SyncEngine(db, client, {
    onProgress: (p) => {
      if (syncing) watcher.look(since(t0) / 1000);
      if (p.phase === 'submissions') {
        report(() => `${name}: ${p.itemsDone.toLocaleString('en-US')} items, ${Math.round(p.itemsDone / (since(t0) / 1000)).toLocaleString('en-US')} items/s`);
      } else if (p.phase === 'indexing') {
        report(() => `${name}: indexing ${p.itemsDone.toLocaleString('en-US')} / ${(p.itemsExpected ?? 0).toLocaleString('en-US')} rows`);
      }
    },
  });
  try {
    let cpu = process.cpuUsage();
    t0 = performance.now();
    const summary = await engine.syncOnce();
    const syncSeconds = since(t0) / 1000;
    const syncCpuSeconds = cpuSeconds(process.cpuUsage(cpu));
    syncing = false;
    tx.restore();
    cpu = process.cpuUsage();
    const t1 = performance.now();
    await engine.catchUpIndex();
    const indexSeconds = since(t1) / 1000;
    const indexCpuSeconds = cpuSeconds(process.cpuUsage(cpu));
    const rows = (db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n;
    const sizeMb = databaseSizeMb(db, store.path);
    return {
      n, feedItems: summary.fetched, rows, syncSeconds, inTransactionSeconds: tx.seconds(),
      firstPageSeconds: watcher.firstPageSeconds(), newestPageSeconds: watcher.newestPageSeconds(),
      indexSeconds, syncCpuSeconds, inTransactionCpuSeconds: tx.cpuSeconds(), indexCpuSeconds, sizeMb, store,
    };
  } finally {
    tx.restore();
    client.close();
    reader.close();
    db.close();
    await sim.close();
  }
}
