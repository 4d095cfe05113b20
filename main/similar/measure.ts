// The figures behind near-duplicate grouping's settings, on the labelled sample:
//   npx tsx main/similar/measure.ts            (about a minute)
// 1. where campaign copies and look-alikes really lie (exact trigram Jaccard);
// 2. how close the 64-hash estimate is;
// 3. how likely two texts alone are grouped, by their true Jaccard, per LSH shape;
// 4. pair precision/recall of the whole pipeline (real encrypted database) per setting.
// Throughput is measured separately: npx tsx main/similar/bench.ts
import { evaluateLabelled } from './evaluate-labelled.js';
import { exactJaccard, trigramSet } from './exact-jaccard.js';
import { sketchOf } from './band-index.js';
import { fingerprint, type Fingerprint } from './fingerprint.js';
import { labelledSample, type LabelledText } from './labelled-sample.js';
import { bandKeys, estimatedJaccard } from './minhash.js';
import { DEFAULT_PARAMS, type SimilarParams } from './params.js';
import { isSameText } from './verify.js';

const texts = labelledSample();
const sets = texts.map((t) => trigramSet(t.body));
const fps = texts.map((t) => fingerprint(t.body, DEFAULT_PARAMS));

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

function composition(): void {
  const kinds = new Map<string, number>();
  for (const t of texts) kinds.set(t.kind, (kinds.get(t.kind) ?? 0) + 1);
  const campaigns = new Map<string, number>();
  for (const t of texts) if (t.kind === 'campaign') campaigns.set(t.label, (campaigns.get(t.label) ?? 0) + 1);
  console.log(`## Labelled sample: ${texts.length} texts`);
  console.log(`kinds: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`campaigns: ${[...campaigns].map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
}

interface Pair {
  i: number;
  j: number;
  exact: number;
  same: boolean;
}

/** Every pair with its exact Jaccard (negatives below 0.2 are left out: they never matter). */
function allPairs(): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const same = texts[i].label === texts[j].label;
      const exact = exactJaccard(sets[i], sets[j]);
      if (same || exact >= 0.2) pairs.push({ i, j, exact, same });
    }
  }
  return pairs;
}

function quantiles(xs: number[], qs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return qs.map((q) => `p${q * 100}=${f3(s[Math.min(s.length - 1, Math.floor(q * s.length))])}`).join(' ');
}

function distribution(pairs: Pair[]): void {
  console.log('## Exact trigram Jaccard of pairs');
  const pos = pairs.filter((p) => p.same).map((p) => p.exact);
  console.log(`copies of one campaign (${pos.length} pairs): ${quantiles(pos, [0.01, 0.05, 0.1, 0.25, 0.5])}`);
  const neg = new Map<string, number[]>();
  for (const p of pairs) {
    if (p.same) continue;
    const kind = [texts[p.i].kind, texts[p.j].kind].sort().join('–');
    if (!neg.has(kind)) neg.set(kind, []);
    neg.get(kind)!.push(p.exact);
  }
  console.log('different opinions (pairs at ≥0.4 / ≥0.5 / ≥0.6, and the highest):');
  for (const [kind, xs] of [...neg].sort()) {
    const at = (t: number) => xs.filter((x) => x >= t).length;
    console.log(`  ${kind}: ${at(0.4)} / ${at(0.5)} / ${at(0.6)}, max ${f3(Math.max(...xs))}`);
  }
  console.log('');
}

function estimateError(pairs: Pair[]): void {
  // Every text here, short ones included: the estimate itself does not care about length.
  const all = texts.map((t) => fingerprint(t.body, { ...DEFAULT_PARAMS, minChars: 3 }));
  const errs = pairs
    .filter((p, n) => n % 7 === 0 && all[p.i] && all[p.j])
    .map((p) => Math.abs(estimatedJaccard(all[p.i]!.sig, all[p.j]!.sig) - p.exact));
  const mean = errs.reduce((a, b) => a + b, 0) / errs.length;
  console.log(`## MinHash estimate (64 hashes, 16-bit) vs exact, ${errs.length} pairs`);
  console.log(`mean |error| ${f3(mean)}, ${quantiles(errs, [0.5, 0.9, 0.99])}\n`);
}

const SHAPES: readonly (readonly [number, number])[] = [
  [16, 4],
  [12, 4],
  [8, 4],
  [12, 3],
  [10, 3],
  [8, 3],
  [6, 3],
];

/** Would these two texts, alone in the inbox, be grouped? (A shared bucket, the in-memory
 * sketch, then verification.) */
