// What a report covers: the days (with the ranges supervisors ask for most), how the volume is
// grouped, and filters on the five dimensions. Every change is a new URL, so Back undoes it.
import { useState } from 'react';
import { GRANULARITIES, reportQuery, type ReportFilter } from '../../../shared/contract-reports.js';
import { STATUS_VALUES, type ReferenceData } from '../../../shared/domain.js';
import { useI18n } from '../i18n/i18n-context.js';
import { dimensionLabel, type Dimension } from './format.js';
import { presetRange, type ReportsRoute } from './route.js';

const PRESETS = ['last30', 'thisMonth', 'last90', 'last12m', 'fiscalYear'] as const;
const DIMENSIONS: Dimension[] = ['category', 'theme', 'ageBand', 'channel', 'status'];

function optionsOf(dim: Dimension, ref: ReferenceData | undefined): string[] {
  switch (dim) {
    case 'category':
      return (ref?.categories ?? []).map((c) => c.code);
    case 'theme':
      return [...(ref?.themes ?? []).map((c) => c.code), ''];
    case 'ageBand':
      return [...(ref?.ageBands ?? []).map((c) => c.code), ''];
    case 'channel':
      return ['form', 'email'];
    case 'status':
      return [...STATUS_VALUES];
  }
}

export function ReportControls({ route, reference, onChange }: { route: ReportsRoute; reference: ReferenceData | undefined; onChange: (r: ReportsRoute) => void }) {
  const { t, lang } = useI18n();
  // Dates are typed into a draft and applied when both make a valid range.
  const [draft, setDraft] = useState({ from: route.from, to: route.to });
  const [synced, setSynced] = useState(route);
  if (synced !== route) {
    setSynced(route);
    setDraft({ from: route.from, to: route.to });
  }
  const draftValid = reportQuery.safeParse({ from: draft.from, to: draft.to }).success;
  const applyDates = (next: { from: string; to: string }) => {
    setDraft(next);
    if (reportQuery.safeParse(next).success) onChange({ ...route, ...next });
  };
  const setFilter = (dim: Dimension, values: string[]) => {
    const filter: ReportFilter = { ...route.filter, [dim]: values.length ? values : undefined };
    for (const k of Object.keys(filter) as (keyof ReportFilter)[]) if (!filter[k]) delete filter[k];
    onChange({ ...route, filter });
  };
  const anyFilter = Object.values(route.filter).some((v) => v && v.length);

  return (
    <section className="report-controls" aria-label={t('reports.controls')}>
      <div className="report-controls-row">
        <label className="report-field">
          <span>{t('reports.from')}</span>
          <input className="input" type="date" value={draft.from} max={draft.to} aria-invalid={!draftValid || undefined} onChange={(e) => applyDates({ ...draft, from: e.target.value })} />
        </label>
        <label className="report-field">
          <span>{t('reports.to')}</span>
          <input className="input" type="date" value={draft.to} min={draft.from} aria-invalid={!draftValid || undefined} onChange={(e) => applyDates({ ...draft, to: e.target.value })} />
        </label>
        <div className="report-presets" role="group" aria-label={t('reports.presets')}>
          {PRESETS.map((p) => (
            <button key={p} type="button" className="button button-small button-quiet" onClick={() => onChange({ ...route, ...presetRange(p, new Date()) })}>
              {t(`reports.preset.${p}`)}
            </button>
          ))}
        </div>
        <div className="report-granularity" role="radiogroup" aria-label={t('reports.granularity')}>
          <span className="report-granularity-label" aria-hidden="true">
            {t('reports.granularity')}
          </span>
          {GRANULARITIES.map((g) => (
            <label key={g} className={route.granularity === g ? 'segment segment-on' : 'segment'}>
              <input type="radio" name="report-granularity" value={g} checked={route.granularity === g} onChange={() => onChange({ ...route, granularity: g })} />
              {t(`reports.g.${g}`)}
            </label>
          ))}
        </div>
      </div>
      <div className="report-controls-row" role="group" aria-label={t('reports.filters')}>
        <span className="report-filters-label">{t('reports.filters')}</span>
        {DIMENSIONS.map((dim) => {
          const chosen = route.filter[dim] ?? [];
          const options = [...optionsOf(dim, reference), ...chosen.filter((c) => !optionsOf(dim, reference).includes(c))];
          const title = t(`reports.dim.${dim}`);
          return (
            <details key={dim} className="report-filter">
              <summary className={chosen.length ? 'button button-small report-filter-on' : 'button button-small'}>{chosen.length ? t('reports.filterCount', { label: title, n: chosen.length }) : title}</summary>
              <fieldset className="report-filter-options">
                <legend className="visually-hidden">{title}</legend>
                {options.map((code) => (
                  <label key={code || 'none'} className="check">
                    <input
                      type="checkbox"
                      checked={chosen.includes(code)}
                      onChange={(e) => setFilter(dim, e.target.checked ? [...chosen, code] : chosen.filter((c) => c !== code))}
                    />
                    {dimensionLabel(dim, code, reference, lang)}
                  </label>
                ))}
              </fieldset>
            </details>
          );
        })}
        <button type="button" className="button button-small button-quiet" disabled={!anyFilter} onClick={() => onChange({ ...route, filter: {} })}>
          {t('reports.clearFilters')}
        </button>
      </div>
    </section>
  );
}
