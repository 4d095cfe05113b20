// One setting an administrator can change on this workstation (the sync interval, retention,
// the publication threshold): the value as it stands, a field to change it and a way back to
// the default. Main checks the value and that no policy locks it; its answer is shown as it is.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { SettingRow, SettingValue } from '../../../shared/contract-admin.js';
import { useKoe } from '../api/client-context.js';
import { errorMessage } from '../api/errors.js';
import { useI18n } from '../i18n/i18n-context.js';
import { settingValueText } from './about-text.js';

export function SettingEditor({ row }: { row: SettingRow }) {
  const { t, lang } = useI18n();
  const client = useKoe();
  const [draft, setDraft] = useState(row.value === null ? '' : String(row.value));
  const save = useMutation({ mutationFn: (value: SettingValue) => client['admin:setSetting']({ name: row.name, value }) });
  const title = row.title[lang];

  const parsed = row.kind === 'integer' ? (/^\d+$/.test(draft.trim()) ? Number(draft.trim()) : null) : row.kind === 'boolean' ? draft === 'true' : draft.trim();
  const changed = parsed !== null && parsed !== row.value;

  return (
    <form
      className="setting-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed) save.mutate(parsed);
      }}
    >
      <input
        className="input setting-input"
        type={row.kind === 'integer' ? 'number' : 'text'}
        inputMode={row.kind === 'integer' ? 'numeric' : undefined}
        aria-label={title}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="button button-small" disabled={!changed || save.isPending}>
        {t('about.change')}
      </button>
      {row.source === 'user' ? (
        <button
          type="button"
          className="button button-quiet button-small"
          disabled={save.isPending}
          onClick={() => save.mutate(null, { onSuccess: (rows) => setDraft(String(rows.find((r) => r.name === row.name)?.value ?? '')) })}
        >
          {t('about.resetToDefault')}
        </button>
      ) : null}
      {save.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(save.error)}
        </p>
      ) : null}
      {save.isSuccess ? <p role="status">{t('about.saved', { setting: `${title}（${settingValueText({ ...row, value: save.data.find((r) => r.name === row.name)?.value ?? null }, t)}）` })}</p> : null}
    </form>
  );
}
