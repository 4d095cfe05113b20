// The session ran out while the workspace was open: ask for the password again over it, so the
// open opinion, the filters, the selection and any half-written note stay where they were.
import { useSignOut } from '../api/mutations.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Dialog } from '../ui/Dialog.js';
import { SignInForm } from './SignInForm.js';

export function ReauthDialog() {
  const { t } = useI18n();
  const signOut = useSignOut();
  return (
    <Dialog title={t('signin.expiredTitle')} description={t('signin.expiredLead')} onClose={() => undefined} dismissible={false}>
      <SignInForm />
      <div className="dialog-actions">
        <button type="button" className="button button-quiet" onClick={() => signOut.mutate()}>
          {t('app.signOut')}
        </button>
      </div>
    </Dialog>
  );
}
