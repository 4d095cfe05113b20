// Writing a reply. Opening it claims the reply at the office (a conflict names who holds it and
// until when); the text is saved as it is typed; the preview is exactly what will go out, with
// every placeholder that still needs the user named; Cancel releases the claim, keeping the draft.
import { useEffect, useRef, useState } from 'react';
import { TEMPLATE_VARIABLES, type ReplyLanguage, type TemplateProblem } from '../../../shared/contract-mail.js';
import { errorMessage } from '../api/errors.js';
import { useCall } from '../api/use-call.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useAnnounce } from '../ui/announcer.js';
import { Dialog } from '../ui/Dialog.js';
import { useComposer, useMailWrite, useTemplates } from './api.js';
import { renewalDelay } from './claim-renewal.js';
import { blockText, claimErrorText, clock, useMailText } from './text.js';
import './composer.css';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return v;
}

export function ComposerDialog({ submissionId, onClose }: { submissionId: string; onClose: () => void }) {
  const { lang } = useI18n();
  const m = useMailText();
  const announce = useAnnounce();
  const composer = useComposer(submissionId);
  const templates = useTemplates();
  const claim = useMailWrite('mail:claim');
  const release = useMailWrite('mail:release');
  const save = useMailWrite('mail:saveDraft');
  const send = useMailWrite('mail:send');

  const [text, setText] = useState<{ subject: string; body: string } | null>(null);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [language, setLanguage] = useState<ReplyLanguage | null>(null);
  const dirty = useRef(false);

  // Claim once as the composer opens; claiming again while holding it renews it.
  const claimed = useRef(false);
  useEffect(() => {
    if (claimed.current) return;
    claimed.current = true;
    claim.mutate({ submissionId });
  }, [claim, submissionId]);

  // While the composer stays open, claim again shortly before the claim ends.
  const heldUntil = claim.data?.until ?? null;
  const claimAgain = claim.mutate;
  useEffect(() => {
    const delay = heldUntil ? renewalDelay(heldUntil, Date.now()) : null;
    if (delay === null) return;
    const timer = setTimeout(() => claimAgain({ submissionId }), delay);
    return () => clearTimeout(timer);
  }, [heldUntil, claimAgain, submissionId]);

  // The saved draft, once, when it arrives; after that the fields are the user's.
  const c = composer.data;
  if (c && text === null) {
    setText({ subject: c.draft?.subject ?? '', body: c.draft?.body ?? '' });
    setTemplateId(c.draft?.templateId ?? null);
    setLanguage(c.draft?.language ?? c.language);
  }

  const debounced = useDebounced(text, 400);
  useEffect(() => {
    if (!debounced || !dirty.current) return;
    dirty.current = false;
    save.mutate({ submissionId, subject: debounced.subject, body: debounced.body, templateId, language: language ?? undefined });
    // Only the text triggers a save; the template and language travel with it.
  }, [debounced]);

  const preview = useCall(
    'mail:preview',
    { submissionId, subject: debounced?.subject ?? '', body: debounced?.body ?? '' },
    { enabled: debounced !== null, placeholderData: (prev) => prev, staleTime: 0 },
  );

  const edit = (next: { subject?: string; body?: string }) => {
    dirty.current = true;
    setText((t) => ({ subject: next.subject ?? t?.subject ?? '', body: next.body ?? t?.body ?? '' }));
  };
  const pickTemplate = (id: string) => {
    const tpl = templates.data?.find((x) => x.id === id);
    if (!tpl) return;
    setTemplateId(tpl.id);
    setLanguage(tpl.language === 'en' ? 'en' : 'ja');
    edit({ subject: tpl.subject, body: tpl.body });
  };

  const cancel = () => {
    release.mutate({ submissionId });
    onClose();
  };
  const submit = () => {
    if (!text) return;
    send.mutate(
      { submissionId, subject: text.subject, body: text.body },
      {
        onSuccess: (r) => {
          announce(r.outcome === 'proposed' ? m('composer.proposed') : m('composer.queued'));
          onClose();
        },
      },
    );
  };

  const problems: TemplateProblem[] = preview.data?.problems ?? [];
  const claimError = claim.error ? claimErrorText(lang, claim.error) : null;
  const blocked = c?.blocked && c.blocked.code !== 'not_claimed' ? c.blocked : null;
  const locked = c?.draft?.state === 'proposed' && c.proposal?.state !== 'returned';
  const stale = text !== null && debounced !== text;
  const canSend = Boolean(c && text && !blocked && !locked && !claimError && problems.length === 0 && !stale && text.subject.trim() && text.body.trim() && !send.isPending);

  return (
    <Dialog title={m('composer.title')} onClose={cancel} wide>
      <div className="composer">
        {claim.isPending ? <p className="muted">{m('composer.claiming')}</p> : null}
        {claim.data ? <p className="composer-claim">{m('composer.claimed', { until: clock(claim.data.until, lang) })}</p> : null}
        {claimError ? (
          <p className="form-error" role="alert">
            {claimError}
          </p>
        ) : null}
        {blocked && c && !claimError ? (
          <p className="form-error" role="alert">
            {blockText(lang, c)}
          </p>
        ) : null}
        {c?.draft?.notice ? <p className="notice">{c.draft.notice}</p> : null}
        {c?.approvalRequired ? <p className="notice">{m('composer.approvalNote')}</p> : null}

        <dl className="composer-head">
          <dt>{m('composer.to')}</dt>
          <dd>
            <span translate="no">{c?.recipient.masked ?? ''}</span> <span className="muted small">{m('composer.toNote')}</span>
          </dd>
          {preview.data?.from ? (
            <>
              <dt>{m('composer.from')}</dt>
              <dd translate="no">{preview.data.from}</dd>
            </>
          ) : null}
          {preview.data?.replyTo ? (
            <>
              <dt>{m('composer.replyTo')}</dt>
              <dd translate="no">{preview.data.replyTo}</dd>
            </>
          ) : null}
        </dl>

        <div className="composer-columns">
          <div className="composer-edit">
            <label className="field">
              <span className="field-label">{m('composer.template')}</span>
              <select className="select" value={templateId ?? ''} disabled={locked} onChange={(e) => pickTemplate(e.target.value)}>
                <option value="">{m('composer.noTemplate')}</option>
                {(templates.data ?? []).map((tpl) => (
                  <option key={tpl.id} value={tpl.id}>
                    {tpl.name} ({tpl.language})
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">{m('composer.subject')}</span>
              <input className="input" value={text?.subject ?? ''} readOnly={locked} onChange={(e) => edit({ subject: e.target.value })} data-autofocus />
            </label>
            <label className="field">
              <span className="field-label">{m('composer.body')}</span>
              <textarea className="textarea composer-body" rows={14} value={text?.body ?? ''} readOnly={locked} onChange={(e) => edit({ body: e.target.value })} />
            </label>
            <p className="muted small">{m('composer.variables', { list: TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(' ') })}</p>
            <p className="muted small" aria-live="polite">
              {save.isPending || stale ? m('composer.saving') : save.isSuccess ? m('composer.saved') : ''}
            </p>
          </div>
          <section className="composer-preview" aria-label={m('composer.preview')} tabIndex={0}>
            <h3 className="section-title">{m('composer.preview')}</h3>
            {problems.length ? (
              <ul className="form-error composer-problems" role="alert">
                {problems.map((p) => (
                  <li key={`${p.where}-${p.variable}`}>{m(p.kind === 'unknown' ? 'composer.problemUnknown' : 'composer.problemUnfilled', { name: p.variable })}</li>
                ))}
              </ul>
            ) : null}
            <p className="composer-preview-subject">{preview.data?.subject ?? ''}</p>
            <pre className="composer-preview-body">{preview.data?.body ?? ''}</pre>
          </section>
        </div>

        {send.error ? (
          <p className="form-error" role="alert">
            {errorMessage(send.error)}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={cancel}>
            {m('composer.cancel')}
          </button>
          <button type="button" className="button button-primary" onClick={submit} disabled={!canSend}>
            {send.isPending ? m('composer.sending') : c?.approvalRequired ? m('composer.propose') : m('composer.send')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
