// Runs the whole grouping pipeline on a labelled sample in a real encrypted database and
// scores it: what the precision/recall test and measure.ts both use.
import { scorePairs, type PairScores } from './evaluate.js';
import { groupBatchWith } from './grouping.js';
import type { LabelledText } from './labelled-sample.js';
import type { SimilarParams } from './params.js';
import { groupIds, sampleDb } from './sample-db.js';

export interface LabelledResult {
  scores: PairScores;
  groups: (string | null)[];
  cpuMs: number;
}

export function evaluateLabelled(texts: readonly LabelledText[], p: SimilarParams): LabelledResult {
  const s = sampleDb(texts.map((t) => t.body));
  try {
    const cpu = process.cpuUsage();
    while (groupBatchWith(s.db, 1000, p) > 0);
    const used = process.cpuUsage(cpu);
    const groups = groupIds(s.db, s.ks);
    return { scores: scorePairs(texts, groups), groups, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    s.close();
  }
}
