// About Koe and its settings, from the top bar: the version and whether the build is signed,
// the managed policy in force, where the data lives, updates (with what will change, before
// installing), every setting with who decides it, and diagnostics to copy for IT.
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { InstallUpdateResult } from '../../../shared/contract-admin.js';
import { useKoe } from '../api/client-context.js';
import { errorMessage } from '../api/errors.js';
import { useCall } from '../api/use-call.js';
import { formatDateTime } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Dialog } from '../ui/Dialog.js';
import { canCheckNow, lockText, settingSourceText, settingValueText, signingText, updateInProgress, updateText } from './about-text.js';
import { DataSafetySection } from '../safety/DataSafetySection.js';
import { useSession } from '../api/queries.js';
import { SettingEditor } from './SettingEditor.js';
import './settings.css';

const NONE = {} as const;

export function AboutButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
        {t('about.button')}
      </button>
      {open ? <AboutDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog title={t('about.title')} onClose={onClose} wide>
      <div className="about">
        <AboutFacts />
        <UpdatesSection />
        <SettingsSection />
        <DataSafetySection />
        <DiagnosticsSection />
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" data-autofocus onClick={onClose}>
          {t('app.close')}
        </button>
      </div>
    </Dialog>
  );
}

function AboutFacts() {
  const { t, lang } = useI18n();
  const about = useCall('admin:about', NONE, { staleTime: 0 });
  if (about.isPending) return <p>{t('app.loading')}</p>;
  if (about.isError) return <p className="form-error">{t('app.error', { message: errorMessage(about.error) })}</p>;
  const { build, policy, dataDir, lastSyncAt } = about.data;
  return (
    <dl className="meta">
      <div className="meta-row">
        <dt>{t('about.version')}</dt>
        <dd>{build.appVersion}</dd>
      </div>
      <div className="meta-row">
        <dt>{t('about.signature')}</dt>
        <dd className={build.signing === 'unsigned' ? 'about-unsigned' : undefined}>{signingText(build.signing, t)}</dd>
      </div>
      {build.builtAt ? (
        <div className="meta-row">
          <dt>{t('about.built')}</dt>
          <dd>
            {formatDateTime(build.builtAt, lang)}
            {build.commit ? ` (${build.commit.slice(0, 12)})` : ''}
          </dd>
        </div>
      ) : null}
      <div className="meta-row">
        <dt>{t('about.runtime')}</dt>
        <dd>{[build.electron ? `Electron ${build.electron}` : null, `Node ${build.node}`, `${build.platform} ${build.arch}`].filter(Boolean).join(' · ')}</dd>
      </div>
      <div className="meta-row">
        <dt>{t('about.lastSync')}</dt>
        <dd>{lastSyncAt ? formatDateTime(lastSyncAt, lang) : t('about.never')}</dd>
      </div>
      <div className="meta-row meta-row-wide">
        <dt>{t('about.dataDir')}</dt>
        <dd className="about-path">{dataDir}</dd>
      </div>
      <div className="meta-row meta-row-wide">
        <dt>{t('about.policy')}</dt>
        <dd>
          {policy.source ? t('about.policyFrom', { source: policy.source, n: policy.settings.length }) : t('about.policyNone')}
          {policy.invalid.length ? <span className="about-invalid"> {t('about.policyInvalid', { names: policy.invalid.join(', ') })}</span> : null}
        </dd>
      </div>
    </dl>
  );
}

