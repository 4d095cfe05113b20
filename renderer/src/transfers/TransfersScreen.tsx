// The transfers view: what is marked and not yet transferred, ministry by ministry (review a
// batch, write the covering note, decide on contact data, send); what this workstation still
// has to send or the office refused; and every transfer with its status and the record for the
// file. Admins also edit which ministry a theme suggests.
import { useState } from 'react';
import type { SessionInfo } from '../../../shared/contract.js';
import type { PendingGroup, QueuedTransfer, TransferSummary } from '../../../shared/contract-transfers.js';
import type { ReferenceData } from '../../../shared/domain.js';
import { errorMessage } from '../api/errors.js';
import { useReference } from '../api/queries.js';
import { useChangeEvents } from '../api/use-change-events.js';
import { TopBar } from '../app/TopBar.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatCount, formatDateTime } from '../i18n/format.js';
import { codeLabel, ministryLabel, staffLabel } from '../i18n/labels.js';
import { HelpDialog } from '../keyboard/HelpDialog.js';
import { SyncStatusBar } from '../sync-status/SyncStatusBar.js';
import { useAnnounce } from '../ui/announcer.js';
import { Dialog } from '../ui/Dialog.js';
import { useDiscardTransfer, useExportTransfer, usePendingTransfers, useResendTransfer, useSetThemeMinistry, useThemeMap, useTransferList, useTransferOutbox } from './api.js';
import { offerDownload } from './download.js';
import { ReviewDialog } from './ReviewDialog.js';
import { transferStatusLabel } from './status-label.js';
import './transfers.css';

export function TransfersScreen({ session }: { session: SessionInfo }) {
  useChangeEvents();
  const { t } = useI18n();
  const reference = useReference();
  const [help, setHelp] = useState(false);
  return (
    <div className="workspace">
      <TopBar session={session} onHelp={() => setHelp(true)} />
      <main className="transfers" aria-labelledby="transfers-title">
        <h2 id="transfers-title" className="transfers-title">
          {t('transfers.title')}
        </h2>
        <PendingSection reference={reference.data} />
        <OutboxSection reference={reference.data} />
        <HistorySection reference={reference.data} />
        {session.staff?.role === 'admin' ? <ThemeMapSection reference={reference.data} /> : null}
      </main>
      <SyncStatusBar role={session.staff?.role ?? 'staff'} />
      {help ? <HelpDialog onClose={() => setHelp(false)} /> : null}
    </div>
  );
}

function PendingSection({ reference }: { reference: ReferenceData | undefined }) {
  const { t, lang } = useI18n();
  const pending = usePendingTransfers();
  const [reviewing, setReviewing] = useState<PendingGroup | null>(null);
  const groups = pending.data ?? [];
  return (
    <section className="transfers-section" aria-labelledby="pending-heading">
      <h3 id="pending-heading" className="section-title">
        {t('transfers.pendingHeading')}
      </h3>
      <p className="muted small">{t('transfers.pendingLead')}</p>
      {pending.isError ? <p role="alert">{t('app.error', { message: errorMessage(pending.error) })}</p> : null}
      {pending.isSuccess && groups.length === 0 ? <p className="muted">{t('transfers.pendingEmpty')}</p> : null}
      <ul className="pending-groups">
        {groups.map((g) => {
          const name = ministryLabel(reference?.ministries, g.ministry, lang);
          const returned = g.items.filter((i) => i.returned).length;
          return (
            <li key={g.ministry} className="pending-group" aria-labelledby={`pending-${g.ministry}`}>
              <div className="pending-head">
                <h4 id={`pending-${g.ministry}`} className="pending-name">
                  {name}
                </h4>
                <span className="pending-count">{t('transfers.groupCount', { n: formatCount(g.items.length, lang) })}</span>
                {returned > 0 ? <span className="returned-mark">{t('transfers.returnedCount', { n: formatCount(returned, lang) })}</span> : null}
                <span className="row-spacer" />
                <button
                  type="button"
                  className="button button-primary button-small"
                  disabled={!g.sendable}
                  aria-label={t('transfers.reviewFor', { ministry: name })}
                  onClick={() => setReviewing(g)}
                >
                  {t('transfers.review')}
                </button>
              </div>
              {!g.sendable ? <p className="form-error small">{t('transfers.notSendable')}</p> : null}
              <ul className="pending-items">
                {g.items.slice(0, 4).map((i) => (
                  <li key={i.id} className="pending-item">
                    <span className="pending-id">{i.id}</span>
                    <span className="pending-excerpt">{i.excerpt}</span>
                    {i.returned ? <span className="returned-mark">{t('transfers.returnedBadge', { reason: i.returned.reason ?? t('transfers.noReason') })}</span> : null}
                  </li>
                ))}
                {g.items.length > 4 ? <li className="muted small">…</li> : null}
              </ul>
            </li>
          );
        })}
      </ul>
      {reviewing ? <ReviewDialog group={reviewing} reference={reference} onClose={() => setReviewing(null)} /> : null}
    </section>
  );
}

