// Who is signed in, the language, the shortcut help and signing out.
import type { SessionInfo } from '../../../shared/contract.js';
import { useSignOut } from '../api/mutations.js';
import { useI18n } from '../i18n/i18n-context.js';
import { roleLabel } from '../i18n/labels.js';
import { LanguageToggle } from './LanguageToggle.js';
import { MailButton } from '../composer/MailCenter.js';
import { AboutButton } from '../settings/AboutDialog.js';
import { ScreenNav } from '../transfers/ScreenNav.js';

export function TopBar({ session, onHelp }: { session: SessionInfo; onHelp: () => void }) {
  const { t, lang } = useI18n();
  const signOut = useSignOut();
  return (
    <header className="topbar">
      <h1 className="brand" lang="ja">
        <span className="brand-mark" aria-hidden="true">
          声
        </span>
        <span>Koe</span>
      </h1>
      <ScreenNav />
      <div className="topbar-tools">
        {session.staff ? <span className="topbar-user">{t('app.signedInAs', { name: session.staff.name, role: roleLabel(session.staff.role, lang) })}</span> : null}
        <LanguageToggle />
        <MailButton session={session} />
        <AboutButton />
        <button type="button" className="button button-quiet" onClick={onHelp} aria-keyshortcuts="?">
          <span aria-hidden="true" className="kbd-hint">
            ?
          </span>{' '}
          {t('app.help')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {t('app.signOut')}
        </button>
      </div>
    </header>
  );
}