function pairGrouped(a: Fingerprint, b: Fingerprint, p: SimilarParams): boolean {
  const ka = bandKeys(a.sig, p.bands, p.rows);
  const kb = bandKeys(b.sig, p.bands, p.rows);
  const [sa, sb] = [sketchOf(a.sig), sketchOf(b.sig)];
  const sketchAgrees = sa.filter((v, i) => v === sb[i]).length >= p.sketchMin;
  return ka.some((k, i) => k === kb[i]) && sketchAgrees && isSameText(a, b, p);
}

function pairCurve(pairs: Pair[]): void {
  const bins = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];
  console.log('## Chance that two texts alone are grouped, by exact Jaccard (threshold, minShared as chosen)');
  console.log(`shape  | ${bins.slice(0, -1).map((b, i) => `${b.toFixed(1)}–${bins[i + 1] > 1 ? '1.0' : bins[i + 1].toFixed(1)}`).join(' | ')}`);
  for (const [bands, rows] of SHAPES) {
    const p = { ...DEFAULT_PARAMS, bands, rows };
    const cells = bins.slice(0, -1).map((lo, b) => {
      const inBin = pairs.filter((x) => x.exact >= lo && x.exact < bins[b + 1] && fps[x.i] && fps[x.j]);
      if (inBin.length === 0) return '  –  ';
      return pct(inBin.filter((x) => pairGrouped(fps[x.i]!, fps[x.j]!, p)).length / inBin.length).padStart(5);
    });
    console.log(`${bands}×${rows}`.padEnd(6) + ' | ' + cells.join(' | '));
  }
  console.log('');
}

function grid(sample: readonly LabelledText[]): void {
  console.log('## Whole pipeline on the labelled sample (real encrypted database)');
  console.log('shape  thr   minShared | precision recall | wrongly grouped texts, campaign copies left out | CPU ms');
  for (const [bands, rows] of SHAPES) {
    for (const threshold of [0.5, 0.55, 0.6]) {
      for (const minShared of [0, 30]) {
        const p = { ...DEFAULT_PARAMS, bands, rows, threshold, minShared };
        const r = evaluateLabelled(sample, p);
        const chosen = bands === DEFAULT_PARAMS.bands && rows === DEFAULT_PARAMS.rows && threshold === DEFAULT_PARAMS.threshold && minShared === DEFAULT_PARAMS.minShared;
        console.log(
          `${`${bands}×${rows}`.padEnd(6)} ${threshold.toFixed(2)}  ${String(minShared).padStart(9)} | ${f3(r.scores.precision).padStart(9)} ${f3(r.scores.recall).padStart(6)} | ${String(r.scores.wronglyGrouped).padStart(15)}, ${String(r.scores.missedCopies).padStart(4)} | ${String(Math.round(r.cpuMs)).padStart(6)}${chosen ? '   ← chosen' : ''}`,
        );
      }
    }
  }
  console.log('');
}

function limits(sample: readonly LabelledText[]): void {
  console.log('## In-memory sketch: values of 16 that must agree before a candidate is read');
  console.log(
    [0, 4, 5, 6]
      .map((sketchMin) => {
        const r = evaluateLabelled(sample, { ...DEFAULT_PARAMS, sketchMin });
        return `${sketchMin}: P ${f3(r.scores.precision)} R ${f3(r.scores.recall)}`;
      })
      .join(' | '),
  );
  console.log('## Candidates read per bucket × candidates verified per row (chosen shape and threshold)');
  for (const bucketLimit of [2, 4, 8]) {
    const cells = [4, 8, 16].map((maxVerify) => {
      const r = evaluateLabelled(sample, { ...DEFAULT_PARAMS, bucketLimit, maxVerify });
      return `verify ${maxVerify}: P ${f3(r.scores.precision)} R ${f3(r.scores.recall)}`;
    });
    console.log(`bucket ${bucketLimit}: ${cells.join(' | ')}`);
  }
  console.log('');
}

composition();
const pairs = allPairs();
distribution(pairs);
estimateError(pairs);
pairCurve(pairs);
grid(texts);
limits(texts);
const chosen = evaluateLabelled(texts, DEFAULT_PARAMS);
console.log('## Chosen settings');
console.log(JSON.stringify(DEFAULT_PARAMS));
console.log(
  `precision ${f3(chosen.scores.precision)}, recall ${f3(chosen.scores.recall)} (${chosen.scores.correctPairs} of ${chosen.scores.truePairs} campaign pairs; ${chosen.scores.predictedPairs} pairs grouped), ${chosen.scores.groups} groups, ${chosen.scores.wronglyGrouped} texts wrongly grouped, ${chosen.scores.missedCopies} campaign copies left out`,
);
