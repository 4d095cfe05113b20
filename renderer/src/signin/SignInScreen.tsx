// The first screen: the office's sign-in. The role comes from the server, never from here.
import { useAppInfo, useSession } from '../api/queries.js';
import { LanguageToggle } from '../app/LanguageToggle.js';
import { useI18n } from '../i18n/i18n-context.js';
import { SignInForm } from './SignInForm.js';

export function SignInScreen({ expired = false }: { expired?: boolean }) {
  const { t } = useI18n();
  const info = useAppInfo();
  const session = useSession();
  const demo = Boolean(info.data?.demo || session.data?.demo);
  return (
    <main className="signin">
      <div className="signin-card">
        <div className="signin-top">
          <p className="brand" lang="ja">
            <span className="brand-mark" aria-hidden="true">
              声
            </span>
            <span>Koe</span>
          </p>
          <LanguageToggle />
        </div>
        <h1 className="signin-title">{expired ? t('signin.expiredTitle') : t('signin.title')}</h1>
        <p className="muted">{expired ? t('signin.expiredLead') : t('signin.lead')}</p>
        <SignInForm />
        {demo ? <p className="signin-hint">{t('signin.demoHint')}</p> : null}
        {info.data ? <p className="signin-version">v{info.data.version}</p> : null}
      </div>
    </main>
  );
}
