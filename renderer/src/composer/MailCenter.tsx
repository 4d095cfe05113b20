// Mail, from the top bar: the outbox (pending, failed, sent; retry and cancel) for everyone,
// the approval queue and the office's templates for supervisors, the relay settings for admins.
// Main enforces the roles; the tabs only follow them.
import { useState } from 'react';
import type { SessionInfo } from '../../../shared/contract.js';
import type { ApprovalItem, MailSettingsView, OutboxItem, OutboxState, ReplyTemplate } from '../../../shared/contract-mail.js';
import { errorMessage } from '../api/errors.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useAnnounce } from '../ui/announcer.js';
import { Dialog } from '../ui/Dialog.js';
import { useApprovals, useMailSettings, useMailWrite, useOutbox, useTemplates } from './api.js';
import { clock, useMailText, type MailTextKey } from './text.js';
import './composer.css';

type Tab = 'outbox' | 'approvals' | 'templates' | 'settings';
const RANK = { staff: 0, supervisor: 1, admin: 2 } as const;

export function MailButton({ session }: { session: SessionInfo }) {
  const m = useMailText();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
        {m('mail.button')}
      </button>
      {open ? <MailCenter session={session} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

export function MailCenter({ session, onClose }: { session: SessionInfo; onClose: () => void }) {
  const m = useMailText();
  const rank = RANK[session.staff?.role ?? 'staff'];
  const tabs: [Tab, MailTextKey][] = [['outbox', 'mail.tabOutbox']];
  if (rank >= 1) tabs.push(['approvals', 'mail.tabApprovals'], ['templates', 'mail.tabTemplates']);
  if (rank >= 2) tabs.push(['settings', 'mail.tabSettings']);
  const [tab, setTab] = useState<Tab>('outbox');
  return (
    <Dialog title={m('mail.title')} onClose={onClose} wide>
      <div className="mail-tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" role="tab" id={`mail-tab-${id}`} aria-selected={tab === id} aria-controls="mail-panel" className="button button-quiet" onClick={() => setTab(id)}>
            {m(label)}
          </button>
        ))}
      </div>
      <div id="mail-panel" role="tabpanel" aria-labelledby={`mail-tab-${tab}`}>
        {tab === 'outbox' ? <OutboxPanel /> : tab === 'approvals' ? <ApprovalsPanel /> : tab === 'templates' ? <TemplatesPanel /> : <SettingsPanel />}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {m('mail.close')}
        </button>
      </div>
    </Dialog>
  );
}

const FILTERS: { key: MailTextKey; states: OutboxState[] }[] = [
  { key: 'outbox.pending', states: ['queued', 'sending'] },
  { key: 'outbox.failed', states: ['failed'] },
  { key: 'outbox.sent', states: ['sent'] },
];

