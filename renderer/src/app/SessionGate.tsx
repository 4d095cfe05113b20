// Signed out → the sign-in screen. Signed in → the workspace. Expired → the workspace stays
// exactly as it was, with the sign-in dialog over it.
import { useEffect } from 'react';
import { useSession } from '../api/queries.js';
import { clearDrafts } from '../detail/note-drafts.js';
import { errorMessage } from '../api/errors.js';
import { useI18n } from '../i18n/i18n-context.js';
import { SignInScreen } from '../signin/SignInScreen.js';
import { ReauthDialog } from '../signin/ReauthDialog.js';
import { Workspace } from './Workspace.js';
import { TransfersScreen } from '../transfers/TransfersScreen.js';
import { useOnTransfersScreen } from '../transfers/screen.js';
import { ReportsScreen } from '../reports/ReportsScreen.js';
import { useOnReportsScreen } from '../reports/route.js';
import { DemoBanner } from './DemoBanner.js';

export function SessionGate({ appDemo }: { appDemo: boolean }) {
  const { t } = useI18n();
  const session = useSession();
  const onTransfers = useOnTransfersScreen();
  const onReports = useOnReportsScreen();
  const demo = appDemo || Boolean(session.data?.demo);
  const signedOut = session.data !== undefined && !session.data.signedIn && !session.data.expired;
  useEffect(() => {
    if (signedOut) clearDrafts();
  }, [signedOut]);

  let screen;
  if (session.isPending) {
    screen = (
      <main className="centered" aria-busy="true">
        <p>{t('app.loading')}</p>
      </main>
    );
  } else if (session.isError) {
    screen = (
      <main className="centered">
        <p role="alert">{t('app.error', { message: errorMessage(session.error) })}</p>
        <button type="button" className="button" onClick={() => void session.refetch()}>
          {t('app.retry')}
        </button>
      </main>
    );
  } else if (session.data.signedIn || (session.data.expired && session.data.staff)) {
    screen = (
      <>
        {onReports && session.data.staff?.role !== 'staff' ? (
          <ReportsScreen session={session.data} />
        ) : onTransfers ? (
          <TransfersScreen session={session.data} />
        ) : (
          <Workspace session={session.data} />
        )}
        {session.data.expired ? <ReauthDialog /> : null}
      </>
    );
  } else if (session.data.expired) {
    // Expired before anything was on screen (a reload): there is nothing to keep.
    screen = <SignInScreen expired />;
  } else {
    screen = <SignInScreen />;
  }

  return (
    <div className={demo ? 'app app-demo' : 'app'}>
      {demo ? <DemoBanner /> : null}
      {screen}
    </div>
  );
}
