// One figure of the report: its chart and, beside it, the table of the same numbers (which is
// also what a screen reader reads — the chart itself is marked as a picture of the table).
import { useId, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { formatCount } from '../i18n/format.js';

export interface TableSpec {
  columns: { label: string; numeric?: boolean }[];
  rows: (string | number)[][];
  total?: (string | number)[];
}

/** 'wide': the whole row, a narrow table; 'wide-table': the whole row, chart and table halves. */
export function ReportPanel({ id, title, note, chart, table, layout }: { id: string; title: string; note?: ReactNode; chart: ReactNode; table: TableSpec; layout?: 'wide' | 'wide-table' }) {
  const { t } = useI18n();
  const headingId = useId();
  const empty = table.rows.length === 0;
  return (
    <section className={layout ? `report-panel report-panel-${layout}` : 'report-panel'} aria-labelledby={headingId} data-report={id}>
      <h3 id={headingId} className="report-panel-title">
        {title}
      </h3>
      {note ? <p className="report-note">{note}</p> : null}
      {empty ? (
        <p className="muted">{t('reports.noData')}</p>
      ) : (
        <div className="report-panel-body">
          <figure className="report-chart" aria-label={t('reports.chartOf', { title })}>
            {chart}
          </figure>
          {/* Focusable, so a long table can be scrolled from the keyboard. */}
          <div className="report-table-wrap" tabIndex={0} role="group" aria-label={t('reports.tableOf', { title })}>
            <ReportTable caption={t('reports.tableOf', { title })} table={table} />
          </div>
        </div>
      )}
    </section>
  );
}

export function ReportTable({ caption, table }: { caption: string; table: TableSpec }) {
  const { lang } = useI18n();
  const cell = (v: string | number) => (typeof v === 'number' ? formatCount(v, lang) : v);
  // A body row and the total row alike: the first cell heads the row, the rest are values.
  const rowCells = (values: readonly (string | number)[]) =>
    values.map((v, j) =>
      j === 0 ? (
        <th key={j} scope="row">
          {cell(v)}
        </th>
      ) : (
        <td key={j} className={table.columns[j]?.numeric ? 'num' : undefined}>
          {cell(v)}
        </td>
      ),
    );
  return (
    <table className="report-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {table.columns.map((c, i) => (
            <th key={i} scope="col" className={c.numeric ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, i) => (
          <tr key={i}>
            {rowCells(r)}
          </tr>
        ))}
      </tbody>
      {table.total ? (
        <tfoot>
          <tr>
            {rowCells(table.total)}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
