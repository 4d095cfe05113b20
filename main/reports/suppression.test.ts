// Suppression: hand-worked tables, then thousands of random ones checked with linear algebra —
// for every table, no hidden cell can be worked out from what is shown (the published cells and
// totals and the equations between them), and everything shown is true.
import { describe, expect, it } from 'vitest';
import { suppressGrid, suppressList, type GridInput, type SuppressedGrid } from './suppression.js';
import { seededRandom } from '../simulator/data/random.js';

/** The extended grid's published values (null = hidden), interior and totals alike. */
function extended(input: GridInput, out: SuppressedGrid): (number | null)[][] {
  const rows = out.cells.map((row, r) => (input.rowTotals ? [...row, out.rowTotals![r]] : [...row]));
  if (input.colTotals) rows.push(input.rowTotals ? [...out.colTotals!, out.grandTotal ?? null] : [...out.colTotals!]);
  return rows;
}

/** The equations every published table obeys: each total is the sum of its line. */
function equations(input: GridInput): { cells: [number, number][]; coeffs: number[] }[] {
  const R = input.cells.length;
  const C = input.cells[0].length;
  const ER = R + (input.colTotals ? 1 : 0);
  const EC = C + (input.rowTotals ? 1 : 0);
  const eqs: { cells: [number, number][]; coeffs: number[] }[] = [];
  if (input.rowTotals) {
    for (let r = 0; r < ER; r++) {
      const cells: [number, number][] = [];
      const coeffs: number[] = [];
      for (let c = 0; c < C; c++) {
        cells.push([r, c]);
        coeffs.push(1);
      }
      cells.push([r, C]);
      coeffs.push(-1);
      eqs.push({ cells, coeffs });
    }
  }
  if (input.colTotals) {
    for (let c = 0; c < EC; c++) {
      const cells: [number, number][] = [];
      const coeffs: number[] = [];
      for (let r = 0; r < R; r++) {
        cells.push([r, c]);
        coeffs.push(1);
      }
      cells.push([R, c]);
      coeffs.push(-1);
      eqs.push({ cells, coeffs });
    }
  }
  return eqs;
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let rank = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && rank < m.length; c++) {
    let pivot = rank;
    for (let r = rank + 1; r < m.length; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    if (Math.abs(m[pivot][c]) < 1e-9) continue;
    [m[rank], m[pivot]] = [m[pivot], m[rank]];
    for (let r = 0; r < m.length; r++) {
      if (r === rank) continue;
      const f = m[r][c] / m[rank][c];
      if (f !== 0) for (let k = c; k < cols; k++) m[r][k] -= f * m[rank][k];
    }
    rank++;
  }
  return rank;
}

/**
 * The hidden cells whose value follows from the published ones: cell u is determined exactly
 * when the unit vector e_u lies in the row space of the equations restricted to hidden cells.
 */
function derivable(input: GridInput, published: (number | null)[][]): [number, number][] {
  const unknowns: [number, number][] = [];
  published.forEach((row, r) => row.forEach((v, c) => v === null && unknowns.push([r, c])));
  if (unknowns.length === 0) return [];
  const index = new Map(unknowns.map(([r, c], i) => [`${r},${c}`, i]));
  const A = equations(input)
    .map((eq) => {
      const row = new Array<number>(unknowns.length).fill(0);
      eq.cells.forEach(([r, c], k) => {
        const i = index.get(`${r},${c}`);
        if (i !== undefined) row[i] += eq.coeffs[k];
      });
      return row;
    })
    .filter((row) => row.some((x) => x !== 0));
  const base = rank(A);
  return unknowns.filter((_, i) => {
    const unit = new Array<number>(unknowns.length).fill(0);
    unit[i] = 1;
    return rank([...A, unit]) === base;
  });
}

/** The true extended grid. */
function truth(input: GridInput): number[][] {
  const rows = input.cells.map((row) => (input.rowTotals ? [...row, row.reduce((a, b) => a + b, 0)] : [...row]));
  if (input.colTotals) rows.push(rows[0].map((_, c) => rows.reduce((s, row) => s + row[c], 0)));
  return rows;
}

function check(input: GridInput): SuppressedGrid {
  const out = suppressGrid(input);
  const shown = extended(input, out);
  const real = truth(input);
  shown.forEach((row, r) =>
    row.forEach((v, c) => {
      const fixed = r < input.cells.length && c < input.cells[0].length && input.fixed?.[r]?.[c];
      if (v === null) {
        expect(fixed, `a fixed cell (${r},${c}) was hidden`).toBeFalsy();
        return;
      }
      // What is shown is true, and no small count is shown.
      expect(v).toBe(real[r][c]);
      if (!fixed) expect(v === 0 || v >= input.threshold, `cell (${r},${c}) = ${v} shown under threshold ${input.threshold}`).toBe(true);
    }),
  );
  // No line has exactly one hidden cell (the subtraction everyone tries first)…
  for (const eq of equations(input)) expect(eq.cells.filter(([r, c]) => shown[r][c] === null).length).not.toBe(1);
  // …and no combination of lines gives any hidden cell away.
  expect(derivable(input, shown)).toEqual([]);
  return out;
}

