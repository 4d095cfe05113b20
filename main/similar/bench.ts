// Throughput of groupBatch on a 100,000-row synthetic inbox in a real encrypted database:
//   npx tsx main/similar/bench.ts [rows] [batch]
// Prints rows/s for the whole backlog and for its last tenth (buckets are fullest then).
import { readFileSync } from 'node:fs';
import { benchInbox } from './labelled-sample.js';
import { groupPendingCount } from './queue.js';
import { bandIndex, discardBandIndex } from './band-index.js';
import { groupBatchWith } from './grouping.js';
import { DEFAULT_PARAMS } from './params.js';
import { scorePairs } from './evaluate.js';
import { groupIds, sampleDb } from './sample-db.js';

/** Time this process spent runnable but waiting for a CPU (Linux), or NaN where unknown. */
function runQueueWaitMs(): number {
  try {
    // /proc/self/schedstat: ns on CPU, ns waiting on a run queue, timeslices.
    return Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

const rows = Number(process.argv[2] ?? 100_000);
const batch = Number(process.argv[3] ?? 1000);
// Other settings to compare, e.g. SIMILAR_PARAMS='{"bands":16,"rows":4}'.
const params = { ...DEFAULT_PARAMS, ...(JSON.parse(process.env.SIMILAR_PARAMS ?? '{}') as object) };

const t0 = performance.now();
const texts = benchInbox(rows);
const t1 = performance.now();
const s = sampleDb(texts.map((t) => t.body));
if (process.env.PRAGMAS) for (const p of process.env.PRAGMAS.split(';')) s.db.pragma(p);
if (process.env.CACHE_MB) s.db.pragma(`cache_size = -${Number(process.env.CACHE_MB) * 1024}`);
const t2 = performance.now();
console.log(`generated ${rows} texts in ${((t1 - t0) / 1000).toFixed(1)} s, inserted in ${((t2 - t1) / 1000).toFixed(1)} s`);

let done = 0;
let lastTenthStart = 0;
const start = performance.now();
const cpu0 = process.cpuUsage();
const wait0 = runQueueWaitMs();
for (;;) {
  if (done >= rows * 0.9 && lastTenthStart === 0) lastTenthStart = performance.now();
  const n = groupBatchWith(s.db, batch, params);
  if (n === 0) break;
  done += n;
}
const end = performance.now();
const cpu = process.cpuUsage(cpu0);
const secs = (end - start) / 1000;
const cpuSecs = (cpu.user + cpu.system) / 1e6;
console.log(`grouped ${done} rows in ${secs.toFixed(1)} s: ${Math.round(done / secs)} rows/s (batch ${batch}); CPU ${cpuSecs.toFixed(1)} s: ${Math.round(done / cpuSecs)} rows per CPU-second`);
const waited = runQueueWaitMs() - wait0;
if (!Number.isNaN(waited)) {
  // On a shared machine the wall clock includes time spent waiting for a CPU: without it, this
  // is the figure a machine with a free core would see (disk waits are still included).
  const own = secs - waited / 1000;
  console.log(`waited ${(waited / 1000).toFixed(1)} s for a CPU (other load); without that: ${Math.round(done / own)} rows/s`);
}
console.log(`last tenth: ${Math.round((rows - Math.ceil(rows * 0.9)) / ((end - lastTenthStart) / 1000))} rows/s; pending now ${groupPendingCount(s.db)}`);
// What a restart costs: the in-memory buckets are rebuilt from the stored signatures.
discardBandIndex(s.db);
const r0 = performance.now();
const index = bandIndex(s.db, params);
console.log(`band index: ${index.size} entries, ${(index.bytes / 1e6).toFixed(1)} MB with the sketches; rebuilt from the database in ${Math.round(performance.now() - r0)} ms`);
const scores = scorePairs(texts, groupIds(s.db, s.ks));
console.log(`pairs on the bench inbox: precision ${scores.precision.toFixed(4)}, recall ${scores.recall.toFixed(4)}, groups ${scores.groups}, wrongly grouped ${scores.wronglyGrouped}, missed copies ${scores.missedCopies}`);
const size = (name: string) => (s.db.prepare(`SELECT sum(pgsize) AS n FROM dbstat WHERE name = ?`).get(name) as { n: number | null }).n ?? 0;
try {
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const sigs = size('similar_sigs') + size('sqlite_autoindex_similar_sigs_1');
  console.log(`storage: similar_sigs ${mb(sigs)} MB (${Math.round(sigs / rows)} bytes a row); submissions ${mb(size('submissions'))} MB`);
} catch {
  // dbstat is optional in SQLite builds; the figures above are what matters.
}
s.close();
