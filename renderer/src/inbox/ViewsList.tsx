// Built-in and saved views. A view is a filter and a sort; the one matching the current
// filter is marked current, so reopening a view or arriving by URL looks the same.
import { useState } from 'react';
import type { InboxFilter, SavedView } from '../../../shared/domain.js';
import { useDeleteView, useSaveView } from '../api/mutations.js';
import { useInboxCount, useViews } from '../api/queries.js';
import { errorMessage } from '../api/errors.js';
import { normalizeFilter, sameFilter, type Sort } from '../app/url-state.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatCount } from '../i18n/format.js';
import { isMessageKey } from '../i18n/translate.js';
import { useAnnounce } from '../ui/announcer.js';
import { Dialog } from '../ui/Dialog.js';

const ALL: SavedView = { id: 'all', name: 'All', filter: {}, sort: 'received_desc', builtIn: true };

export function ViewsList({ filter, sort, onOpen, countsEnabled }: { filter: InboxFilter; sort: Sort; onOpen: (f: InboxFilter, s: Sort) => void; countsEnabled: boolean }) {
  const { t } = useI18n();
  const views = useViews();
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<SavedView | null>(null);
  const list = [ALL, ...(views.data ?? [])];
  const canSave = !list.some((v) => sameFilter(v.filter, filter));

  return (
    <section className="sidebar-section" aria-labelledby="views-heading">
      <h2 id="views-heading" className="section-title">
        {t('views.heading')}
      </h2>
      <ul className="views">
        {list.map((v) => (
          <ViewItem key={v.id} countEnabled={countsEnabled} view={v} current={sameFilter(v.filter, filter)} onOpen={() => onOpen(v.filter, v.sort)} onDelete={v.builtIn ? null : () => setDeleting(v)} />
        ))}
      </ul>
      <button type="button" className="button button-quiet button-small" disabled={!canSave} onClick={() => setSaving(true)}>
        {t('views.saveCurrent')}
      </button>
      {saving ? <SaveViewDialog filter={filter} sort={sort} onClose={() => setSaving(false)} /> : null}
      {deleting ? <DeleteViewDialog view={deleting} onClose={() => setDeleting(null)} /> : null}
    </section>
  );
}

function viewName(v: SavedView, t: ReturnType<typeof useI18n>['t']): string {
  if (v.id === 'all') return t('views.all');
  const key = `views.${v.id}`;
  return v.builtIn && isMessageKey(key) ? t(key) : v.name;
}

function ViewItem({ view, current, onOpen, onDelete, countEnabled }: { view: SavedView; current: boolean; onOpen: () => void; onDelete: (() => void) | null; countEnabled: boolean }) {
  const { t, lang } = useI18n();
  const count = useInboxCount(normalizeFilter(view.filter), countEnabled).data?.count;
  const name = viewName(view, t);
  return (
    <li className="view-item">
      <button type="button" className={current ? 'view-button view-current' : 'view-button'} aria-current={current ? 'true' : undefined} onClick={onOpen}>
        <span className="view-name">{name}</span>
        {count !== undefined ? <span className="view-count">{formatCount(count, lang)}</span> : null}
      </button>
      {onDelete ? (
        <button type="button" className="icon-button" aria-label={t('views.deleteNamed', { name })} onClick={onDelete}>
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </li>
  );
}

function SaveViewDialog({ filter, sort, onClose }: { filter: InboxFilter; sort: Sort; onClose: () => void }) {
  const { t } = useI18n();
  const save = useSaveView();
  const announce = useAnnounce();
  const [name, setName] = useState('');
  return (
    <Dialog title={t('views.saveTitle')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          save.mutate(
            { name: name.trim(), filter, sort },
            {
              onSuccess: (v) => {
                announce(t('views.saved', { name: v.name }));
                onClose();
              },
            },
          );
        }}
      >
        <label className="field">
          <span className="field-label">{t('views.name')}</span>
          <input className="input" data-autofocus maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {save.isError ? (
          <p className="form-error" role="alert">
            {t('act.failed', { message: errorMessage(save.error) })}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={!name.trim() || save.isPending}>
            {t('app.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteViewDialog({ view, onClose }: { view: SavedView; onClose: () => void }) {
  const { t } = useI18n();
  const del = useDeleteView();
  return (
    <Dialog title={t('views.deleteConfirm', { name: view.name })} onClose={onClose}>
      <div className="dialog-actions">
        <button type="button" className="button" data-autofocus onClick={onClose}>
          {t('app.cancel')}
        </button>
        <button type="button" className="button button-danger" disabled={del.isPending} onClick={() => del.mutate(view.id, { onSuccess: onClose })}>
          {t('app.delete')}
        </button>
      </div>
    </Dialog>
  );
}
