// Shown on every screen while Koe talks to the simulator, so no one mistakes sample
// opinions for citizens' real ones (or the reverse).
import { useI18n } from '../i18n/i18n-context.js';

export function DemoBanner() {
  const { t } = useI18n();
  return (
    <div className="demo-banner" role="note" aria-label={t('app.demo')}>
      {t('app.demo')}
    </div>
  );
}
