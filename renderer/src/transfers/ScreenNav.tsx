// Inbox | Transfers, in the top bar. Plain links to the two hashes: the browser's Back works.
import { useI18n } from '../i18n/i18n-context.js';
import { TRANSFERS_HASH, useOnTransfersScreen } from './screen.js';

export function ScreenNav() {
  const { t } = useI18n();
  const onTransfers = useOnTransfersScreen();
  return (
    <nav className="screen-nav" aria-label={t('nav.label')}>
      <a href="#/inbox" aria-current={onTransfers ? undefined : 'page'}>
        {t('nav.inbox')}
      </a>
      <a href={TRANSFERS_HASH} aria-current={onTransfers ? 'page' : undefined}>
        {t('nav.transfers')}
      </a>
    </nav>
  );
}
