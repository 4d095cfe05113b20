// One button that switches between Japanese and English; its label is in the other language,
// so someone who cannot read the current one can still find it.
import { useI18n } from '../i18n/i18n-context.js';

export function LanguageToggle() {
  const { lang, setLang, t } = useI18n();
  const next = lang === 'ja' ? 'en' : 'ja';
  return (
    <button type="button" className="button button-small" lang={next} onClick={() => setLang(next)} aria-label={`${t('app.switchLanguageLabel')}: ${t(next === 'en' ? 'app.switchToEn' : 'app.switchToJa')}`}>
      {t(next === 'en' ? 'app.switchToEn' : 'app.switchToJa')}
    </button>
  );
}
