// Inbox | Transfers (| Reports for supervisors and admins), in the top bar. Plain links to the
// hashes: the browser's Back works.
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../api/queries.js';
import { REPORTS_HASH, useOnReportsScreen } from '../reports/route.js';
import { TRANSFERS_HASH, useOnTransfersScreen } from './screen.js';

export function ScreenNav() {
  const { t } = useI18n();
  const onReports = useOnReportsScreen();
  // Reports are for supervisors and admins (main enforces it; this only saves others a dead end).
  const canReport = ['supervisor', 'admin'].includes(useSession().data?.staff?.role ?? 'staff');
  const onTransfers = useOnTransfersScreen();
  return (
    <nav className="screen-nav" aria-label={t('nav.label')}>
      <a href="#/inbox" aria-current={onTransfers || (onReports && canReport) ? undefined : 'page'}>
        {t('nav.inbox')}
      </a>
      <a href={TRANSFERS_HASH} aria-current={onTransfers ? 'page' : undefined}>
        {t('nav.transfers')}
      </a>
      {canReport ? (
        <a href={REPORTS_HASH} aria-current={onReports ? 'page' : undefined}>
          {t('nav.reports')}
        </a>
      ) : null}
    </nav>
  );
}
