// Pair precision and recall of a grouping against labels: a pair of texts is "grouped" when
// both have the same group id, and "should be" when both have the same label. Pairs are what
// staff act on (a whole group at once), so a wrong member in a 200-copy campaign costs 200
// wrong pairs, which is the right weight.
import type { LabelledText } from './labelled-sample.js';

export interface PairScores {
  precision: number;
  recall: number;
  predictedPairs: number;
  truePairs: number;
  correctPairs: number;
  /** Texts whose group holds a text of another label: what a user would notice as wrong. */
  wronglyGrouped: number;
  /** Campaign copies left out of their campaign's largest group (identical short notes, which
   * are too short to group by design, are not counted here; they do count in recall). */
  missedCopies: number;
  groups: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

export function scorePairs(texts: readonly LabelledText[], groups: readonly (string | null)[]): PairScores {
  const byGroup = new Map<string, number>();
  const byLabel = new Map<string, number>();
  const byBoth = new Map<string, number>();
  const labelsInGroup = new Map<string, Set<string>>();
  texts.forEach((t, i) => {
    byLabel.set(t.label, (byLabel.get(t.label) ?? 0) + 1);
    const g = groups[i];
    if (g === null) return;
    byGroup.set(g, (byGroup.get(g) ?? 0) + 1);
    const both = `${g}\u0000${t.label}`;
    byBoth.set(both, (byBoth.get(both) ?? 0) + 1);
    if (!labelsInGroup.has(g)) labelsInGroup.set(g, new Set());
    labelsInGroup.get(g)!.add(t.label);
  });
  let predictedPairs = 0;
  for (const n of byGroup.values()) predictedPairs += pairs(n);
  let truePairs = 0;
  for (const n of byLabel.values()) truePairs += pairs(n);
  let correctPairs = 0;
  for (const n of byBoth.values()) correctPairs += pairs(n);

  // A text is wrongly grouped when its group is not only its own label.
  const mainLabel = new Map<string, string>();
  for (const [both, n] of byBoth) {
    const [g, label] = both.split('\u0000');
    const current = mainLabel.get(g);
    if (current === undefined || n > byBoth.get(`${g}\u0000${current}`)!) mainLabel.set(g, label);
  }
  let wronglyGrouped = 0;
  texts.forEach((t, i) => {
    const g = groups[i];
    if (g !== null && mainLabel.get(g) !== t.label) wronglyGrouped++;
  });
  // Copies outside their campaign's biggest group (or not grouped at all).
  const biggest = new Map<string, number>();
  for (const [both, n] of byBoth) {
    const label = both.split('\u0000')[1];
    biggest.set(label, Math.max(biggest.get(label) ?? 0, n));
  }
  const campaignLabels = new Set(texts.filter((t) => t.kind === 'campaign').map((t) => t.label));
  let missedCopies = 0;
  for (const label of campaignLabels) missedCopies += byLabel.get(label)! - (biggest.get(label) ?? 0);

  return {
    precision: predictedPairs === 0 ? 1 : correctPairs / predictedPairs,
    recall: truePairs === 0 ? 1 : correctPairs / truePairs,
    predictedPairs,
    truePairs,
    correctPairs,
    wronglyGrouped,
    missedCopies,
    groups: byGroup.size,
  };
}
