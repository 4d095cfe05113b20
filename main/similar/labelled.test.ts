import { describe, expect, it } from 'vitest';
import { evaluateLabelled } from './evaluate-labelled.js';
import { labelledSample } from './labelled-sample.js';
import { DEFAULT_PARAMS } from './params.js';

describe('grouping on the labelled sample (2,000 texts: 7 campaigns, look-alikes, ordinary letters)', () => {
  const texts = labelledSample();

  it('is generated the same every time (the figures in README.md must be reproducible)', () => {
    expect(labelledSample().map((t) => t.body)).toEqual(texts.map((t) => t.body));
    expect(texts).toHaveLength(2000);
  });

  it('reaches pair precision ≥ 0.95 and recall ≥ 0.9 with the chosen settings', () => {
    const { scores } = evaluateLabelled(texts, DEFAULT_PARAMS);
    expect(scores.precision).toBeGreaterThanOrEqual(0.95);
    expect(scores.recall).toBeGreaterThanOrEqual(0.9);
    // What a user would see as a mistake: a letter shown in a campaign it is not part of.
    expect(scores.wronglyGrouped).toBeLessThanOrEqual(5);
  });
});
