// Exporting the report on screen: CSV, XLSX or PDF, internal or for publication. Main builds the
// file and, in the app, asks where to save it (no path ever comes from here); in the browser
// harness it comes back as a download. A progress bar follows main's `reports` announcements,
// and Cancel stops the export before anything is saved.
import { useState } from 'react';
import { EXPORT_FORMATS, type ReportFormat, type ReportQuery } from '../../../shared/contract-reports.js';
import { errorMessage } from '../api/errors.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/ja.js';
import { offerDownload } from '../transfers/download.js';
import { useAnnounce } from '../ui/announcer.js';
import { newExportId, useCancelExport, useExportProgress, useExportReport, useReportSettings } from './api.js';

const FORMAT_LABELS: Record<ReportFormat, string> = { csv: 'CSV', xlsx: 'Excel (XLSX)', pdf: 'PDF' };

export function ExportPanel({ query }: { query: ReportQuery }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const settings = useReportSettings();
  const [format, setFormat] = useState<ReportFormat>('xlsx');
  const [publication, setPublication] = useState(false);
  const [exportId, setExportId] = useState<string | null>(null);
  // Kept as a message and its values, so it follows a change of language.
  const [outcome, setOutcome] = useState<{ key: MessageKey; vars: Record<string, string>; error: boolean } | null>(null);
  const run = useExportReport();
  const cancel = useCancelExport();
  const progress = useExportProgress(exportId);
  const threshold = settings.data?.suppressionThreshold ?? 5;
  const busy = run.isPending;

  const start = () => {
    const id = newExportId();
    setExportId(id);
    setOutcome(null);
    run.mutate(
      { query, format, publication, language: lang, exportId: id },
      {
        onSuccess: (r) => {
          if (r.outcome === 'download') offerDownload(r.fileName, r.mime, r.base64);
          const key: MessageKey = r.outcome === 'download' ? 'reports.downloaded' : r.outcome === 'saved' ? 'reports.saved' : 'reports.exportCancelled';
          setOutcome({ key, vars: { file: r.fileName }, error: false });
          announce(t(key, { file: r.fileName }));
        },
        onError: (e) => {
          setOutcome({ key: 'reports.exportFailed', vars: { message: errorMessage(e) }, error: true });
          announce(t('reports.exportFailed', { message: errorMessage(e) }));
        },
        onSettled: () => setExportId(null),
      },
    );
  };

  const fraction = progress.data?.fraction ?? 0;
  const phase = progress.data?.phase ?? 'preparing';
  const pct = Math.round(fraction * 100);
  return (
    <section className="report-export" aria-labelledby="report-export-heading">
      <h3 id="report-export-heading" className="report-panel-title">
        {t('reports.export')}
      </h3>
      <div className="report-export-row">
        <div role="radiogroup" aria-label={t('reports.format')} className="report-formats">
          {EXPORT_FORMATS.map((f) => (
            <label key={f} className={format === f ? 'segment segment-on' : 'segment'}>
              <input type="radio" name="report-format" value={f} checked={format === f} disabled={busy} onChange={() => setFormat(f)} />
              {FORMAT_LABELS[f]}
            </label>
          ))}
        </div>
        <label className="check report-publication">
          <input type="checkbox" checked={publication} disabled={busy} onChange={(e) => setPublication(e.target.checked)} />
          {t('reports.publication', { n: threshold })}
        </label>
        <button type="button" className="button button-primary" disabled={busy} onClick={start}>
          {t('reports.exportButton')}
        </button>
      </div>
      {publication && settings.data?.thresholdLocked ? <p className="muted small">{t('reports.publicationLocked', { n: threshold })}</p> : null}
      <p className="muted small">{t('reports.exportAudited')}</p>
      {busy ? (
        <div className="report-progress" role="status">
          <progress max={1} value={fraction} aria-label={t('reports.exportProgress')} />
          <span>{t('reports.exporting', { phase: t(`reports.phase.${phase}`), pct })}</span>
          <button type="button" className="button button-small" disabled={!exportId || cancel.isPending} onClick={() => exportId && cancel.mutate(exportId)}>
            {t('reports.cancelExport')}
          </button>
        </div>
      ) : null}
      {outcome && !busy ? (
        <p className={outcome.error ? 'report-outcome report-outcome-error' : 'report-outcome'} role={outcome.error ? 'alert' : undefined}>
          {t(outcome.key, outcome.vars)}
        </p>
      ) : null}
    </section>
  );
}
