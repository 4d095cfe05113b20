// The reports screen, for supervisors and admins: a range and filters, the key figures, then
// every chart with its table beside it — volume over time; category, theme, age band, channel
// and status; the backlog by days waiting; time to first reply; transfers by ministry and
// outcome; tags; campaigns — and exports. Main refuses these calls to anyone else whatever this
// screen does; the navigation only offers it to those who may use it.
import { useState } from 'react';
import { AGE_BUCKETS, REPLY_BUCKETS, TRANSFER_OUTCOMES, type Report, type ReportQuery } from '../../../shared/contract-reports.js';
import type { SessionInfo } from '../../../shared/contract.js';
import type { ReferenceData } from '../../../shared/domain.js';
import { errorMessage } from '../api/errors.js';
import { useReference } from '../api/queries.js';
import { useChangeEvents } from '../api/use-change-events.js';
import { TopBar } from '../app/TopBar.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatCount } from '../i18n/format.js';
import { HelpDialog } from '../keyboard/HelpDialog.js';
import { SyncStatusBar } from '../sync-status/SyncStatusBar.js';
import { useReport } from './api.js';
import { ColumnChart, RowChart, StackedRowChart } from './charts.js';
import { ExportPanel } from './ExportPanel.js';
import { ageBucketLabels, dimensionLabel, formatDuration, ministryName, outcomeLabels, periodFull, periodLabel, replyBucketLabels, type Dimension } from './format.js';
import { ReportControls } from './ReportControls.js';
import { ReportPanel } from './ReportPanel.js';
import { useReportsRoute } from './route.js';
import './reports.css';

export function ReportsScreen({ session }: { session: SessionInfo }) {
  useChangeEvents();
  const { t } = useI18n();
  const [route, setRoute] = useReportsRoute();
  const [help, setHelp] = useState(false);
  const reference = useReference();
  const query: ReportQuery = { from: route.from, to: route.to, granularity: route.granularity, filter: route.filter };
  const report = useReport(query);
  return (
    <div className="workspace">
      <TopBar session={session} onHelp={() => setHelp(true)} />
      <main className="reports" aria-labelledby="reports-title" aria-busy={report.isFetching || undefined}>
        <div className="reports-head">
          <h2 id="reports-title" className="reports-title">
            {t('reports.title')}
          </h2>
          <p className="muted small">{t('reports.lead')}</p>
        </div>
        <ReportControls route={route} reference={reference.data} onChange={setRoute} />
        {report.isError ? <p role="alert">{t('reports.error', { message: errorMessage(report.error) })}</p> : null}
        {report.isPending ? <p className="muted">{t('reports.loading')}</p> : null}
        {report.data ? <ReportBody report={report.data} reference={reference.data} /> : null}
        <ExportPanel query={query} />
      </main>
      <SyncStatusBar role={session.staff?.role ?? 'staff'} />
      {help ? <HelpDialog onClose={() => setHelp(false)} /> : null}
    </div>
  );
}

