// Timing helpers: repeated runs summarised as percentiles, because a single run of a query
// says little (page cache, JIT, GC) and the targets are stated as p95.

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of already sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    max: s[s.length - 1] ?? NaN,
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
  };
}

export interface RepeatOptions {
  reps: number;
  warmup: number;
}

/**
 * Runs `fn(i)` warmup + reps times and returns the timings (ms) of the measured runs. `i` lets a
 * caller vary the input per repetition (say, a different keyset cursor each time).
 */
export function repeat(fn: (i: number) => unknown, o: RepeatOptions): Summary {
  for (let i = 0; i < o.warmup; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < o.reps; i++) {
    const t0 = performance.now();
    fn(i);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** Milliseconds since `t0` (from performance.now()). */
export const since = (t0: number): number => performance.now() - t0;

/** A process.cpuUsage() difference in seconds. */
export const cpuSeconds = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1e6;
