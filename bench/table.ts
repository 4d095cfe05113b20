// The results table: every figure beside its floor (what SQLite alone does on the same machine
// in the same run), the ratio between them and the target it is judged against.

export type Unit = 'items/s' | 'ms' | 's' | 'MB' | 'count';

export type Target =
  /** Throughput: value ≥ fraction × floor. */
  | { kind: 'ofFloor'; fraction: number }
  /** Latency or duration: value < limit, in the row's unit. */
  | { kind: 'below'; limit: number }
  | { kind: 'exactly'; expected: number }
  | { kind: 'atLeast'; min: number };

export interface Row {
  section: string;
  measure: string;
  value: number | null;
  unit: Unit;
  floor?: number | null;
  target?: Target;
  /** Anything a reader of the JSON needs to interpret the row (what the floor was, n, p50…). */
  detail?: Record<string, unknown>;
}

export type Verdict = 'pass' | 'FAIL' | '';

export function ratioOf(r: Row): number | null {
  return r.value !== null && r.floor ? r.value / r.floor : null;
}

export function verdict(r: Row): Verdict {
  const t = r.target;
  if (!t) return '';
  if (r.value === null || Number.isNaN(r.value)) return 'FAIL';
  switch (t.kind) {
    case 'ofFloor': {
      const ratio = ratioOf(r);
      return ratio !== null && ratio >= t.fraction ? 'pass' : 'FAIL';
    }
    case 'below':
      return r.value < t.limit ? 'pass' : 'FAIL';
    case 'exactly':
      return r.value === t.expected ? 'pass' : 'FAIL';
    case 'atLeast':
      return r.value >= t.min ? 'pass' : 'FAIL';
  }
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatValue(v: number | null | undefined, unit: Unit): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  switch (unit) {
    case 'items/s':
      return `${int.format(v)} items/s`;
    case 'ms':
      return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : int.format(v)} ms`;
    case 's':
      return `${v < 10 ? v.toFixed(2) : v.toFixed(1)} s`;
    case 'MB':
      return `${int.format(v)} MB`;
    case 'count':
      return int.format(v);
  }
}

function formatTarget(r: Row): string {
  const t = r.target;
  if (!t) return '';
  switch (t.kind) {
    case 'ofFloor':
      return `≥ ${Math.round(t.fraction * 100)}% of floor`;
    case 'below':
      return `< ${formatValue(t.limit, r.unit)}`;
    case 'exactly':
      return `= ${formatValue(t.expected, r.unit)}`;
    case 'atLeast':
      return `≥ ${formatValue(t.min, r.unit)}`;
  }
}

function formatRatio(r: Row): string {
  const ratio = ratioOf(r);
  if (ratio === null) return '';
  return r.unit === 'items/s' ? `${Math.round(ratio * 100)}%` : `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`;
}

const HEADER = ['measure', 'value', 'floor', 'ratio', 'target', 'result'] as const;

/** The table as text: sections as headings, numbers right-aligned. */
export function renderTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [r.measure, formatValue(r.value, r.unit), r.floor === undefined ? '' : formatValue(r.floor, r.unit), formatRatio(r), formatTarget(r), verdict(r)]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const rightAligned = new Set([1, 2, 3]);
  const line = (c: readonly string[]) =>
    c.map((s, i) => (rightAligned.has(i) ? s.padStart(widths[i]) : s.padEnd(widths[i]))).join(' | ').trimEnd();
  const out = [line(HEADER), widths.map((w) => '-'.repeat(w)).join('-|-')];
  let section = '';
  rows.forEach((r, i) => {
    if (r.section !== section) {
      section = r.section;
      out.push(`[${section}]`);
    }
    out.push(line(cells[i]));
  });
  return out.join('\n');
}

export function failures(rows: readonly Row[]): Row[] {
  return rows.filter((r) => verdict(r) === 'FAIL');
}