function ReportBody({ report, reference }: { report: Report; reference: ReferenceData | undefined }) {
  const { t, lang } = useI18n();
  const g = report.query.granularity;
  const count = t('reports.col.count');
  const total = t('reports.col.total');
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  const breakdown = (dim: Dimension, items: { code: string; count: number }[], key: 'byCategory' | 'byTheme' | 'byAgeBand' | 'byChannel' | 'byStatus', ordered = false) => {
    const shown = items.filter((x) => x.count > 0 || !ordered);
    const data = shown.map((x) => ({ label: dimensionLabel(dim, x.code, reference, lang), value: x.count }));
    const title = t(`reports.${key}`);
    return (
      <ReportPanel
        id={key}
        title={title}
        chart={ordered ? <ColumnChart data={data} name={count} height={200} everyLabel /> : <RowChart data={data.filter((d) => d.value > 0)} name={count} />}
        table={{ columns: [{ label: t(`reports.dim.${dim}`) }, { label: count, numeric: true }], rows: data.map((d) => [d.label, d.value]), total: [total, sum(items.map((x) => x.count))] }}
      />
    );
  };

  const ages = ageBucketLabels(lang);
  const backlogSeries = AGE_BUCKETS.map((b, i) => ({ key: b.id, label: ages[i] }));
  const outcomes = outcomeLabels(lang);
  const replyLabels = replyBucketLabels(lang);
  const r = report.replies;

  return (
    <>
      <p className="report-asof muted small">{t('reports.asOf', { date: report.asOf })}</p>
      <dl className="report-kpis" aria-label={t('reports.kpis')}>
        <Kpi label={t('reports.kpi.received')} value={formatCount(report.totals.received, lang)} />
        <Kpi label={t('reports.kpi.open')} value={formatCount(report.totals.open, lang)} />
        <Kpi label={t('reports.kpi.replied')} value={formatCount(report.totals.replied, lang)} />
        <Kpi label={t('reports.kpi.median')} value={formatDuration(r.medianMinutes, lang)} />
        <Kpi label={t('reports.kpi.p90')} value={formatDuration(r.p90Minutes, lang)} />
      </dl>
      <div className="report-grid">
        <ReportPanel
          id="volume"
          layout="wide"
          title={t('reports.volume')}
          chart={<ColumnChart data={report.volume.map((p) => ({ label: periodLabel(p.period, g, lang), value: p.count }))} name={count} height={240} />}
          table={{
            columns: [{ label: t('reports.col.period') }, { label: count, numeric: true }],
            rows: report.volume.map((p) => [periodFull(p.period, g), p.count]),
            total: [total, report.totals.received],
          }}
        />
        {breakdown('category', report.byCategory, 'byCategory')}
        {breakdown('theme', report.byTheme, 'byTheme')}
        {breakdown('ageBand', report.byAgeBand, 'byAgeBand', true)}
        {breakdown('channel', report.byChannel, 'byChannel')}
        {breakdown('status', report.byStatus, 'byStatus')}
        <ReportPanel
          id="replies"
          title={t('reports.replies')}
          note={t('reports.repliesNote', { sent: formatCount(r.repliesSent, lang), replied: formatCount(r.replied, lang), median: formatDuration(r.medianMinutes, lang), p90: formatDuration(r.p90Minutes, lang) })}
          chart={<RowChart data={REPLY_BUCKETS.map((_, i) => ({ label: replyLabels[i], value: r.buckets[i] }))} name={count} />}
          table={{
            columns: [{ label: t('reports.col.time') }, { label: count, numeric: true }],
            rows: r.replied > 0 ? REPLY_BUCKETS.map((_, i) => [replyLabels[i], r.buckets[i]]) : [],
            total: [total, r.replied],
          }}
        />
        <ReportPanel
          id="backlog"
          layout="wide-table"
          title={t('reports.backlog')}
          note={t('reports.backlogNote')}
          chart={
            <StackedRowChart
              data={report.backlog.rows.filter((row) => row.total > 0).map((row) => ({ label: dimensionLabel('status', row.status, reference, lang), ...Object.fromEntries(AGE_BUCKETS.map((b, i) => [b.id, row.counts[i]])) }))}
              series={backlogSeries}
            />
          }
          table={{
            columns: [{ label: t('reports.col.status') }, ...ages.map((a) => ({ label: a, numeric: true })), { label: total, numeric: true }],
            rows: report.backlog.rows.filter((row) => row.total > 0).map((row) => [dimensionLabel('status', row.status, reference, lang), ...row.counts, row.total]),
            total: [total, ...report.backlog.totals, report.backlog.total],
          }}
        />
        <ReportPanel
          id="transfers"
          layout="wide-table"
          title={t('reports.transfers')}
          note={t('reports.transfersNote', { n: formatCount(report.transfers.transfers, lang) })}
          chart={
            <StackedRowChart
              data={report.transfers.rows.map((row) => ({ label: ministryName(reference, row.ministry, lang), ...Object.fromEntries(TRANSFER_OUTCOMES.map((o, i) => [o, row.items[i]])) }))}
              series={TRANSFER_OUTCOMES.map((o, i) => ({ key: o, label: outcomes[i] }))}
            />
          }
          table={{
            columns: [{ label: t('reports.col.ministry') }, ...outcomes.map((o) => ({ label: o, numeric: true })), { label: total, numeric: true }, { label: t('reports.col.transfers'), numeric: true }],
            rows: report.transfers.rows.map((row) => [ministryName(reference, row.ministry, lang), ...row.items, sum(row.items), row.transfers]),
            total: [total, ...report.transfers.totals, sum(report.transfers.totals), report.transfers.transfers],
          }}
        />
        <ReportPanel
          id="tags"
          title={t('reports.tags')}
          chart={<RowChart data={report.tags.map((x) => ({ label: x.tag, value: x.count }))} name={count} />}
          table={{ columns: [{ label: t('reports.col.tag') }, { label: count, numeric: true }], rows: report.tags.map((x) => [x.tag, x.count]) }}
        />
        <ReportPanel
          id="groups"
          title={t('reports.groups')}
          note={t('reports.groupsNote', { groups: formatCount(report.groups.groupCount, lang), members: formatCount(report.groups.memberCount, lang) })}
          chart={<RowChart data={report.groups.rows.map((x) => ({ label: groupLabel(x, reference, lang), value: x.count }))} name={count} />}
          table={{
            columns: [{ label: t('reports.col.group') }, { label: count, numeric: true }, { label: t('reports.col.span') }],
            rows: report.groups.rows.map((x) => [groupLabel(x, reference, lang), x.count, x.firstDay === x.lastDay ? x.firstDay : `${x.firstDay} – ${x.lastDay}`]),
          }}
        />
      </div>
    </>
  );
}

/** A campaign by what it is about (its theme and category) and its id. */
function groupLabel(g: Report['groups']['rows'][number], ref: ReferenceData | undefined, lang: 'ja' | 'en'): string {
  return `${dimensionLabel('theme', g.theme, ref, lang)}・${dimensionLabel('category', g.category, ref, lang)} (${g.groupId})`;
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <div className="report-kpi">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