function OutboxPanel() {
  const m = useMailText();
  const { lang } = useI18n();
  const [filter, setFilter] = useState(0);
  const items = useOutbox(FILTERS[filter].states);
  const retry = useMailWrite('mail:retry');
  const cancel = useMailWrite('mail:cancel');
  const error = retry.error ?? cancel.error;
  return (
    <div>
      <div className="mail-tabs" role="group">
        {FILTERS.map((f, i) => (
          <button key={f.key} type="button" className="button button-quiet" aria-pressed={filter === i} onClick={() => setFilter(i)}>
            {m(f.key)}
          </button>
        ))}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {items.data?.length === 0 ? <p className="muted">{m('outbox.empty')}</p> : null}
      <ul className="mail-list" aria-label={m(FILTERS[filter].key)} tabIndex={0}>
        {(items.data ?? []).map((i: OutboxItem) => (
          <li key={i.id} className="mail-item" data-state={i.state}>
            <div className="mail-item-head">
              <strong>{i.subject}</strong>
              <span className="muted small">{i.submissionId}</span>
              <span className="muted small" translate="no">
                {i.toMasked}
              </span>
              <span className="small">{m(`outbox.state.${i.state}`)}</span>
              {i.attempts ? <span className="muted small">{m('outbox.attempts', { n: i.attempts })}</span> : null}
              {i.state === 'queued' && i.attempts > 0 && i.nextAttemptAt ? <span className="muted small">{m('outbox.next', { time: clock(i.nextAttemptAt, lang) })}</span> : null}
              {i.sentAt ? <span className="muted small">{clock(i.sentAt, lang)}</span> : null}
            </div>
            {i.lastError ? (
              <p className={i.state === 'failed' ? 'form-error' : 'notice'}>
                {i.lastError}
                {i.failure === 'settings' ? ` — ${m('outbox.settingsFailure')}` : ''}
              </p>
            ) : null}
            {i.state === 'failed' || i.state === 'queued' ? (
              <div className="mail-item-actions">
                <button type="button" className="button button-small" onClick={() => retry.mutate({ id: i.id })}>
                  {m('outbox.retry')}
                </button>
                <button type="button" className="button button-small button-danger" onClick={() => cancel.mutate({ id: i.id })}>
                  {m('outbox.cancel')}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ApprovalsPanel() {
  const m = useMailText();
  const items = useApprovals(true);
  if (items.data?.length === 0) return <p className="muted">{m('approvals.empty')}</p>;
  return (
    <ul className="mail-list" aria-label={m('mail.tabApprovals')} tabIndex={0}>
      {(items.data ?? []).map((a) => (
        <ApprovalRow key={a.draftId} a={a} />
      ))}
    </ul>
  );
}

function ApprovalRow({ a }: { a: ApprovalItem }) {
  const m = useMailText();
  const announce = useAnnounce();
  const approve = useMailWrite('mail:approve');
  const giveBack = useMailWrite('mail:return');
  const [comment, setComment] = useState('');
  const error = approve.error ?? giveBack.error;
  return (
    <li className="mail-item">
      <div className="mail-item-head">
        <strong>{a.subject}</strong>
        <span className="muted small">{a.submissionId}</span>
        <span className="muted small">{m('approvals.by', { name: a.staffName ?? a.staffId ?? '?' })}</span>
        <span className="muted small" translate="no">
          {a.toMasked}
        </span>
      </div>
      <pre className="composer-preview-body">{a.body}</pre>
      <label className="field">
        <span className="field-label">{m('approvals.comment')}</span>
        <input className="input" value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      <div className="mail-item-actions">
        <button
          type="button"
          className="button button-primary button-small"
          disabled={approve.isPending || !a.recipientValid}
          onClick={() => approve.mutate({ submissionId: a.submissionId, draftId: a.draftId, comment }, { onSuccess: () => announce(m('composer.queued')) })}
        >
          {m('approvals.approve')}
        </button>
        <button type="button" className="button button-small" disabled={!comment.trim() || giveBack.isPending} onClick={() => giveBack.mutate({ submissionId: a.submissionId, draftId: a.draftId, comment })}>
          {m('approvals.return')}
        </button>
      </div>
    </li>
  );
}

const EMPTY_TEMPLATE: ReplyTemplate = { id: '', name: '', language: 'ja', subject: '', body: '', updatedAt: null };

function TemplatesPanel() {
  const m = useMailText();
  const templates = useTemplates();
  const put = useMailWrite('mail:putTemplate');
  const remove = useMailWrite('mail:deleteTemplate');
  const [editing, setEditing] = useState<ReplyTemplate>(EMPTY_TEMPLATE);
  const isNew = !(templates.data ?? []).some((t) => t.id === editing.id);
  const set = (patch: Partial<ReplyTemplate>) => setEditing((t) => ({ ...t, ...patch }));
  const error = put.error ?? remove.error;
  return (
    <div className="mail-form">
      <label className="field field-wide">
        <span className="field-label">{m('mail.tabTemplates')}</span>
        <select className="select" value={isNew ? '' : editing.id} onChange={(e) => setEditing((templates.data ?? []).find((t) => t.id === e.target.value) ?? EMPTY_TEMPLATE)}>
          <option value="">{m('templates.new')}</option>
          {(templates.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.language})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{m('templates.id')}</span>
        <input className="input" value={editing.id} readOnly={!isNew && editing.id !== ''} onChange={(e) => set({ id: e.target.value })} />
      </label>
      <label className="field">
        <span className="field-label">{m('templates.name')}</span>
        <input className="input" value={editing.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <label className="field">
        <span className="field-label">{m('templates.language')}</span>
        <select className="select" value={editing.language} onChange={(e) => set({ language: e.target.value })}>
          <option value="ja">日本語</option>
          <option value="en">English</option>
        </select>
      </label>
      <label className="field field-wide">
        <span className="field-label">{m('composer.subject')}</span>
        <input className="input" value={editing.subject} onChange={(e) => set({ subject: e.target.value })} />
      </label>
      <label className="field field-wide">
        <span className="field-label">{m('composer.body')}</span>
        <textarea className="textarea" rows={10} value={editing.body} onChange={(e) => set({ body: e.target.value })} />
      </label>
      {error ? (
        <p className="form-error field-wide" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {put.isSuccess ? <p className="muted field-wide">{m('templates.saved')}</p> : null}
      <div className="mail-item-actions field-wide">
        <button
          type="button"
          className="button button-primary"
          disabled={!editing.id || !editing.name.trim() || !editing.body.trim() || put.isPending}
          onClick={() =>
            put.mutate({ id: editing.id, name: editing.name, language: editing.language === 'en' ? 'en' : 'ja', subject: editing.subject, body: editing.body })
          }
        >
          {m('templates.save')}
        </button>
        {!isNew ? (
          <button type="button" className="button button-danger" onClick={() => remove.mutate({ id: editing.id }, { onSuccess: () => setEditing(EMPTY_TEMPLATE) })}>
            {m('templates.delete')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function SettingsPanel() {
  const settings = useMailSettings(true);
  if (!settings.data) return settings.error ? <p className="form-error">{errorMessage(settings.error)}</p> : null;
  return <SettingsForm initial={settings.data} />;
}

function SettingsForm({ initial }: { initial: MailSettingsView }) {
  const m = useMailText();
  const save = useMailWrite('mail:setSettings');
  const test = useMailWrite('mail:sendTest');
  const [v, setV] = useState(initial);
  const [password, setPassword] = useState('');
  const [clearPassword, setClearPassword] = useState(false);
  const serverLocked = initial.serverSource === 'policy' || initial.serverSource === 'environment';
  const set = (patch: Partial<MailSettingsView>) => setV((x) => ({ ...x, ...patch }));
  const text = (key: 'host' | 'username' | 'fromAddress' | 'fromName' | 'replyTo' | 'officeName', label: MailTextKey, disabled = false) => (
    <label className="field">
      <span className="field-label">{m(label)}</span>
      <input className="input" value={v[key] ?? ''} disabled={disabled} onChange={(e) => set({ [key]: e.target.value })} />
    </label>
  );
  const error = save.error ?? test.error;
  return (
    <form
      className="mail-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            host: v.host,
            port: v.port,
            security: v.security,
            username: v.username,
            password: clearPassword ? null : password ? password : undefined,
            fromAddress: v.fromAddress,
            fromName: v.fromName,
            replyTo: v.replyTo,
            officeName: v.officeName,
            replyApproval: v.replyApproval,
          },
          {
            onSuccess: (next) => {
              setV(next);
              setPassword('');
              setClearPassword(false);
            },
          },
        );
      }}
    >
      {serverLocked ? <p className="notice field-wide">{m(initial.serverSource === 'policy' ? 'settings.source.policy' : 'settings.source.environment')}</p> : null}
      {text('host', 'settings.host', serverLocked)}
      <label className="field">
        <span className="field-label">{m('settings.port')}</span>
        <input className="input" inputMode="numeric" value={v.port ?? ''} disabled={serverLocked} onChange={(e) => set({ port: /^\d+$/.test(e.target.value) ? Number(e.target.value) : null })} />
      </label>
      <label className="field">
        <span className="field-label">{m('settings.security')}</span>
        <select className="select" value={v.security} disabled={serverLocked} onChange={(e) => set({ security: e.target.value === 'tls' ? 'tls' : 'starttls' })}>
          <option value="starttls">{m('settings.starttls')}</option>
          <option value="tls">{m('settings.tls')}</option>
        </select>
      </label>
      {text('username', 'settings.username')}
      <label className="field">
        <span className="field-label">{m('settings.password')}</span>
        <input className="input" type="password" autoComplete="new-password" value={password} placeholder={initial.hasPassword ? m('settings.passwordKept') : ''} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {initial.hasPassword ? (
        <label className="check">
          <input type="checkbox" checked={clearPassword} onChange={(e) => setClearPassword(e.target.checked)} /> {m('settings.clearPassword')}
        </label>
      ) : null}
      {text('fromAddress', 'settings.fromAddress')}
      {text('fromName', 'settings.fromName')}
      {text('replyTo', 'settings.replyTo')}
      {text('officeName', 'settings.officeName')}
      <label className="check field-wide">
        <input type="checkbox" checked={v.replyApproval} disabled={initial.replyApprovalLocked} onChange={(e) => set({ replyApproval: e.target.checked })} /> {m('settings.replyApproval')}
        {initial.replyApprovalLocked ? <span className="muted small"> — {m('settings.locked')}</span> : null}
      </label>
      {v.problem ? <p className="notice field-wide">{v.problem}</p> : null}
      {error ? (
        <p className="form-error field-wide" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {save.isSuccess ? <p className="muted field-wide">{m('settings.saved')}</p> : null}
      {test.data ? <p className="muted field-wide">{m('settings.testSent', { to: test.data.to })}</p> : null}
      <div className="mail-item-actions field-wide">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {m('settings.save')}
        </button>
        <button type="button" className="button" disabled={test.isPending || Boolean(v.problem)} onClick={() => test.mutate({})}>
          {m('settings.test')}
        </button>
      </div>
    </form>
  );
}
