// Counts that can take a while at a million opinions — a search together with another filter
// joins every hit, seconds for a very common term — run on a worker thread with a read-only
// connection of its own, so the main process (every other call, the sync) does not wait for
// them. The SQL is built on the main thread by the inbox's own query code; the worker only runs
// it. If the worker cannot answer (it could not open the file, or its key went stale after a
// key rotation), the caller counts on the main thread instead and the next count starts a new
// worker. WAL lets the worker read while the main connection writes; it sees what is committed.
import { Worker } from 'node:worker_threads';
import { keyPragmas, sqliteModulePath } from './db.js';

/** Plain JavaScript run with `eval`, so it needs no build step in the app or the tests. */
const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
let db = null;
let failed = null;
try {
  const Database = require(w.sqlite);
  db = new Database(w.path, { readonly: true, fileMustExist: true });
  for (const p of w.pragmas) db.pragma(p);
  db.prepare('SELECT count(*) FROM sqlite_master').get();
} catch (e) {
  failed = String((e && e.message) || e);
}
parentPort.on('message', (m) => {
  if (failed) return parentPort.postMessage({ id: m.id, error: failed });
  try {
    parentPort.postMessage({ id: m.id, n: db.prepare(m.sql).pluck().get(...m.params) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

export class CountWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { worker: Worker; resolve: (n: number) => void; reject: (e: Error) => void }>();
  private closed = false;
  /** While set, no worker runs and counts are refused (the caller counts on the main thread). */
  private suspended = 0;

  /** `source` gives the database file and its key when a worker starts (the key may have changed). */
  constructor(private readonly source: () => Promise<{ path: string; key: Buffer | null }>) {}

  /** Runs `SELECT count(*) …` on the worker; rejects when the worker cannot answer. */
  async count(sql: string, params: readonly unknown[]): Promise<number> {
    if (this.closed) throw new Error('the count worker is closed');
    if (this.suspended > 0) throw new Error('the count worker is paused');
    const worker = this.worker ?? (await this.start());
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.waiting.set(id, { worker, resolve, reject });
      worker.postMessage({ id, sql, params });
    });
  }

  private async start(): Promise<Worker> {
    const { path, key } = await this.source();
    if (!key) throw new Error('no database key');
    // Started while another count was waiting for the key: use the one that won.
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sqlite: sqliteModulePath(), path, pragmas: keyPragmas(key) } });
    // It must not keep the process alive on its own (a CLI run, a test).
    worker.unref();
    worker.on('message', (m: { id: number; n?: number; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error !== undefined) {
        w.reject(new Error(m.error));
        // A worker that cannot read is replaced for the next count.
        this.stop(worker);
      } else w.resolve(m.n ?? 0);
    });
    const gone = (why: string) => {
      this.failAll(new Error(why), worker);
      if (this.worker === worker) this.worker = null;
    };
    worker.once('error', (e) => gone(`the count worker failed: ${e.message}`));
    worker.once('exit', (code) => gone(`the count worker stopped (${code})`));
    this.worker = worker;
    return worker;
  }

  private stop(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }

  /** Rejects the counts waiting on `worker` (on every worker when none is named). */
  private failAll(err: Error, worker?: Worker): void {
    for (const [id, w] of this.waiting) {
      if (worker && w.worker !== worker) continue;
      w.reject(err);
      this.waiting.delete(id);
    }
  }

  /**
   * Runs `fn` with no worker connection open: a key rotation needs the database file to itself.
   * The next count after it starts a worker with the key as it is then.
   */
  async withoutWorker<T>(fn: () => Promise<T>): Promise<T> {
    this.suspended++;
    try {
      const worker = this.worker;
      this.worker = null;
      if (worker) {
        this.failAll(new Error('the count worker is paused'), worker);
        await worker.terminate();
      }
      return await fn();
    } finally {
      this.suspended--;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the count worker is closed'));
    if (worker) await worker.terminate();
  }
}
