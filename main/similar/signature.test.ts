import { describe, expect, it } from 'vitest';
import { labelledSample } from './labelled-sample.js';
import { estimatedJaccard, normalizedCodePoints, signature } from './minhash.js';
import { normalizeForSimilarity } from './normalize.js';

function trigramSet(text: string): Set<string> {
  const cps = normalizedCodePoints(text);
  const set = new Set<string>();
  for (let i = 0; i + 2 < cps.length; i++) set.add(`${cps[i]},${cps[i + 1]},${cps[i + 2]}`);
  return set;
}

function trueJaccard(a: string, b: string): number {
  const x = trigramSet(a);
  const y = trigramSet(b);
  let both = 0;
  for (const t of x) if (y.has(t)) both++;
  return both / (x.size + y.size - both);
}

const LETTER = 'インボイス制度の廃止を求めます。私はフリーランスとして働いていますが、事務負担と税負担が大きく増えました。';

describe('normalization', () => {
  it('drops what campaign copies change without meaning to: width, case, spaces, punctuation', () => {
    expect(normalizeForSimilarity('ＡＢＣ　１２３、abc!  「年金」。')).toBe('abc123abc年金');
    expect(normalizeForSimilarity(LETTER)).toBe(normalizeForSimilarity(LETTER.replaceAll('、', ' ').replaceAll('。', '！\n')));
  });
});

describe('signature', () => {
  it('is deterministic: the same text always gives the same 64 values', () => {
    const a = signature(LETTER);
    const b = signature(String(LETTER));
    expect(a).toHaveLength(64);
    expect(Array.from(a)).toEqual(Array.from(b));
    // Fixed seeds: stored signatures stay comparable across runs and versions.
    expect(signature('子ども医療費の無償化を全国一律で')[0]).toBe(signature('子ども医療費の無償化を全国一律で')[0]);
  });

  it('ignores re-punctuation and re-spacing', () => {
    const retyped = LETTER.replaceAll('、', '').replaceAll('。', '。\n\n').replace('1', '１');
    expect(estimatedJaccard(signature(LETTER), signature(retyped))).toBe(1);
  });

  it('is empty for a text without a single trigram, which matches nothing', () => {
    expect(signature('。、！')).toHaveLength(0);
    expect(estimatedJaccard(signature('はい'), signature('はい'))).toBe(0);
  });

  it('estimates the true trigram Jaccard closely', () => {
    const texts = labelledSample();
    const errors: number[] = [];
    // Pairs across the whole range: copies of one campaign, look-alikes, unrelated letters.
    for (let i = 0; i < 600; i += 2) {
      const a = texts[i].body;
      const b = texts[(i * 7 + 1) % texts.length].body;
      const c = texts.find((t, j) => j > i && t.label === texts[i].label)?.body ?? texts[i + 1].body;
      for (const other of [b, c]) errors.push(Math.abs(estimatedJaccard(signature(a), signature(other)) - trueJaccard(a, other)));
    }
    const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
    // 64 hashes: standard error at most 0.5/√64 = 0.0625.
    expect(mean).toBeLessThan(0.05);
    expect(Math.max(...errors)).toBeLessThan(0.25);
  });
});
