// The credentials form, shared by the sign-in screen and the "session expired" dialog.
import { useId, useState, type FormEvent } from 'react';
import { errorCode, errorMessage } from '../api/errors.js';
import { useSignIn } from '../api/mutations.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/ja.js';

/** The user name typed last, kept in memory only, to fill the form when asked again. */
let lastUsername = '';

export function SignInForm({ autoFocus = true }: { autoFocus?: boolean }) {
  const { t } = useI18n();
  const signIn = useSignIn();
  const [username, setUsername] = useState(lastUsername);
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const errorId = useId();

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (signIn.isPending) return;
    // An empty field gets the focus instead of a refused request.
    const missing = !username ? 'username' : !password ? 'password' : null;
    if (missing) return e.currentTarget.querySelector<HTMLInputElement>(`input[name=${missing}]`)?.focus();
    lastUsername = username;
    signIn.mutate({ username, password, remember }, { onError: () => setPassword('') });
  };

  const code = signIn.isError ? errorCode(signIn.error) : null;
  const messageKey: MessageKey | null = code === 'invalid_credentials' ? 'signin.invalid' : code === 'offline' ? 'signin.offline' : null;
  const error = signIn.isError ? (messageKey ? t(messageKey) : t('signin.failed', { message: errorMessage(signIn.error) })) : null;

  return (
    <form className="signin-form" onSubmit={submit} aria-describedby={error ? errorId : undefined} noValidate>
      <label className="field">
        <span className="field-label">{t('signin.username')}</span>
        <input
          className="input"
          name="username"
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          required
          autoFocus={autoFocus && !username}
          data-autofocus={!username || undefined}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={code === 'invalid_credentials' || undefined}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('signin.password')}</span>
        <input
          className="input"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={autoFocus && Boolean(username)}
          data-autofocus={Boolean(username) || undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={code === 'invalid_credentials' || undefined}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        <span>{t('signin.remember')}</span>
      </label>
      {error ? (
        <p id={errorId} className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary button-wide" disabled={signIn.isPending}>
        {signIn.isPending ? t('signin.submitting') : t('signin.submit')}
      </button>
    </form>
  );
}
