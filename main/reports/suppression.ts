// Small-cell suppression for published statistics. Pure: no I/O, no clock.
//
// A table is a grid of counts with, optionally, a total at the end of each row and/or each
// column (and the grand total where both meet). Published counts below the threshold could
// point at a person, so they are hidden ("primary" suppression; a zero points at nobody and is
// shown). Hiding them is not enough when totals are published: a row with one hidden cell gives
// it away by subtraction, and so can subtler combinations of rows and columns. So more cells
// are hidden ("secondary" suppression) until no hidden cell can be worked out from what is shown:
//
//   1. In every row or column with exactly one hidden cell, hide the next smallest one too
//      (a non-zero interior cell if there is one; a total only as a last resort). Repeat.
//   2. That alone can still leak: two blocks of hidden cells joined by a single hidden cell let
//      the joining cell be computed from the blocks' totals. Seen as a graph — every total line
//      a node, every hidden cell an edge between the row line and the column line it belongs to
//      (or a free end where there is no total) — a hidden cell can be worked out exactly when its
//      edge is a bridge, and it is safe exactly when it lies on a cycle. So each bridge gets a
//      companion: the smallest shown cell that closes a cycle through it. Then back to 1.
//
// The result is a fixed point where every line has zero or at least two hidden cells and no
// hidden cell is a bridge; main/reports/suppression.test.ts checks the claim with linear algebra
// on thousands of random tables.

export interface GridInput {
  /** Interior counts, rows × columns (every row the same length). */
  cells: number[][];
  /** Each row ends with its total (a total column). */
  rowTotals: boolean;
  /** Each column ends with its total (a total row); with rowTotals, the grand total too. */
  colTotals: boolean;
  /** Counts from 1 to threshold − 1 are hidden. */
  threshold: number;
  /** Cells everyone knows anyway (a structural zero: "done" opinions have no waiting time). They
   * are shown, are never hidden, and give no cover to a hidden neighbour. */
  fixed?: boolean[][];
  /** The grand total is published elsewhere too (in another table of the same report), so it is
   * known: never hidden as cover (unless it is itself below the threshold, in which case every
   * table hides it). */
  grandTotalKnown?: boolean;
}

export interface SuppressedGrid {
  /** null = hidden. */
  cells: (number | null)[][];
  rowTotals: (number | null)[] | null;
  colTotals: (number | null)[] | null;
  /** Where a total row meets a total column; undefined when the table has not both. */
  grandTotal: number | null | undefined;
  /** How many cells (totals included) were hidden, and how many of them only to protect others. */
  primary: number;
  secondary: number;
}

/** A cell of the extended grid (interior plus totals). */
interface Cell {
  r: number;
  c: number;
  value: number;
  margin: boolean;
  fixed: boolean;
  /** The row line and column line it belongs to; -1 when that line has no total (a free end). */
  rowLine: number;
  colLine: number;
}

const FREE = -1;

export function suppressGrid(input: GridInput): SuppressedGrid {
  const { cells, rowTotals, colTotals, threshold } = input;
  const R = cells.length;
  const C = R > 0 ? cells[0].length : 0;
  if (cells.some((row) => row.length !== C)) throw new Error('every row needs the same number of cells');
  if (!Number.isInteger(threshold) || threshold < 1) throw new Error('the threshold is a whole number of at least 1');
  for (const row of cells) for (const v of row) if (!Number.isInteger(v) || v < 0) throw new Error('cells are counts (whole numbers ≥ 0)');

  const rowSum = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const colSum = Array.from({ length: C }, (_, j) => cells.reduce((s, row) => s + row[j], 0));
  const grand = rowSum.reduce((a, b) => a + b, 0);
  const ER = R + (colTotals ? 1 : 0);
  const EC = C + (rowTotals ? 1 : 0);

  // Lines (nodes): row line i for each extended row when rows carry totals, column line j for
  // each extended column when columns do. Node ids: rows 0..ER-1, columns ER..ER+EC-1.
  const grid: Cell[] = [];
  const value = (r: number, c: number): number => {
    if (r < R && c < C) return cells[r][c];
    if (r < R) return rowSum[r];
    if (c < C) return colSum[c];
    return grand;
  };
  for (let r = 0; r < ER; r++) {
    for (let c = 0; c < EC; c++) {
      const margin = r >= R || c >= C;
      grid.push({
        r,
        c,
        value: value(r, c),
        margin,
        fixed: !margin && (input.fixed?.[r]?.[c] ?? false),
        rowLine: rowTotals ? r : FREE,
        colLine: colTotals ? ER + c : FREE,
      });
    }
  }

  const hidden = grid.map((x) => !x.fixed && x.value >= 1 && x.value < threshold);
  if (input.grandTotalKnown && rowTotals && colTotals && !hidden[grid.length - 1]) grid[grid.length - 1].fixed = true;
  const primary = hidden.filter(Boolean).length;

  // Which shown cell to hide next: an interior one before a total, a non-zero one before a zero
  // (a hidden zero is weak cover), then the smallest, then the first in reading order.
  const better = (a: number, b: number): boolean => {
    const x = grid[a];
    const y = grid[b];
    if (x.margin !== y.margin) return !x.margin;
    if ((x.value === 0) !== (y.value === 0)) return x.value !== 0;
    if (x.value !== y.value) return x.value < y.value;
    return a < b;
  };
  const pick = (candidates: number[]): number | null => {
    let best: number | null = null;
    for (const i of candidates) if (!hidden[i] && !grid[i].fixed && (best === null || better(i, best))) best = i;
    return best;
  };

  const lines = new Map<number, number[]>();
  grid.forEach((x, i) => {
    for (const node of [x.rowLine, x.colLine]) {
      if (node === FREE) continue;
      if (!lines.has(node)) lines.set(node, []);
      lines.get(node)!.push(i);
    }
  });

  for (let guard = 0; guard <= grid.length; guard++) {
    // 1. No line with exactly one hidden cell.
    let changed = true;
    while (changed) {
      changed = false;
      for (const members of lines.values()) {
        if (members.filter((i) => hidden[i]).length !== 1) continue;
        const next = pick(members);
        if (next !== null) {
          hidden[next] = true;
          changed = true;
        }
      }
    }
    // 2. No hidden cell that is a bridge.
    const bridge = findBridge(grid, hidden, ER + EC);
    if (bridge === null) break;
    const e = grid[bridge];
    const sideA = reachable(grid, hidden, ER + EC, endpoint(e.rowLine, ER + EC), bridge);
    const sideB = reachable(grid, hidden, ER + EC, endpoint(e.colLine, ER + EC), bridge);
    const node = (line: number) => endpoint(line, ER + EC);
    const closing = grid
      .map((x, i) => i)
      .filter((i) => {
        const a = node(grid[i].rowLine);
        const b = node(grid[i].colLine);
        return (sideA.has(a) && sideB.has(b)) || (sideA.has(b) && sideB.has(a));
      });
    let next = pick(closing);
    if (next === null) {
      // Nothing joins the two sides directly: widen one of them and look again.
      next = pick(grid.map((_, i) => i).filter((i) => [grid[i].rowLine, grid[i].colLine].some((l) => sideA.has(node(l)) || sideB.has(node(l)))));
    }
    if (next === null) break;
    hidden[next] = true;
  }

  const hiddenCount = hidden.filter(Boolean).length;
  const at = (r: number, c: number): number | null => {
    const i = r * EC + c;
    return hidden[i] ? null : grid[i].value;
  };
  return {
    cells: Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => at(r, c))),
    rowTotals: rowTotals ? Array.from({ length: R }, (_, r) => at(r, C)) : null,
    colTotals: colTotals ? Array.from({ length: C }, (_, c) => at(R, c)) : null,
    grandTotal: rowTotals && colTotals ? at(R, C) : undefined,
    primary,
    secondary: hiddenCount - primary,
  };
}

