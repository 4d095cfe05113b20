// The seeded feed also holds a few later changes to earlier submissions: office corrections
// (the same id again with a higher seq) and tombstones (retention, withdrawn, legal).
// There are few of them (about 0.5% of count), so they are planned up front.
import { rngFor } from './random.js';
import { RICH_SEED_MIN_COUNT, securityProbeIndices, type SeedParams, type SubmissionFields } from './seed.js';
import { THEMES } from './reference.js';

export type SeededChange =
  | { kind: 'tombstone'; index: number; afterIndex: number; reason: 'retention' | 'withdrawn' | 'legal' }
  | { kind: 'correction'; index: number; afterIndex: number; fix: 'theme' | 'category' | 'redact'; value: string };

const STREAM_CHANGES = 3;

/** Sorted by afterIndex: each change appears in the feed right after that base submission. */
export function planSeededChanges(p: SeedParams): SeededChange[] {
  if (p.count < RICH_SEED_MIN_COUNT) return [];
  const rng = rngFor(p.seed, STREAM_CHANGES, 0);
  const taken = new Set<number>(securityProbeIndices(p));
  const last = p.count - 1;
  const pickFree = (from: number, to: number): number => {
    for (let tries = 0; tries < 50; tries++) {
      const i = rng.between(from, to);
      if (!taken.has(i)) {
        taken.add(i);
        return i;
      }
    }
    for (let i = from; i <= to; i++) if (!taken.has(i)) return taken.add(i), i;
    return -1;
  };
  const changes: SeededChange[] = [];
  const tombstones = Math.max(3, Math.round(p.count * 0.002));
  for (let t = 0; t < tombstones; t++) {
    const reason = t % 6 < 3 ? 'retention' : t % 6 < 5 ? 'withdrawn' : 'legal';
    if (reason === 'retention') {
      // The office deletes what is past its retention period: the oldest opinions, recently.
      const index = pickFree(0, Math.max(1, Math.floor(p.count * 0.05)));
      if (index >= 0) changes.push({ kind: 'tombstone', index, afterIndex: last - rng.int(Math.min(10, p.count)), reason });
    } else {
      const index = pickFree(0, last - 1);
      const delay = 1 + rng.int(Math.max(1, Math.floor(p.count * (reason === 'legal' ? 0.05 : 0.01))));
      if (index >= 0) changes.push({ kind: 'tombstone', index, afterIndex: Math.min(last, index + delay), reason });
    }
  }
  const corrections = Math.max(3, Math.round(p.count * 0.003));
  for (let c = 0; c < corrections; c++) {
    const index = pickFree(0, last - 1);
    if (index < 0) continue;
    const afterIndex = Math.min(last, index + 1 + rng.int(Math.max(1, Math.floor(p.count * 0.02))));
    const fix = rng.pick(['theme', 'theme', 'category', 'redact'] as const);
    const value =
      fix === 'theme' ? rng.pick(THEMES).code : fix === 'category' ? rng.pick(['request', 'question', 'complaint', 'opinion']) : '';
    changes.push({ kind: 'correction', index, afterIndex, fix, value });
  }
  // Stable sort keeps planning order among changes after the same submission.
  return changes.sort((a, b) => a.afterIndex - b.afterIndex);
}

/** The corrected version of a submission, as the office re-issued it. */
export function applySeededCorrection(
  original: SubmissionFields,
  change: Extract<SeededChange, { kind: 'correction' }>,
): SubmissionFields {
  switch (change.fix) {
    case 'theme':
      return { ...original, theme: change.value };
    case 'category':
      return { ...original, category: change.value };
    case 'redact': {
      // Someone put personal details in the first sentence; the office removed them.
      const stop = original.language === 'en' ? original.body.indexOf('. ') : original.body.indexOf('。');
      const rest = stop >= 0 && stop < original.body.length - 2 ? original.body.slice(stop + 1).trimStart() : original.body;
      const note = original.language === 'en' ? '(Personal details removed by the office.) ' : '（個人情報のため一部削除）';
      return { ...original, body: note + rest };
    }
  }
}