function OutboxSection({ reference }: { reference: ReferenceData | undefined }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const outbox = useTransferOutbox();
  const resend = useResendTransfer();
  const discard = useDiscardTransfer();
  const fail = (e: unknown) => announce(t('transfers.failed', { message: errorMessage(e) }), 'error');
  const rows = outbox.data ?? [];
  return (
    <section className="transfers-section" aria-labelledby="outbox-heading">
      <h3 id="outbox-heading" className="section-title">
        {t('transfers.outboxHeading')}
      </h3>
      {outbox.isSuccess && rows.length === 0 ? <p className="muted">{t('transfers.outboxEmpty')}</p> : null}
      <ul className="outbox-list">
        {rows.map((q: QueuedTransfer) => {
          const name = ministryLabel(reference?.ministries, q.ministry, lang);
          const rest = q.submissionIds.filter((id) => !q.refused?.submissionIds.includes(id)).length;
          return (
            <li key={q.id} className={q.refused ? 'outbox-item outbox-refused' : 'outbox-item'}>
              <p className="outbox-head">
                <strong>{name}</strong>
                <span>{t('transfers.groupCount', { n: formatCount(q.submissionIds.length, lang) })}</span>
                {q.parts > 1 ? <span className="muted">{t('transfers.part', { part: q.part, parts: q.parts })}</span> : null}
                <time className="muted" dateTime={q.createdAt}>
                  {formatDateTime(q.createdAt, lang)}
                </time>
                <span className={q.refused ? 'transfer-status ts-refused' : 'transfer-status ts-queued'}>{transferStatusLabel(q.refused ? 'refused' : 'queued', t)}</span>
              </p>
              {q.refused ? (
                <div role="alert" className="outbox-problem">
                  <p>{t('transfers.refused', { message: q.refused.message })}</p>
                  {q.refused.submissionIds.length ? <p>{t('transfers.refusedItems', { ids: q.refused.submissionIds.join('、') })}</p> : null}
                  {q.refused.ministry ? <p>{t('transfers.refusedMinistry')}</p> : null}
                  <div className="dialog-actions">
                    {!q.refused.ministry && rest > 0 ? (
                      <button type="button" className="button button-primary button-small" disabled={resend.isPending} onClick={() => resend.mutate(q.id, { onSuccess: () => announce(t('transfers.resent')), onError: fail })}>
                        {t('transfers.resend', { n: formatCount(rest, lang) })}
                      </button>
                    ) : null}
                    <button type="button" className="button button-small" disabled={discard.isPending} onClick={() => discard.mutate(q.id, { onSuccess: () => announce(t('transfers.discarded')), onError: fail })}>
                      {t('transfers.discard')}
                    </button>
                  </div>
                </div>
              ) : (
                <p className="muted small">
                  {t('transfers.attempts', { n: q.attempts })}
                  {q.lastError ? ` — ${t('transfers.lastError', { message: q.lastError })}` : ''}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function HistorySection({ reference }: { reference: ReferenceData | undefined }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const list = useTransferList();
  const exp = useExportTransfer();
  const [confirming, setConfirming] = useState<TransferSummary | null>(null);
  const rows = list.data ?? [];

  const run = (id: string, format: 'csv' | 'pdf') =>
    exp.mutate(
      { id, format },
      {
        onSuccess: (r) => {
          if (r.outcome === 'download') {
            offerDownload(r.fileName, r.mime, r.base64);
            announce(t('transfers.downloaded', { file: r.fileName }));
          } else announce(r.outcome === 'saved' ? t('transfers.saved', { file: r.fileName }) : t('transfers.cancelled'));
        },
        onError: (e) => announce(t('transfers.failed', { message: errorMessage(e) }), 'error'),
      },
    );

  return (
    <section className="transfers-section" aria-labelledby="history-heading-transfers">
      <h3 id="history-heading-transfers" className="section-title">
        {t('transfers.historyHeading')}
      </h3>
      {list.isSuccess && rows.length === 0 ? <p className="muted">{t('transfers.historyEmpty')}</p> : null}
      {rows.length ? (
        <table className="transfers-table">
          <thead>
            <tr>
              <th scope="col">{t('transfers.col.date')}</th>
              <th scope="col">{t('transfers.col.ministry')}</th>
              <th scope="col">{t('transfers.col.count')}</th>
              <th scope="col">{t('transfers.col.status')}</th>
              <th scope="col">{t('transfers.col.note')}</th>
              <th scope="col">{t('transfers.col.contact')}</th>
              <th scope="col">{t('transfers.col.record')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const name = ministryLabel(reference?.ministries, r.ministry, lang);
              const date = formatDateTime(r.createdAt, lang);
              return (
                <tr key={r.id}>
                  <td>
                    <time dateTime={r.createdAt}>{date}</time>
                    <div className="muted small">{staffLabel(reference, r.createdBy, lang)}</div>
                  </td>
                  <td>{name}</td>
                  <td className="num">{formatCount(r.submissionIds.length, lang)}</td>
                  <td>
                    <span className={`transfer-status ts-${['submitted', 'accepted', 'returned'].includes(r.status) ? r.status : 'other'}`}>{transferStatusLabel(r.status, t)}</span>
                    {r.reason ? <div className="small">{r.reason}</div> : null}
                  </td>
                  <td className="transfers-note">{r.note}</td>
                  <td>{r.includeContact ? t('transfers.contactYes') : t('transfers.contactNo')}</td>
                  <td className="transfers-record">
                    <button type="button" className="button button-small" aria-label={t('transfers.exportPdfFor', { ministry: name, date })} disabled={exp.isPending} onClick={() => run(r.id, 'pdf')}>
                      {t('transfers.exportPdf')}
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('transfers.exportCsvFor', { ministry: name, date })}
                      disabled={exp.isPending}
                      onClick={() => (r.includeContact ? setConfirming(r) : run(r.id, 'csv'))}
                    >
                      {t('transfers.exportCsv')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {confirming ? (
        <Dialog title={t('transfers.exportContactTitle')} description={t('transfers.exportContactBody')} onClose={() => setConfirming(null)}>
          <div className="dialog-actions">
            <button type="button" className="button" data-autofocus onClick={() => setConfirming(null)}>
              {t('app.cancel')}
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                run(confirming.id, 'csv');
                setConfirming(null);
              }}
            >
              {t('transfers.exportContactConfirm')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

function ThemeMapSection({ reference }: { reference: ReferenceData | undefined }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const map = useThemeMap();
  const set = useSetThemeMinistry();
  const byTheme = new Map((map.data ?? []).map((m) => [m.theme, m.ministry]));
  const themes = [...new Set([...(reference?.themes ?? []).map((x) => x.code), ...byTheme.keys()])];
  const active = (reference?.ministries ?? []).filter((m) => m.active);
  return (
    <section className="transfers-section" aria-labelledby="map-heading">
      <h3 id="map-heading" className="section-title">
        {t('transfers.mapHeading')}
      </h3>
      <p className="muted small">{t('transfers.mapLead')}</p>
      <table className="transfers-table theme-map">
        <thead>
          <tr>
            <th scope="col">{t('transfers.mapTheme')}</th>
            <th scope="col">{t('transfers.mapMinistry')}</th>
          </tr>
        </thead>
        <tbody>
          {themes.map((theme) => {
            const themeName = codeLabel(reference?.themes, theme, lang) ?? theme;
            const current = byTheme.get(theme) ?? '';
            return (
              <tr key={theme}>
                <td>{themeName}</td>
                <td>
                  <select
                    className="select"
                    aria-label={t('transfers.mapFor', { theme: themeName })}
                    value={current}
                    disabled={set.isPending}
                    onChange={(e) =>
                      set.mutate(
                        { theme, ministry: e.target.value || null },
                        { onSuccess: () => announce(t('transfers.mapSaved')), onError: (err) => announce(t('transfers.failed', { message: errorMessage(err) }), 'error') },
                      )
                    }
                  >
                    <option value="">{t('transfers.mapNone')}</option>
                    {current && !active.some((m) => m.code === current) ? <option value={current}>{ministryLabel(reference?.ministries, current, lang)}</option> : null}
                    {active.map((m) => (
                      <option key={m.code} value={m.code}>
                        {ministryLabel(reference?.ministries, m.code, lang)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