/** The free end of every line-less side is one shared node (id `n`): it carries no equation. */
function endpoint(line: number, n: number): number {
  return line === FREE ? n : line;
}

/** The first hidden cell (in reading order) that no cycle of hidden cells passes through. */
function findBridge(grid: Cell[], hidden: boolean[], n: number): number | null {
  // Multigraph over n + 1 nodes (the last one is the free end); parallel edges are cycles.
  const adj: { to: number; edge: number }[][] = Array.from({ length: n + 1 }, () => []);
  grid.forEach((x, i) => {
    if (!hidden[i]) return;
    const a = endpoint(x.rowLine, n);
    const b = endpoint(x.colLine, n);
    if (a === b) return; // in no line at all: nothing can reveal it
    adj[a].push({ to: b, edge: i });
    adj[b].push({ to: a, edge: i });
  });
  const disc = new Array<number>(n + 1).fill(-1);
  const low = new Array<number>(n + 1).fill(0);
  const bridges: number[] = [];
  let time = 0;
  // Iterative Tarjan, skipping only the edge we came in by (not every edge to the parent).
  for (let root = 0; root <= n; root++) {
    if (disc[root] !== -1 || adj[root].length === 0) continue;
    const stack: { node: number; via: number; next: number }[] = [{ node: root, via: -1, next: 0 }];
    disc[root] = low[root] = time++;
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.next < adj[top.node].length) {
        const { to, edge } = adj[top.node][top.next++];
        if (edge === top.via) continue;
        if (disc[to] === -1) {
          disc[to] = low[to] = time++;
          stack.push({ node: to, via: edge, next: 0 });
        } else {
          low[top.node] = Math.min(low[top.node], disc[to]);
        }
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          low[parent.node] = Math.min(low[parent.node], low[top.node]);
          if (low[top.node] > disc[parent.node]) bridges.push(top.via);
        }
      }
    }
  }
  return bridges.length ? Math.min(...bridges) : null;
}

/** Nodes reachable from `start` over hidden cells, not crossing cell `except`. */
function reachable(grid: Cell[], hidden: boolean[], n: number, start: number, except: number): Set<number> {
  const seen = new Set<number>([start]);
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    grid.forEach((x, i) => {
      if (!hidden[i] || i === except) return;
      const a = endpoint(x.rowLine, n);
      const b = endpoint(x.colLine, n);
      const other = a === node ? b : b === node ? a : null;
      if (other !== null && !seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    });
  }
  return seen;
}

/** A list of counts with its total (a one-column table): the common case. */
export function suppressList(values: number[], threshold: number): { values: (number | null)[]; total: number | null; primary: number; secondary: number } {
  const g = suppressGrid({ cells: values.map((v) => [v]), rowTotals: false, colTotals: true, threshold });
  return { values: g.cells.map((row) => row[0]), total: g.colTotals?.[0] ?? null, primary: g.primary, secondary: g.secondary };
}
