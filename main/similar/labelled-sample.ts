// The labelled material grouping is measured on, generated deterministically: campaign copies
// (labelled with their campaign), and letters that merely share the issue or the phrases
// (each its own label). Pair precision and recall against these labels are the figures in
// README.md; the test asserts them.
import { CAMPAIGNS, POSTCARD, campaignLookalike, campaignVariant, postcardLookalike } from './sample-campaigns.js';
import { ordinaryOpinion, shortNote } from './sample-opinions.js';
import { THEMES } from './sample-phrases.js';
import { normalizeForSimilarity } from './normalize.js';
import { SampleRng } from './rng.js';

export type SampleKind = 'campaign' | 'lookalike' | 'ordinary' | 'short';

export interface LabelledText {
  body: string;
  /** Texts with the same label are copies of one campaign; every other label is unique. */
  label: string;
  kind: SampleKind;
}

export interface SampleMix {
  /** Copies per campaign (CAMPAIGNS in order), then for the postcard campaign. */
  campaignSizes: readonly number[];
  postcardSize: number;
  /** Per campaign, of each kind: quote, counter, agree. */
  lookalikesPerKind: number;
  postcardLookalikes: number;
  shortNotes: number;
  /** Everything else is ordinary letters. */
  total: number;
}

export const LABELLED_MIX: SampleMix = {
  campaignSizes: [240, 170, 120, 80, 45, 25],
  postcardSize: 60,
  lookalikesPerKind: 25,
  postcardLookalikes: 40,
  shortNotes: 60,
  total: 2000,
};

export const BENCH_MIX: SampleMix = {
  campaignSizes: [1500, 1200, 1000, 800, 600, 400],
  postcardSize: 500,
  lookalikesPerKind: 100,
  postcardLookalikes: 300,
  shortNotes: 2000,
  total: 100_000,
};

export function generateSample(mix: SampleMix, seed: number): LabelledText[] {
  const rng = new SampleRng(seed);
  const out: LabelledText[] = [];
  let unique = 0;
  const one = (body: string, kind: SampleKind): void => {
    out.push({ body, label: `u${unique++}`, kind });
  };
  CAMPAIGNS.forEach((c, i) => {
    for (let j = 0; j < (mix.campaignSizes[i] ?? 0); j++) out.push({ body: campaignVariant(rng, c), label: c.name, kind: 'campaign' });
    for (const kind of ['quote', 'counter', 'agree'] as const) {
      for (let j = 0; j < mix.lookalikesPerKind; j++) one(campaignLookalike(rng, c, kind), 'lookalike');
    }
  });
  for (let j = 0; j < mix.postcardSize; j++) out.push({ body: campaignVariant(rng, POSTCARD, true), label: POSTCARD.name, kind: 'campaign' });
  for (let j = 0; j < mix.postcardLookalikes; j++) one(postcardLookalike(rng), 'lookalike');
  for (let j = 0; j < mix.shortNotes; j++) one(shortNote(rng, rng.pick(THEMES)), 'short');
  while (out.length < mix.total) one(ordinaryOpinion(rng, rng.pick(THEMES)), 'ordinary');
  // Two citizens who happen to send the very same text (say a one-line request and the same
  // formula) did send a duplicate: label them as one, or the figures would blame grouping for
  // being right.
  const byText = new Map<string, string>();
  for (const t of out) {
    const key = normalizeForSimilarity(t.body);
    const first = byText.get(key);
    if (first === undefined) byText.set(key, t.label);
    else if (t.kind !== 'campaign') t.label = first;
  }
  // Arrival order mixed, as a campaign's copies arrive among everything else.
  return rng.shuffle(out);
}

/** The 2,000-text labelled sample. */
export function labelledSample(): LabelledText[] {
  return generateSample(LABELLED_MIX, 20_260_601);
}

/** The 100,000-row inbox the throughput is measured on. */
export function benchInbox(total = BENCH_MIX.total): LabelledText[] {
  return generateSample({ ...BENCH_MIX, total }, 20_260_602);
}
