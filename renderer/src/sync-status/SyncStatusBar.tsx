// The bottom bar: when Koe last heard from the office, progress while it is syncing, whether
// it is offline, what waits to be sent, what failed and why (with a retry), and — for
// administrators — how many records were quarantined as malformed.
import type { SessionInfo } from '../../../shared/contract.js';
import { useSyncNow } from '../api/mutations.js';
import { useQuarantineCount, useSyncStatus } from '../api/queries.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatCount, formatDateTime } from '../i18n/format.js';
import { isMessageKey } from '../i18n/translate.js';

type Role = NonNullable<SessionInfo['staff']>['role'];

export function SyncStatusBar({ role }: { role: Role }) {
  const { t, lang } = useI18n();
  const status = useSyncStatus();
  const syncNow = useSyncNow();
  const quarantine = useQuarantineCount(role === 'admin');
  const s = status.data;
  const phaseKey = s ? `sync.phase.${s.phase}` : '';
  const phase = s && isMessageKey(phaseKey) ? t(phaseKey) : (s?.phase ?? '');
  // Everything this workstation holds that the office (or the mail relay) has not taken yet.
  const waiting = s ? s.pendingOutbox + s.pendingTransfers + s.pendingReplies : 0;

  return (
    <footer className="syncbar" aria-label={t('sync.heading')}>
      {s ? (
        <>
          <span className={s.offline ? 'sync-dot sync-offline' : 'sync-dot sync-online'}>{s.offline ? t('sync.offline') : t('sync.online')}</span>
          {s.running ? (
            <span className="sync-progress">
              {/* Offline while running: the tries go on with growing waits; say that, not a phase. */}
              <span>{s.offline ? t('sync.reconnecting') : t('sync.running', { phase })}</span>
              <progress aria-label={t('sync.progress')} max={s.itemsExpected ?? undefined} value={s.itemsExpected ? s.itemsDone : undefined} />
            </span>
          ) : (
            <span>{s.lastSyncAt ? t('sync.last', { time: formatDateTime(s.lastSyncAt, lang) }) : t('sync.never')}</span>
          )}
          {waiting > 0 ? (
            <span
              className="sync-pending"
              title={t('sync.pendingDetail', { events: formatCount(s.pendingOutbox, lang), transfers: formatCount(s.pendingTransfers, lang), replies: formatCount(s.pendingReplies, lang) })}
            >
              {t('sync.pending', { n: formatCount(waiting, lang) })}
            </span>
          ) : null}
          {s.indexPending > 0 ? <span className="muted">{t('sync.indexPending', { n: formatCount(s.indexPending, lang) })}</span> : null}
          {role === 'admin' && quarantine.data && quarantine.data.count > 0 ? <span className="sync-quarantine">{t('sync.quarantine', { n: formatCount(quarantine.data.count, lang) })}</span> : null}
          <span className="row-spacer" />
          {s.lastError && !s.running ? (
            <span className="sync-error" role="alert" title={s.lastError}>
              {/* The kind of failure in the user's language; main's own words (for IT) as the title. */}
              {t('sync.failed', { reason: s.lastErrorCode ? t(`sync.error.${s.lastErrorCode}`) : s.lastError })}
              <button type="button" className="button button-small" onClick={() => syncNow.mutate()} disabled={syncNow.isPending}>
                {t('sync.retry')}
              </button>
            </span>
          ) : (
            <button type="button" className="button button-quiet button-small" onClick={() => syncNow.mutate()} disabled={s.running || syncNow.isPending}>
              {t('sync.now')}
            </button>
          )}
        </>
      ) : (
        <span className="muted">{t('app.loading')}</span>
      )}
    </footer>
  );
}
