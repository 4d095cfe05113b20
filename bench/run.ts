// `npm run bench`: Koe's sync, inbox queries, store opening and crash safety, each figure beside
// its floor measured in the same run on the same machine. Not part of `npm test`: the full run
// (100k and 1M submissions, 200 crash iterations) takes a while and needs a few GB in tmpdir.
//
//   npm run bench                      everything (sync 100k + 1M, queries/open at 1M, crash ×200)
//   npm run bench -- --quick           sync 10k + 100k, queries/open at 100k, crash ×25
//   npm run bench -- --only queries    one section (sync, queries, open, crash, reports, renderer; comma-separated)
//
// Progress goes to stderr; the table to stdout; the results as JSON (and the table as Markdown)
// to bench/results/<date>.json (git-ignored). It runs from a copy of the sources (snapshot.ts),
// so editing the tree meanwhile does not mix two versions of Koe into one run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureCrashLoop } from './crash.js';
import { measureRawIngest } from './floor.js';
import { describeMachine, machineLines } from './machine.js';
import { measureOpen } from './open.js';
import { measureQueries, TERMS } from './queries.js';
import { measureReports } from './reports.js';
import { measureWorkspaceInBrowser } from './renderer.js';
import { measureKoeSync } from './sync.js';
import { resultsDir, runFromSnapshot } from './snapshot.js';
import { syncRows } from './sync-rows.js';
import { failures, renderTable, type Row } from './table.js';
import { label, progress, removeAllDirs, removeDir, type StoreFiles } from './workspace.js';

const SECTIONS = ['sync', 'queries', 'open', 'crash', 'reports', 'renderer'] as const;
type Section = (typeof SECTIONS)[number];

function options() {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string', multiple: true } } });
  const only = (values.only ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  for (const s of only) if (!SECTIONS.includes(s as Section)) throw new Error(`--only: unknown section ${s} (one of ${SECTIONS.join(', ')})`);
  return {
    quick: values.quick ?? false,
    sections: new Set<Section>(only.length ? (only as Section[]) : SECTIONS),
  };
}

/** Display order: the issue's sections first, whatever order they ran in. */
const DISPLAY: readonly string[] = ['sync', 'queries', 'open', 'crash', 'reports', 'renderer', 'process'];

async function main(): Promise<number> {
  const opts = options();
  const sizes = opts.quick ? [10_000, 100_000] : [100_000, 1_000_000];
  const largest = sizes[sizes.length - 1];
  const crashIterations = opts.quick ? 25 : 200;
  const machine = describeMachine();
  const bySection = new Map<string, Row[]>();
  const t0 = performance.now();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = resultsDir();
  mkdirSync(outDir, { recursive: true });
  const allRows = () => DISPLAY.flatMap((name) => bySection.get(name) ?? []);
  // Written after every section, so an interrupted or failed run keeps what it measured.
  const saveJson = () =>
    writeFileSync(join(outDir, `${stamp}.json`), JSON.stringify({ machine, quick: opts.quick, sections: [...opts.sections], sizes, terms: TERMS, seconds: (performance.now() - t0) / 1000, rows: allRows() }, null, 2));
  /** A section that throws becomes a failed row; the others still run. */
  const run = async (name: Section, fn: () => Row[] | Promise<Row[]>) => {
    if (!opts.sections.has(name)) return;
    try {
      bySection.set(name, [...(bySection.get(name) ?? []), ...(await fn())]);
    } catch (err) {
      progress(`${name} failed: ${(err as Error).stack ?? String(err)}`);
      bySection.set(name, [...(bySection.get(name) ?? []),
        { section: name, measure: `section failed: ${(err as Error).message.slice(0, 60)}…`, value: null, unit: 'count', target: { kind: 'exactly', expected: 0 }, detail: { error: (err as Error).message } }]);
    }
    saveJson();
  };
  progress(`Koe bench${opts.quick ? ' (quick)' : ''}: ${[...opts.sections].join(', ')}`);

  // The crash loop first: its child processes load the code from disk when they start, so the
  // sooner they run, the less chance that the files changed since this process loaded them.
  await run('crash', () => measureCrashLoop(crashIterations));

  // The largest synced store is kept for the query and open sections.
  let big: StoreFiles | null = null;
  await run('sync', async () => {
    const rows: Row[] = [];
    for (const n of sizes) {
      const koe = await measureKoeSync(n);
      if (n === largest) big = koe.store;
      const rowsFloor = measureRawIngest(n, false);
      const ftsFloor = measureRawIngest(n, true);
      rows.push(...syncRows(koe, rowsFloor, ftsFloor));
      if (n !== largest) removeDir(koe.store.dir);
    }
    return rows;
  });
  if (!big && (opts.sections.has('queries') || opts.sections.has('open'))) {
    progress(`building a synced and indexed ${label(largest)} store for the queries`);
    big = (await measureKoeSync(largest)).store;
  }
  const store = big as StoreFiles | null;
  if (store) {
    await run('queries', () => measureQueries(store, largest));
    await run('open', () => measureOpen(store, largest));
    removeDir(store.dir);
  }
  await run('reports', () => measureReports(largest));
  // The workspace in Chromium with 100,000 opinions (issue: "with 100,000 submissions"), 10,000 in --quick.
  await run('renderer', () => measureWorkspaceInBrowser(opts.quick ? 10_000 : 100_000));
  bySection.set('process', [{ section: 'process', measure: 'peak resident memory (whole run)', value: process.resourceUsage().maxRSS / 1024, unit: 'MB' }]);
  saveJson();

  const rows = allRows();
  const table = renderTable(rows);
  const failed = failures(rows);
  const header = machineLines(machine);
  const footer = [
    `floors: raw better-sqlite3 on the same encrypted schema and pragmas, pages of 500, no HTTP or validation (DB time only);`,
    `        queries: hand-written statements prepared once; open: an unencrypted copy with the same pragmas.`,
    `search terms: rare ${TERMS.rare}, common ${TERMS.common}, 2-char ${TERMS.short} and ${TERMS.shortAbsent} (no hits). Query figures are p95 of ≥50 runs after warm-up.`,
    failed.length ? `${failed.length} target(s) failed: ${failed.map((r) => r.measure.trim()).join('; ')}` : 'all targets met',
  ];
  process.stdout.write(`\n${header.join('\n')}\n\n${table}\n\n${footer.join('\n')}\n`);
  writeFileSync(join(outDir, `${stamp}.md`), `${header.map((l) => `    ${l}`).join('\n')}\n\n\`\`\`\n${table}\n\`\`\`\n\n${footer.join('\n\n')}\n`);
  progress(`results: bench/results/${stamp}.json`);
  return failed.length ? 1 : 0;
}

const fromCopy = await runFromSnapshot();
if (fromCopy !== null) {
  process.exitCode = fromCopy;
} else {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      removeAllDirs();
      process.exit(130);
    });
  }
  await main()
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    })
    .finally(removeAllDirs);
}