describe('suppressList (one column with its total)', () => {
  it('hides small counts and the next smallest so the total does not give them away', () => {
    expect(suppressList([3, 10, 20], 5)).toEqual({ values: [null, null, 20], total: 33, primary: 1, secondary: 1 });
  });
  it('shows zeros and large counts untouched', () => {
    expect(suppressList([0, 0, 7, 12], 5)).toEqual({ values: [0, 0, 7, 12], total: 19, primary: 0, secondary: 0 });
  });
  it('prefers a non-zero companion to a zero one', () => {
    expect(suppressList([2, 0, 9], 5).values).toEqual([null, 0, null]);
  });
  it('hides a small total, and the only cell behind it', () => {
    expect(suppressList([4], 5)).toEqual({ values: [null], total: null, primary: 2, secondary: 0 });
    expect(suppressList([1, 1], 5)).toEqual({ values: [null, null], total: null, primary: 3, secondary: 0 });
  });
  it('hides two small counts without needing a third', () => {
    expect(suppressList([1, 2, 30, 40], 5).values).toEqual([null, null, 30, 40]);
  });
  it('takes the threshold as given (1 hides nothing; 10 hides up to 9)', () => {
    expect(suppressList([1, 2, 3], 1).values).toEqual([1, 2, 3]);
    expect(suppressList([9, 10, 30], 10).values).toEqual([null, null, 30]);
  });
  it('cannot be shown a fraction or a negative count', () => {
    expect(() => suppressList([1.5], 5)).toThrow();
    expect(() => suppressList([-1], 5)).toThrow();
    expect(() => suppressList([1], 0)).toThrow();
  });
});

describe('suppressGrid (rows × columns with totals)', () => {
  it('hides a companion in the row and in the column of a small cell, and closes the rectangle', () => {
    const input = { cells: [[2, 10, 20], [15, 30, 40], [25, 50, 60]], rowTotals: true, colTotals: true, threshold: 5 };
    const out = check(input);
    // 2 in (0,0); its row's smallest other (10) and its column's (15); then (1,1) closes the rectangle.
    expect(out.cells).toEqual([
      [null, null, 20],
      [null, null, 40],
      [25, 50, 60],
    ]);
    expect(out.rowTotals).toEqual([32, 85, 135]);
    expect(out.colTotals).toEqual([42, 90, 120]);
    expect(out.grandTotal).toBe(252);
    expect(out).toMatchObject({ primary: 1, secondary: 3 });
  });

  it('finds the cell that "one hidden per line" misses: a bridge between two hidden blocks', () => {
    const big = 100;
    const cells = [
      [1, 2, big, big],
      [3, 4, 1, big],
      [big, big, 2, 3],
      [big, big, 4, 1],
    ];
    const input = { cells, rowTotals: true, colTotals: true, threshold: 5 };
    // Every line has 0 or ≥2 hidden cells, yet (1,2) = row0 + row1 − col0 − col1 in totals.
    const onlyPrimary = truth(input).map((row, r) => row.map((v, c) => (r < 4 && c < 4 && v < 5 ? null : v)));
    expect(derivable(input, onlyPrimary)).toEqual([[1, 2]]);
    const out = check(input);
    expect(out.secondary).toBeGreaterThan(0);
  });

  it('never hides a structural zero, and finds real cover instead', () => {
    // Statuses × (waiting time, closed): done has no waiting time; new is never closed.
    const input = {
      cells: [[3, 6, 0], [0, 0, 3], [0, 0, 9]],
      rowTotals: true,
      colTotals: true,
      threshold: 5,
      fixed: [[false, false, true], [true, true, false], [true, true, false]],
    };
    const out = check(input);
    expect(out.cells[0][2]).toBe(0);
    expect(out.cells[1][0]).toBe(0);
    expect(out.cells[1][2]).toBeNull();
  });

  it('handles rows only, columns only, and no totals at all', () => {
    check({ cells: [[1, 9, 9], [9, 9, 2]], rowTotals: true, colTotals: false, threshold: 5 });
    check({ cells: [[1, 9], [9, 2], [9, 9]], rowTotals: false, colTotals: true, threshold: 5 });
    const none = suppressGrid({ cells: [[1, 9]], rowTotals: false, colTotals: false, threshold: 5 });
    expect(none.cells).toEqual([[null, 9]]);
  });

  it('on thousands of random tables, never leaves a hidden cell that can be worked out', () => {
    const rng = seededRandom(20261128);
    let hiddenSeen = 0;
    for (let n = 0; n < 3000; n++) {
      const R = 1 + Math.floor(rng() * 5);
      const C = 1 + Math.floor(rng() * 5);
      const threshold = rng() < 0.7 ? 5 : 1 + Math.floor(rng() * 8);
      const fixed = Array.from({ length: R }, () => Array.from({ length: C }, () => rng() < 0.08));
      const cells = fixed.map((row) =>
        row.map((f) => {
          if (f) return 0;
          const roll = rng();
          return roll < 0.15 ? 0 : roll < 0.55 ? 1 + Math.floor(rng() * 5) : 5 + Math.floor(rng() * 60);
        }),
      );
      const input = { cells, rowTotals: rng() < 0.7, colTotals: rng() < 0.8, threshold, fixed, grandTotalKnown: rng() < 0.3 };
      const out = check(input);
      if (input.grandTotalKnown && input.rowTotals && input.colTotals) {
        // A grand total published elsewhere is never hidden here, unless it is small itself.
        const grand = cells.flat().reduce((a, b) => a + b, 0);
        expect(out.grandTotal === null).toBe(grand >= 1 && grand < threshold);
      }
      hiddenSeen += out.primary + out.secondary;
    }
    expect(hiddenSeen).toBeGreaterThan(3000);
  });
});

