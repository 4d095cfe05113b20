// The report's charts, drawn by recharts from the figures the table beside each one shows.
// Colours meet WCAG AA against white and stay apart for common colour-vision differences.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export const SERIES_COLOURS = ['#2f6f9f', '#d9722b', '#3d8b5a', '#b8475d', '#6f58a3', '#a07d12', '#2f8690', '#7c6248'];
const AXIS = { fontSize: 11, fill: '#555e6c' };
const GRID = '#e3e6ea';

export interface BarDatum {
  label: string;
  value: number;
}

const whole = (v: number) => (Number.isInteger(v) ? v.toLocaleString() : '');

/** Vertical bars along a time or an ordered scale (periods, age bands, reply times). */
export function ColumnChart({ data, height = 220, name, everyLabel = false }: { data: BarDatum[]; height?: number; name: string; everyLabel?: boolean }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="label" tick={everyLabel ? { ...AXIS, fontSize: 10 } : AXIS} interval={everyLabel ? 0 : 'preserveStartEnd'} minTickGap={everyLabel ? 0 : 12} tickLine={false} />
        <YAxis tick={AXIS} allowDecimals={false} width={48} tickFormatter={whole} axisLine={false} tickLine={false} />
        <Tooltip cursor={{ fill: 'rgba(47,111,159,0.08)' }} />
        <Bar dataKey="value" name={name} fill={SERIES_COLOURS[0]} isAnimationActive={false} maxBarSize={36} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Room for the category labels of a horizontal chart: about 12 px a character, 64 to 180 px. */
function categoryLabelWidth(labels: readonly string[]): number {
  return Math.min(180, Math.max(64, ...labels.map((l) => l.length * 12)));
}

/** Horizontal bars for named things (categories, themes, tags), largest first as given. */
export function RowChart({ data, name }: { data: BarDatum[]; name: string }) {
  const height = Math.max(80, data.length * 26 + 24);
  const labelWidth = categoryLabelWidth(data.map((d) => d.label));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }}>
        <CartesianGrid stroke={GRID} horizontal={false} />
        <XAxis type="number" tick={AXIS} allowDecimals={false} tickFormatter={whole} axisLine={false} tickLine={false} />
        <YAxis type="category" dataKey="label" tick={AXIS} width={labelWidth} interval={0} tickLine={false} />
        <Tooltip cursor={{ fill: 'rgba(47,111,159,0.08)' }} />
        <Bar dataKey="value" name={name} fill={SERIES_COLOURS[0]} isAnimationActive={false} barSize={16} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export interface StackedDatum {
  label: string;
  [series: string]: string | number;
}

/** Horizontal stacked bars: one bar per row, one colour per series, with a legend. */
export function StackedRowChart({ data, series }: { data: StackedDatum[]; series: { key: string; label: string }[] }) {
  const height = Math.max(110, data.length * 30 + 64);
  // Legend and tooltip keep the series' own order (short waits first), not the alphabet's.
  const order = (key: unknown) => series.findIndex((s) => s.key === key);
  const labelWidth = categoryLabelWidth(data.map((d) => String(d.label)));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }}>
        <CartesianGrid stroke={GRID} horizontal={false} />
        <XAxis type="number" tick={AXIS} allowDecimals={false} tickFormatter={whole} axisLine={false} tickLine={false} />
        <YAxis type="category" dataKey="label" tick={AXIS} width={labelWidth} interval={0} tickLine={false} />
        <Tooltip cursor={{ fill: 'rgba(47,111,159,0.08)' }} itemSorter={(item) => order(item.dataKey)} />
        <Legend wrapperStyle={{ fontSize: 12 }} iconType="square" itemSorter={(item) => order(item.dataKey)} formatter={(value) => <span className="report-legend-text">{value}</span>} />
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="all" fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} isAnimationActive={false} barSize={18} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