function UpdatesSection() {
  const { t } = useI18n();
  const client = useKoe();
  // While an update is being looked for or downloaded, its progress is read every two seconds.
  const about = useCall('admin:about', NONE, { staleTime: 0, refetchInterval: (q) => (updateInProgress(q.state.data?.updates) ? 2000 : false) });
  const check = useMutation({ mutationFn: () => client['admin:checkForUpdates']({}), onSettled: () => about.refetch() });
  const install = useMutation<InstallUpdateResult>({ mutationFn: () => client['admin:installUpdate']({}) });
  const status = about.data?.updates;
  if (!status) return null;
  const refused = install.data && !install.data.started ? install.data.reason : null;
  return (
    <section className="about-section" aria-labelledby="about-updates">
      <h3 id="about-updates" className="about-heading">
        {t('about.updates')}
      </h3>
      <p role="status">{updateText(status, t)}</p>
      {canCheckNow(status) ? (
        <button type="button" className="button button-small" onClick={() => check.mutate()} disabled={check.isPending}>
          {t('about.checkNow')}
        </button>
      ) : null}
      {status.state === 'ready' ? (
        <div className="about-release">
          <h4 className="about-subheading">{t('about.releaseNotes', { version: status.version })}</h4>
          {/* The feed's notes arrive as plain text (main strips any markup) and are shown as text. */}
          <p className="about-notes">{status.releaseNotes || t('about.noNotes')}</p>
          <p className="about-hint">{t('about.installHint')}</p>
          <button
            type="button"
            className="button button-primary"
            disabled={install.isPending}
            onClick={() => install.mutate()}
          >
            {t('about.install')}
          </button>
          {refused === 'send-in-flight' ? (
            <p className="notice" role="status">
              {t('about.sendInFlight')}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function SettingsSection() {
  const { t, lang } = useI18n();
  const rows = useCall('admin:settings', NONE, { staleTime: 0 });
  // Main refuses the change to anyone else; only an administrator is offered it.
  const isAdmin = useSession().data?.staff?.role === 'admin';
  return (
    <section className="about-section" aria-labelledby="about-settings">
      <h3 id="about-settings" className="about-heading">
        {t('about.settings')}
      </h3>
      {rows.isPending ? <p>{t('app.loading')}</p> : null}
      {rows.isError ? <p className="form-error">{t('app.error', { message: errorMessage(rows.error) })}</p> : null}
      {rows.data ? (
        <table className="keys-table about-settings">
          <thead>
            <tr>
              <th scope="col">{t('about.setting')}</th>
              <th scope="col">{t('about.value')}</th>
              <th scope="col">{t('about.source')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.data.map((row) => {
              const lock = lockText(row, t);
              return (
                <tr key={row.name}>
                  <th scope="row" title={row.description[lang]}>
                    {row.title[lang]}
                  </th>
                  <td className="about-value">{row.editable && isAdmin ? <SettingEditor row={row} /> : settingValueText(row, t)}</td>
                  <td>
                    {settingSourceText(row, t)}
                    {lock ? <span className="about-lock"> {lock}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function DiagnosticsSection() {
  const { t } = useI18n();
  const client = useKoe();
  const text = useRef<HTMLTextAreaElement>(null);
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  const diagnostics = useMutation({ mutationFn: () => client['admin:diagnostics']({}) });

  const copy = async () => {
    setOutcome(null);
    const { text: value } = await diagnostics.mutateAsync();
    let copied = false;
    try {
      await navigator.clipboard.writeText(value);
      copied = true;
    } catch {
      // The clipboard API may be refused (Koe grants no permissions); the text stays selectable below.
    }
    setOutcome(copied ? 'copied' : 'failed');
    if (!copied) requestAnimationFrame(() => text.current?.select());
  };

  return (
    <section className="about-section" aria-labelledby="about-diagnostics">
      <h3 id="about-diagnostics" className="about-heading">
        {t('about.diagnostics')}
      </h3>
      <p className="about-hint">{t('about.diagnosticsLead')}</p>
      <button type="button" className="button button-small" onClick={() => void copy().catch(() => setOutcome('failed'))} disabled={diagnostics.isPending}>
        {t('about.copyDiagnostics')}
      </button>
      {outcome ? <p role="status">{t(outcome === 'copied' ? 'about.copied' : 'about.copyFailed')}</p> : null}
      {diagnostics.isError ? <p className="form-error">{t('app.error', { message: errorMessage(diagnostics.error) })}</p> : null}
      {diagnostics.data ? <textarea ref={text} className="about-diagnostics" readOnly rows={10} value={diagnostics.data.text} aria-label={t('about.diagnostics')} /> : null}
    </section>
  );
}
