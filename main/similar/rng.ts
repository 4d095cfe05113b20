// The simulator's seeded generator (mulberry32), plus a shuffle: the labelled sample and the
// benchmark inbox come out the same on every machine and every run, so the figures reproduce.
import { Rng } from '../simulator/data/random.js';

export class SampleRng extends Rng {
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}
