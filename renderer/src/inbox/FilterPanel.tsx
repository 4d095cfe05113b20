// The filters, one group per field. Groups fold away so the column stays calm; a group with
// something chosen shows how many and starts open.
import { useState } from 'react';
import type { InboxFilter, ReferenceData } from '../../../shared/domain.js';
import { STATUS_VALUES } from '../../../shared/domain.js';
import { useTags } from '../api/queries.js';
import { activeFilterCount } from '../app/url-state.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/ja.js';
import { channelLabel, codeLabel, ministryLabel, staffLabel, statusLabel } from '../i18n/labels.js';

type ListField = 'status' | 'category' | 'theme' | 'tag' | 'ageBand' | 'channel' | 'assignee' | 'ministry';
interface Option {
  value: string;
  label: string;
}

export function FilterPanel({ filter, reference, onChange, tagsEnabled }: { filter: InboxFilter; reference: ReferenceData | undefined; onChange: (f: InboxFilter) => void; tagsEnabled: boolean }) {
  const { t, lang } = useI18n();
  const tags = useTags(tagsEnabled);
  const set = (field: ListField, values: string[]) => onChange({ ...filter, [field]: values.length ? values : undefined });
  const withChosen = (field: ListField, options: Option[], label: (v: string) => string): Option[] => {
    // A value in the URL that reference data no longer lists stays visible (raw) so it can be unticked.
    const extra = (filter[field] ?? []).filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: label(v) }));
    return [...options, ...extra];
  };

  const groups: { field: ListField; title: MessageKey; options: Option[] }[] = [
    { field: 'status', title: 'filters.status', options: withChosen('status', STATUS_VALUES.map((s) => ({ value: s, label: statusLabel(s, lang) })), (v) => statusLabel(v, lang)) },
    { field: 'channel', title: 'filters.channel', options: (['form', 'email'] as const).map((c) => ({ value: c, label: channelLabel(c, lang) })) },
    { field: 'category', title: 'filters.category', options: withChosen('category', (reference?.categories ?? []).map((c) => ({ value: c.code, label: codeLabel(reference?.categories, c.code, lang)! })), (v) => v) },
    { field: 'theme', title: 'filters.theme', options: withChosen('theme', (reference?.themes ?? []).map((c) => ({ value: c.code, label: codeLabel(reference?.themes, c.code, lang)! })), (v) => v) },
    { field: 'ageBand', title: 'filters.ageBand', options: withChosen('ageBand', (reference?.ageBands ?? []).map((c) => ({ value: c.code, label: codeLabel(reference?.ageBands, c.code, lang)! })), (v) => v) },
    {
      field: 'assignee',
      title: 'filters.assignee',
      options: withChosen(
        'assignee',
        [
          { value: 'me', label: t('filters.me') },
          { value: 'none', label: t('filters.none') },
          ...(reference?.staff ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: s.name })),
        ],
        (v) => staffLabel(reference, v, lang),
      ),
    },
    {
      field: 'ministry',
      title: 'filters.ministry',
      options: withChosen(
        'ministry',
        [{ value: 'any', label: t('filters.anyMinistry') }, ...(reference?.ministries ?? []).filter((m) => m.active).map((m) => ({ value: m.code, label: ministryLabel(reference?.ministries, m.code, lang) }))],
        (v) => ministryLabel(reference?.ministries, v, lang),
      ),
    },
    { field: 'tag', title: 'filters.tag', options: withChosen('tag', (tags.data ?? []).map((x) => ({ value: x.tag, label: `${x.tag} (${x.count})` })), (v) => v) },
  ];

  const n = activeFilterCount({ ...filter, search: undefined, groupId: undefined });
  return (
    <section className="sidebar-section" aria-labelledby="filters-heading">
      <div className="section-head">
        <h2 id="filters-heading" className="section-title">
          {t('filters.heading')}
        </h2>
        <button type="button" className="button button-quiet button-small" disabled={n === 0} onClick={() => onChange(filter.search ? { search: filter.search } : {})}>
          {t('filters.clear')}
        </button>
      </div>
      {groups.map((g) => (
        <CheckGroup key={g.field} title={t(g.title)} options={g.options} chosen={filter[g.field] ?? []} onChange={(v) => set(g.field, v)} empty={g.field === 'tag' ? t('filters.noTags') : null} />
      ))}
      <DateGroup filter={filter} onChange={onChange} />
    </section>
  );
}

function CheckGroup({ title, options, chosen, onChange, empty }: { title: string; options: Option[]; chosen: string[]; onChange: (v: string[]) => void; empty: string | null }) {
  const { t } = useI18n();
  // Open at first when something is chosen; after that the user decides (no jumping shut).
  const [startOpen] = useState(chosen.length > 0);
  return (
    <details className="filter-group" open={startOpen || undefined}>
      <summary className="filter-summary">
        <span>{title}</span>
        {chosen.length ? <span className="filter-badge">{t('filters.activeCount', { n: chosen.length })}</span> : null}
      </summary>
      <fieldset className="filter-options">
        <legend className="visually-hidden">{title}</legend>
        {options.length === 0 && empty ? <p className="muted small">{empty}</p> : null}
        {options.map((o) => (
          <label key={o.value} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}

function DateGroup({ filter, onChange }: { filter: InboxFilter; onChange: (f: InboxFilter) => void }) {
  const { t } = useI18n();
  const n = (filter.from ? 1 : 0) + (filter.to ? 1 : 0);
  const [startOpen] = useState(n > 0);
  return (
    <details className="filter-group" open={startOpen || undefined}>
      <summary className="filter-summary">
        <span>{t('filters.date')}</span>
        {n ? <span className="filter-badge">{t('filters.activeCount', { n })}</span> : null}
      </summary>
      <fieldset className="filter-options filter-dates">
        <legend className="visually-hidden">{t('filters.date')}</legend>
        <label className="field">
          <span className="field-label">{t('filters.from')}</span>
          <input className="input" type="date" value={filter.from ?? ''} max={filter.to} onChange={(e) => onChange({ ...filter, from: e.target.value || undefined })} />
        </label>
        <label className="field">
          <span className="field-label">{t('filters.to')}</span>
          <input className="input" type="date" value={filter.to ?? ''} min={filter.from} onChange={(e) => onChange({ ...filter, to: e.target.value || undefined })} />
        </label>
      </fieldset>
    </details>
  );
}
